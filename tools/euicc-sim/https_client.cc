// SPDX-License-Identifier: Apache-2.0
// HttpsClient on http::Client (SGP.22 §6.5 JSON binding, §2.6.6 TLS). See https_client.h.
#include "https_client.h"

namespace smdp::lpa {

std::string es9_path(std::string_view function) {
  return "/gsma/rsp2/es9plus/" + std::string(function);
}

struct HttpsClient::Impl {
  std::vector<http::Client> clients;  // one per endpoint, used in turn
  std::size_t next = 0;               // the index of the next request's client
  Es9Binding binding;
  // The headers an LPA sends (§6.5.1: JSON, X-Admin-Protocol; User-Agent per ES9+).
  std::vector<std::pair<std::string, std::string>> headers;
};

HttpsClient::HttpsClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HttpsClient::~HttpsClient() = default;
HttpsClient::HttpsClient(HttpsClient&&) noexcept = default;
HttpsClient& HttpsClient::operator=(HttpsClient&&) noexcept = default;

Result<HttpsClient> HttpsClient::create(HttpsClientConfig config) {
  if (!config.more_connect_to.empty() && config.connect_to.empty())
    return fail(HttpErrc::invalid_config, "more_connect_to needs connect_to");
  std::vector<std::string> endpoints{std::move(config.connect_to)};
  for (std::string& e : config.more_connect_to) endpoints.push_back(std::move(e));
  std::vector<http::Client> clients;
  for (std::string& endpoint : endpoints) {
    http::ClientConfig c;
    c.trusted_ca_der = config.trusted_ci_certificates;
    c.connect_to = std::move(endpoint);
    c.connect_timeout = config.connect_timeout;
    c.timeout = config.timeout;
    auto client = http::Client::create(std::move(c));
    if (!client) return std::unexpected(std::move(client.error()));
    clients.push_back(std::move(*client));
  }
  const bool asn1 = config.binding == Es9Binding::asn1;
  const char* type = asn1 ? "application/x-gsma-rsp-asn1" : "application/json;charset=UTF-8";
  return HttpsClient(std::make_unique<Impl>(
      Impl{std::move(clients),
           0,
           config.binding,
           {{"Content-Type", type},
            {"X-Admin-Protocol", config.admin_protocol},
            {"User-Agent", "gsma-rsp-lpad"},
            {"Accept", asn1 ? "application/x-gsma-rsp-asn1" : "application/json"}}}));
}

Result<HttpResponse> HttpsClient::post(std::string_view smdp_address, std::string_view function,
                                       std::string_view json_body) {
  if (impl_->binding == Es9Binding::asn1) return post_path(smdp_address, kAsn1Path, json_body);
  return post_path(smdp_address, es9_path(function), json_body);
}

Es9Binding HttpsClient::binding() const { return impl_->binding; }

Result<HttpResponse> HttpsClient::post_path(std::string_view smdp_address, std::string_view path,
                                            std::string_view json_body) {
  const std::string url = "https://" + std::string(smdp_address) + std::string(path);
  http::Client& client = impl_->clients[impl_->next];
  impl_->next = (impl_->next + 1) % impl_->clients.size();
  return client.post(url, impl_->headers, json_body);
}

}  // namespace smdp::lpa
