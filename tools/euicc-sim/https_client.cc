// SPDX-License-Identifier: Apache-2.0
// HttpsClient on libcurl (SGP.22 §6.5 JSON binding, §2.6.6 TLS). See https_client.h.
#include "https_client.h"

#include <curl/curl.h>
#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cctype>
#include <mutex>

namespace smdp::lpa {
namespace {

std::string http_errc_name(HttpErrc e) {
  switch (e) {
    case HttpErrc::invalid_config:
      return "invalid HTTPS client configuration";
    case HttpErrc::init_failed:
      return "cannot initialise the HTTP client";
    case HttpErrc::resolve_failed:
      return "cannot resolve the SM-DP+ host";
    case HttpErrc::connect_failed:
      return "cannot connect to the SM-DP+";
    case HttpErrc::tls_failed:
      return "TLS handshake failed";
    case HttpErrc::untrusted_server:
      return "SM-DP+ TLS certificate not trusted";
    case HttpErrc::timeout:
      return "HTTP request timed out";
    case HttpErrc::transfer_failed:
      return "HTTP transfer failed";
  }
  return "unknown HTTP error";
}

}  // namespace

SMDP_DEFINE_ERROR_CATEGORY(HttpErrc, "smdp.lpa.http", http_errc_name)

namespace {

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return std::string(s);
}

bool iequals(std::string_view a, std::string_view b) {
  return std::ranges::equal(a, b, [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

// PEM of each DER certificate, concatenated: what CURLOPT_CAINFO_BLOB expects.
Result<std::string> certificates_to_pem(const std::vector<Bytes>& ders) {
  std::string pem;
  for (std::size_t i = 0; i < ders.size(); ++i) {
    const unsigned char* p = ders[i].data();
    X509* x = d2i_X509(nullptr, &p, static_cast<long>(ders[i].size()));
    if (x == nullptr || p != ders[i].data() + ders[i].size()) {
      X509_free(x);
      return fail(HttpErrc::invalid_config, "trusted_ci_certificates[" + std::to_string(i) + "]");
    }
    BIO* bio = BIO_new(BIO_s_mem());
    const bool ok = bio != nullptr && PEM_write_bio_X509(bio, x) == 1;
    X509_free(x);
    if (!ok) {
      BIO_free(bio);
      return fail(HttpErrc::init_failed, "PEM conversion");
    }
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    pem.append(data, static_cast<std::size_t>(len));
    BIO_free(bio);
  }
  return pem;
}

HttpErrc map_curl_error(CURLcode rc) {
  switch (rc) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return HttpErrc::resolve_failed;
    case CURLE_COULDNT_CONNECT:
      return HttpErrc::connect_failed;
    case CURLE_OPERATION_TIMEDOUT:
      return HttpErrc::timeout;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
      return HttpErrc::untrusted_server;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_SHUTDOWN_FAILED:
      return HttpErrc::tls_failed;
    default:
      return HttpErrc::transfer_failed;
  }
}

void global_init_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

extern "C" std::size_t write_body(char* data, std::size_t size, std::size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}

extern "C" std::size_t write_header(char* data, std::size_t size, std::size_t n, void* user) {
  auto* headers = static_cast<std::vector<std::pair<std::string, std::string>>*>(user);
  const std::string_view line(data, size * n);
  if (line.starts_with("HTTP/")) {
    headers->clear();  // a new response (e.g. after 100 Continue): keep the last one only
  } else if (const auto colon = line.find(':'); colon != std::string_view::npos) {
    headers->emplace_back(trim(line.substr(0, colon)), trim(line.substr(colon + 1)));
  }
  return size * n;
}

}  // namespace

std::optional<std::string> HttpResponse::header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (iequals(k, name)) return v;
  }
  return std::nullopt;
}

std::string es9_path(std::string_view function) {
  return "/gsma/rsp2/es9plus/" + std::string(function);
}

struct HttpsClient::Impl {
  HttpsClientConfig config;
  std::string ca_pem;
  std::string connect_to_entry;
  CURL* curl = nullptr;
  curl_slist* request_headers = nullptr;
  curl_slist* connect_to = nullptr;

