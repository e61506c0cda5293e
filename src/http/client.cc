// SPDX-License-Identifier: Apache-2.0
// http::Client on libcurl (OpenSSL backend): certificates in memory, TLS 1.2+, no
// redirects, capped responses. See client.h for the contract.
#include "http/client.h"

#include <curl/curl.h>
#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <algorithm>
#include <array>
#include <mutex>

namespace smdp::http {

// Our client identity in OpenSSL's form: leaf, intermediates and key (outside the
// anonymous namespace: Client::Impl holds one).
struct ClientIdentity {
  std::unique_ptr<X509, void (*)(X509*)> leaf{nullptr, X509_free};
  std::unique_ptr<STACK_OF(X509), void (*)(STACK_OF(X509)*)> chain{
      nullptr, [](STACK_OF(X509) * s) { sk_X509_pop_free(s, X509_free); }};
  std::shared_ptr<EVP_PKEY> key;
};

namespace {

std::string client_errc_name(ClientErrc e) {
  switch (e) {
    case ClientErrc::invalid_config:
      return "invalid HTTPS client configuration";
    case ClientErrc::init_failed:
      return "cannot initialise the HTTPS client";
    case ClientErrc::resolve_failed:
      return "cannot resolve the host";
    case ClientErrc::connect_failed:
      return "cannot connect";
    case ClientErrc::tls_failed:
      return "TLS handshake failed";
    case ClientErrc::untrusted_server:
      return "server TLS certificate not trusted";
    case ClientErrc::timeout:
      return "HTTP request timed out";
    case ClientErrc::transfer_failed:
      return "HTTP transfer failed";
  }
  return "unknown HTTP client error";
}

}  // namespace

SMDP_DEFINE_ERROR_CATEGORY(ClientErrc, "smdp.http.client", client_errc_name)

namespace {

constexpr std::size_t kMaxBodyBytes = std::size_t{1} << 20;
constexpr std::size_t kMaxHeaderBytes = std::size_t{64} << 10;

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
  return std::ranges::equal(a, b, [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

std::string trim(std::string_view s) {
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return std::string(s);
}

struct X509Deleter {
  void operator()(X509* x) const { X509_free(x); }
};
using X509Ptr = std::unique_ptr<X509, X509Deleter>;

X509Ptr parse_der(const Bytes& der) {
  const unsigned char* p = der.data();
  X509Ptr x(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
  if (x && p != der.data() + der.size()) x.reset();
  return x;
}

// The PEM of each DER certificate, concatenated (what curl's PEM blobs take).
Result<std::string> to_pem(const std::vector<Bytes>& ders, std::string_view what) {
  std::string pem;
  for (std::size_t i = 0; i < ders.size(); ++i) {
    const X509Ptr x = parse_der(ders[i]);
    if (!x)
      return fail(ClientErrc::invalid_config, std::string(what) + "[" + std::to_string(i) + "]");
    BIO* bio = BIO_new(BIO_s_mem());
    const bool ok = bio != nullptr && PEM_write_bio_X509(bio, x.get()) == 1;
    if (!ok) {
      BIO_free(bio);
      return fail(ClientErrc::init_failed, "PEM conversion");
    }
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    pem.append(data, static_cast<std::size_t>(len));
    BIO_free(bio);
  }
  return pem;
}

// The client key of `config`: its object, or its PEM parsed (and then wiped).
Result<std::shared_ptr<EVP_PKEY>> client_key(ClientConfig& config) {
  if (config.client_private_key) return config.client_private_key;
  std::string& pem = config.client_private_key_pem;
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  if (bio == nullptr) return fail(ClientErrc::init_failed, "key buffer");
  std::shared_ptr<EVP_PKEY> key(PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr),
                                EVP_PKEY_free);
  BIO_free(bio);
  OPENSSL_cleanse(pem.data(), pem.size());
  pem.clear();
  if (!key) return fail(ClientErrc::invalid_config, "client_private_key_pem");
  return key;
}

Result<ClientIdentity> load_identity(ClientConfig& config) {
  ClientIdentity id;
  auto key = client_key(config);
  if (!key) return std::unexpected(key.error());
  id.key = std::move(*key);
  const auto& ders = config.client_certificate_chain_der;
  id.chain.reset(sk_X509_new_null());
  if (!id.chain) return fail(ClientErrc::init_failed, "certificate stack");
  for (std::size_t i = 0; i < ders.size(); ++i) {
    X509Ptr x = parse_der(ders[i]);
    if (!x)
      return fail(ClientErrc::invalid_config,
                  "client_certificate_chain_der[" + std::to_string(i) + "]");
    if (i == 0) {
      id.leaf.reset(x.release());
    } else if (sk_X509_push(id.chain.get(), x.get()) != 0) {
      (void)x.release();
    } else {
      return fail(ClientErrc::init_failed, "certificate stack");
    }
  }
  if (X509_check_private_key(id.leaf.get(), id.key.get()) != 1)
    return fail(ClientErrc::invalid_config, "client key does not match the certificate");
  return id;
}

// CURLOPT_SSL_CTX_FUNCTION: our certificate and key on each TLS context curl makes.
CURLcode install_identity(CURL* /*curl*/, void* ssl_ctx, void* arg) {
  const auto* id = static_cast<const ClientIdentity*>(arg);
  return SSL_CTX_use_cert_and_key(static_cast<SSL_CTX*>(ssl_ctx), id->leaf.get(), id->key.get(),
                                  id->chain.get(), 1) == 1
             ? CURLE_OK
             : CURLE_SSL_CERTPROBLEM;
}

bool valid_header(std::string_view name, std::string_view value) {
  auto bad = [](char c) { return c == '\r' || c == '\n' || c == '\0'; };
  return !name.empty() && std::ranges::none_of(name, bad) &&
         name.find(':') == std::string_view::npos && name.find(' ') == std::string_view::npos &&
         std::ranges::none_of(value, bad);
}

ClientErrc map_curl_error(CURLcode rc, std::string_view detail) {
  switch (rc) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return ClientErrc::resolve_failed;
    case CURLE_COULDNT_CONNECT:
      return ClientErrc::connect_failed;
    case CURLE_OPERATION_TIMEDOUT:
      return ClientErrc::timeout;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
      return ClientErrc::untrusted_server;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_CLIENTCERT:
      return ClientErrc::tls_failed;
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
      // TLS 1.3: a server refusing our client certificate sends its alert after the
      // client considers the handshake done; curl reports it on the first read.
      return detail.find("alert") != std::string_view::npos ? ClientErrc::tls_failed
                                                            : ClientErrc::transfer_failed;
    default:
      return ClientErrc::transfer_failed;
  }
}

void global_init_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// Where one transfer's callbacks write.
struct Sink {
  ClientResponse* response = nullptr;
  std::size_t header_bytes = 0;
  bool too_large = false;
};

extern "C" std::size_t write_body(char* data, std::size_t size, std::size_t n, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const std::size_t len = size * n;
  if (sink->response->body.size() + len > kMaxBodyBytes) {
    sink->too_large = true;
    return 0;  // aborts the transfer (CURLE_WRITE_ERROR)
  }
  sink->response->body.append(data, len);
  return len;
}

extern "C" std::size_t write_header(char* data, std::size_t size, std::size_t n, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const std::size_t len = size * n;
  sink->header_bytes += len;
  if (sink->header_bytes > kMaxHeaderBytes) {
    sink->too_large = true;
    return 0;
  }
  const std::string_view line(data, len);
  auto& headers = sink->response->headers;
  if (line.starts_with("HTTP/")) {
    headers.clear();  // a new response (after a 1xx): keep the final one only
  } else if (const auto colon = line.find(':'); colon != std::string_view::npos) {
    headers.emplace_back(trim(line.substr(0, colon)), trim(line.substr(colon + 1)));
  }
  return len;
}

}  // namespace

std::optional<std::string> ClientResponse::header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (iequals(k, name)) return trim(v);
  }
  return std::nullopt;
}

