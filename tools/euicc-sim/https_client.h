// SPDX-License-Identifier: Apache-2.0
// The LPA's ES9+ transport (SGP.22 §6.5 JSON binding over HTTPS, §6.6 ASN.1 binding,
// §2.6.6 TLS): POST of a JSON body to https://<SM-DP+ address>/gsma/rsp2/es9plus/<function>
// (or of DER to /gsma/rsp2/asn1), with the headers an LPA sends (Content-Type
// application/json;charset=UTF-8 or application/x-gsma-rsp-asn1, X-Admin-Protocol,
// User-Agent gsma-rsp-lpad). The server certificate must chain to one of the GSMA CI
// certificates the eUICC trusts and carry the SM-DP+ address as its name.
//
// Es9Transport is the seam the download flow uses, so tests can put a fake or a
// tampering transport between the LPA and the network.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/bytes.h"
#include "base/error.h"
#include "http/client.h"

namespace smdp::lpa {

// The ES9+ binding: JSON (§6.5, POST .../es9plus/<function>) or ASN.1 (§6.6, POST
// /gsma/rsp2/asn1 with a RemoteProfileProvisioningRequest).
enum class Es9Binding { json, asn1 };

// The transport is http::Client (src/http/client.h): same errors, same response.
using HttpErrc = http::ClientErrc;
using HttpResponse = http::ClientResponse;

class Es9Transport {
 public:
  virtual ~Es9Transport() = default;
  // POSTs `json_body` to the ES9+ function `function` (lowerCamel, e.g.
  // "initiateAuthentication") of the SM-DP+ at `smdp_address` (FQDN, optionally
  // ":port"). Returns whatever HTTP status the server answered; an error only if no
  // HTTP response was received. Never throws.
  virtual Result<HttpResponse> post(std::string_view smdp_address, std::string_view function,
                                    std::string_view json_body) = 0;
  // The binding the bodies are in (the path and content type follow from it).
  virtual Es9Binding binding() const { return Es9Binding::json; }
};

struct HttpsClientConfig {
  // DER certificates the server's TLS certificate must chain to (the eUICC's CIs).
  std::vector<Bytes> trusted_ci_certificates;
  // "HOST:PORT" to connect to instead of what the SM-DP+ address resolves to; TLS still
  // checks the certificate against the address. Empty: no override.
  std::string connect_to;
  // More "HOST:PORT"s, e.g. several instances of one SM-DP+ (needs connect_to): the
  // requests then go round-robin over connect_to and these, one request each in turn
  // (request 1 to connect_to, request 2 to more_connect_to[0], ...), each endpoint on its
  // own keep-alive connection. Empty: every request to connect_to.
  std::vector<std::string> more_connect_to;
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds timeout{60'000};  // whole request
  std::string admin_protocol = "gsma/rsp/v2.2.0";
  Es9Binding binding = Es9Binding::json;
};

// One http::Client per client (per endpoint with more_connect_to), so consecutive
// requests reuse the TLS connection (keep-alive). Not thread-safe: one client per
// simulated device / thread.
class HttpsClient final : public Es9Transport {
 public:
  // Errors: invalid_config (a CI is not a certificate), init_failed.
  static Result<HttpsClient> create(HttpsClientConfig config);
  ~HttpsClient() override;
  HttpsClient(HttpsClient&&) noexcept;
  HttpsClient& operator=(HttpsClient&&) noexcept;

  // JSON: to es9_path(function); ASN.1: to kAsn1Path whatever the function (the
  // envelope names it), with Content-Type application/x-gsma-rsp-asn1.
  Result<HttpResponse> post(std::string_view smdp_address, std::string_view function,
                            std::string_view json_body) override;
  Es9Binding binding() const override;
  // POST to an arbitrary path on the server (e.g. a wrong path in negative tests).
  Result<HttpResponse> post_path(std::string_view smdp_address, std::string_view path,
                                 std::string_view json_body);

 private:
  struct Impl;
  explicit HttpsClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The ES9+ path of a function: "/gsma/rsp2/es9plus/<function>".
std::string es9_path(std::string_view function);
inline constexpr std::string_view kAsn1Path = "/gsma/rsp2/asn1";

}  // namespace smdp::lpa