  ~Impl() {
    if (curl != nullptr) curl_easy_cleanup(curl);
    curl_slist_free_all(request_headers);
    curl_slist_free_all(connect_to);
  }
};

HttpsClient::HttpsClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HttpsClient::~HttpsClient() = default;
HttpsClient::HttpsClient(HttpsClient&&) noexcept = default;
HttpsClient& HttpsClient::operator=(HttpsClient&&) noexcept = default;

Result<HttpsClient> HttpsClient::create(HttpsClientConfig config) {
  global_init_once();
  auto impl = std::make_unique<Impl>();
  if (config.trusted_ci_certificates.empty())
    return fail(HttpErrc::invalid_config, "no trusted CI certificate");
  auto pem = certificates_to_pem(config.trusted_ci_certificates);
  if (!pem) return std::unexpected(pem.error());
  impl->ca_pem = std::move(*pem);
  if (!config.connect_to.empty()) {
    const auto colon = config.connect_to.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == config.connect_to.size())
      return fail(HttpErrc::invalid_config, "connect_to must be HOST:PORT");
    // "::HOST:PORT": any host and port of the URL goes to HOST:PORT.
    impl->connect_to_entry = "::" + config.connect_to;
    impl->connect_to = curl_slist_append(nullptr, impl->connect_to_entry.c_str());
  }
  impl->curl = curl_easy_init();
  if (impl->curl == nullptr) return fail(HttpErrc::init_failed, "curl_easy_init");
  for (const std::string& h :
       {std::string("Content-Type: application/json;charset=UTF-8"),
        "X-Admin-Protocol: " + config.admin_protocol, std::string("User-Agent: gsma-rsp-lpad"),
        std::string("Accept: application/json"), std::string("Expect:")}) {
    curl_slist* next = curl_slist_append(impl->request_headers, h.c_str());
    if (next == nullptr) return fail(HttpErrc::init_failed, "headers");
    impl->request_headers = next;
  }
  impl->config = std::move(config);
  return HttpsClient(std::move(impl));
}

Result<HttpResponse> HttpsClient::post(std::string_view smdp_address, std::string_view function,
                                       std::string_view json_body) {
  return post_path(smdp_address, es9_path(function), json_body);
}

Result<HttpResponse> HttpsClient::post_path(std::string_view smdp_address, std::string_view path,
                                            std::string_view json_body) {
  CURL* c = impl_->curl;
  const std::string url = "https://" + std::string(smdp_address) + std::string(path);
  HttpResponse response;
  char error_text[CURL_ERROR_SIZE] = {};

  // Options are re-applied per request; the handle (and its connection cache) stays.
  curl_blob ca{};
  ca.data = impl_->ca_pem.data();
  ca.len = impl_->ca_pem.size();
  ca.flags = CURL_BLOB_NOCOPY;
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https");
  curl_easy_setopt(c, CURLOPT_CAINFO_BLOB, &ca);
  // Only the eUICC's CIs: no system bundle, no CA directory.
  curl_easy_setopt(c, CURLOPT_CAINFO, nullptr);
  curl_easy_setopt(c, CURLOPT_CAPATH, nullptr);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(c, CURLOPT_SSLVERSION, CURL_SSLVERSION_TLSv1_2);
  curl_easy_setopt(c, CURLOPT_CONNECT_TO, impl_->connect_to);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, impl_->request_headers);
  curl_easy_setopt(c, CURLOPT_POST, 1L);
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, json_body.data());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(json_body.size()));
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(impl_->config.connect_timeout.count()));
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(impl_->config.timeout.count()));
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, write_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, write_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &response.headers);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_text);

  const CURLcode rc = curl_easy_perform(c);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, nullptr);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, nullptr);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, nullptr);
  if (rc != CURLE_OK) {
    const std::string detail = error_text[0] != '\0' ? error_text : curl_easy_strerror(rc);
    return fail(map_curl_error(rc), url + ": " + detail);
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response.status);
  return response;
}

}  // namespace smdp::lpa