struct Client::Impl {
  ClientConfig config;
  std::string ca_pem;
  std::optional<ClientIdentity> identity;
  std::string connect_to_entry;
  CURL* curl = nullptr;
  curl_slist* connect_to = nullptr;

  Impl() = default;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  ~Impl() {
    if (curl != nullptr) curl_easy_cleanup(curl);
    curl_slist_free_all(connect_to);
  }

  // Options that stay for the life of the handle (blobs point into this Impl).
  Result<void> configure() {
    CURL* c = curl;
    curl_blob ca{ca_pem.data(), ca_pem.size(), CURL_BLOB_NOCOPY};
    bool ok = curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https") == CURLE_OK &&
              curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "https") == CURLE_OK &&
              curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L) == CURLE_OK &&
              curl_easy_setopt(c, CURLOPT_CAINFO_BLOB, &ca) == CURLE_OK &&
              // Only the configured CAs: no system bundle, no CA directory.
              curl_easy_setopt(c, CURLOPT_CAINFO, nullptr) == CURLE_OK &&
              curl_easy_setopt(c, CURLOPT_CAPATH, nullptr) == CURLE_OK &&
              curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L) == CURLE_OK &&
              curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L) == CURLE_OK &&
              curl_easy_setopt(c, CURLOPT_SSLVERSION, CURL_SSLVERSION_TLSv1_2) == CURLE_OK &&
              curl_easy_setopt(c, CURLOPT_CONNECT_TO, connect_to) == CURLE_OK &&
              curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L) == CURLE_OK &&
              curl_easy_setopt(c, CURLOPT_TCP_KEEPALIVE, 1L) == CURLE_OK &&
              curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
                               static_cast<long>(config.connect_timeout.count())) == CURLE_OK &&
              curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(config.timeout.count())) ==
                  CURLE_OK;
    if (ok && identity) {
      ok = curl_easy_setopt(c, CURLOPT_SSL_CTX_FUNCTION, &install_identity) == CURLE_OK &&
           curl_easy_setopt(c, CURLOPT_SSL_CTX_DATA, &*identity) == CURLE_OK;
    }
    if (!ok) return fail(ClientErrc::init_failed, "libcurl option (OpenSSL backend 7.77+ needed)");
    return {};
  }
};

Client::Client(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Client::~Client() = default;
Client::Client(Client&&) noexcept = default;
Client& Client::operator=(Client&&) noexcept = default;

Result<Client> Client::create(ClientConfig config) {
  global_init_once();
  auto impl = std::make_unique<Impl>();
  if (config.trusted_ca_der.empty()) return fail(ClientErrc::invalid_config, "no trusted CA");
  auto ca = to_pem(config.trusted_ca_der, "trusted_ca_der");
  if (!ca) return std::unexpected(ca.error());
  impl->ca_pem = std::move(*ca);
  if (!config.client_certificate_chain_der.empty()) {
    auto identity = load_identity(config);
    if (!identity) return std::unexpected(identity.error());
    impl->identity = std::move(*identity);
  } else if (!config.client_private_key_pem.empty() || config.client_private_key) {
    return fail(ClientErrc::invalid_config, "client key without a certificate");
  }
  if (!config.connect_to.empty()) {
    const auto colon = config.connect_to.rfind(':');
    const bool port_ok =
        colon != std::string::npos && colon + 1 < config.connect_to.size() &&
        std::all_of(config.connect_to.begin() + static_cast<std::ptrdiff_t>(colon) + 1,
                    config.connect_to.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (colon == 0 || !port_ok || !valid_header("x", config.connect_to)) {
      return fail(ClientErrc::invalid_config, "connect_to must be HOST:PORT");
    }
    // "::HOST:PORT": any host and port of the URL goes to HOST:PORT.
    impl->connect_to_entry = "::" + config.connect_to;
    impl->connect_to = curl_slist_append(nullptr, impl->connect_to_entry.c_str());
    if (impl->connect_to == nullptr) return fail(ClientErrc::init_failed, "connect_to");
  }
  if (config.connect_timeout.count() <= 0 || config.timeout.count() <= 0) {
    return fail(ClientErrc::invalid_config, "timeouts must be positive");
  }
  impl->config = std::move(config);
  impl->curl = curl_easy_init();
  if (impl->curl == nullptr) return fail(ClientErrc::init_failed, "curl_easy_init");
  if (auto r = impl->configure(); !r) return std::unexpected(r.error());
  return Client(std::move(impl));
}

Result<ClientResponse> Client::post(std::string_view url,
                                    const std::vector<std::pair<std::string, std::string>>& headers,
                                    std::string_view body) {
  if (!impl_) return fail(ClientErrc::init_failed, "moved-from client");
  if (url.size() < 9 || !iequals(url.substr(0, 8), "https://") ||
      url.find_first_of(std::string_view("\r\n\0 ", 4)) != std::string_view::npos) {
    return fail(ClientErrc::invalid_config, "not an https:// URL");
  }
  const std::string url_text(url);
  // The request headers of this call, plus "Expect:" (no 100-continue round trip).
  struct SlistDeleter {
    void operator()(curl_slist* l) const { curl_slist_free_all(l); }
  };
  std::unique_ptr<curl_slist, SlistDeleter> list;
  bool has_expect = false;
  for (const auto& [name, value] : headers) {
    if (!valid_header(name, value)) return fail(ClientErrc::invalid_config, "header " + name);
    has_expect = has_expect || iequals(name, "expect");
    const std::string line = name + ": " + value;
    curl_slist* next = curl_slist_append(list.get(), line.c_str());
    if (next == nullptr) return fail(ClientErrc::init_failed, "headers");
    static_cast<void>(list.release());
    list.reset(next);
  }
  if (!has_expect) {
    curl_slist* next = curl_slist_append(list.get(), "Expect:");
    if (next == nullptr) return fail(ClientErrc::init_failed, "headers");
    static_cast<void>(list.release());
    list.reset(next);
  }

  CURL* c = impl_->curl;
  ClientResponse response;
  Sink sink{&response};
  std::array<char, CURL_ERROR_SIZE> error_text{};
  curl_easy_setopt(c, CURLOPT_URL, url_text.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, list.get());
  curl_easy_setopt(c, CURLOPT_POST, 1L);
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, write_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, write_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &sink);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_text.data());

  const CURLcode rc = curl_easy_perform(c);
  // Nothing of this call may outlive it in the handle.
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, nullptr);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, nullptr);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, nullptr);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, nullptr);
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, nullptr);
  if (rc != CURLE_OK) {
    if (sink.too_large) return fail(ClientErrc::transfer_failed, url_text + ": response too large");
    const std::string detail =
        error_text[0] != '\0' ? std::string(error_text.data()) : curl_easy_strerror(rc);
    return fail(map_curl_error(rc, detail), url_text + ": " + detail);
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response.status);
  return response;
}

}  // namespace smdp::http
