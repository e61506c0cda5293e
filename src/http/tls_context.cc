// SPDX-License-Identifier: Apache-2.0
#include "http/tls_context.h"

#include <openssl/pem.h>
#include <openssl/x509.h>

#include <algorithm>
#include <string>

#include "base/key_use.h"

namespace smdp::http::detail {
namespace {

X509* parse_der_certificate(const Bytes& der) {
  const unsigned char* p = der.data();
  X509* x = d2i_X509(nullptr, &p, static_cast<long>(der.size()));
  if (x != nullptr && p != der.data() + der.size()) {
    X509_free(x);
    return nullptr;
  }
  return x;
}

// TLS supported_groups ids (RFC 8422 §5.1.1, RFC 7027, RFC 8734) of an EC key's curve.
std::vector<std::uint16_t> tls_groups(EVP_PKEY* key) {
  char name[64] = {};
  std::size_t len = 0;
  if (EVP_PKEY_get_group_name(key, name, sizeof name, &len) != 1) return {};
  const std::string curve(name, len);
  if (curve == "prime256v1" || curve == "P-256") return {23};  // secp256r1
  if (curve == "brainpoolP256r1") return {26, 31};             // TLS 1.2 id, TLS 1.3 id (RFC 8734)
  return {};
}

Result<TlsContext::Credential> load_credential(const TlsCredential& in, std::size_t index) {
  const std::string which = "credential " + std::to_string(index);
  if (in.chain_der.empty()) return fail(Errc::invalid_tls_config, which + ": no certificate");
  TlsContext::Credential out;
  out.chain.reset(sk_X509_new_null());
  if (out.chain == nullptr) return fail(Errc::invalid_tls_config, which + ": chain");
  for (std::size_t i = 0; i < in.chain_der.size(); ++i) {
    X509* x = parse_der_certificate(in.chain_der[i]);
    if (x == nullptr)
      return fail(Errc::invalid_tls_config, which + ": certificate " + std::to_string(i));
    if (i == 0) {
      out.leaf.reset(x);
    } else if (sk_X509_push(out.chain.get(), x) == 0) {
      X509_free(x);
      return fail(Errc::invalid_tls_config, which + ": certificate " + std::to_string(i));
    }
  }
  if (in.private_key) {
    out.key = in.private_key;
  } else {
    BIO* bio =
        BIO_new_mem_buf(in.private_key_pem.data(), static_cast<int>(in.private_key_pem.size()));
    out.key.reset(
        bio == nullptr ? nullptr : PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr),
        EVP_PKEY_free);
    BIO_free(bio);
  }
  if (out.key == nullptr) return fail(Errc::invalid_tls_config, which + ": private key");
  if (X509_check_private_key(out.leaf.get(), out.key.get()) != 1)
    return fail(Errc::invalid_tls_config, which + ": private key does not match the certificate");
  out.groups = tls_groups(out.key.get());
  out.label = in.key_label;
  return out;
}

// The group ids a ClientHello's supported_groups extension lists (RFC 8422 §5.1.1:
// a 2-octet length, then 2-octet ids); empty when it sends none or is malformed.
std::vector<std::uint16_t> offered_groups(SSL* ssl) {
  const unsigned char* ext = nullptr;
  std::size_t len = 0;
  if (SSL_client_hello_get0_ext(ssl, TLSEXT_TYPE_supported_groups, &ext, &len) != 1 || len < 2)
    return {};
  const std::size_t listed = (std::size_t{ext[0]} << 8) | ext[1];
  if (listed + 2 != len || listed % 2 != 0) return {};
  std::vector<std::uint16_t> out;
  for (std::size_t i = 2; i < len; i += 2)
    out.push_back(static_cast<std::uint16_t>((ext[i] << 8) | ext[i + 1]));
  return out;
}

// SSL_CTX_set_client_hello_cb: installs on this connection the first credential whose
// curve the client offers (else the first), before OpenSSL chooses a cipher suite and
// a signature algorithm for it.
int choose_credential(SSL* ssl, int* alert, void* arg) {
  const auto& credentials = *static_cast<const std::vector<TlsContext::Credential>*>(arg);
  const TlsContext::Credential* chosen = &credentials.front();
  if (credentials.size() > 1) {
    const std::vector<std::uint16_t> offered = offered_groups(ssl);
    for (const auto& c : credentials) {
      const bool listed = std::ranges::any_of(c.groups, [&](std::uint16_t g) {
        return std::ranges::find(offered, g) != offered.end();
      });
      if (listed) {
        chosen = &c;
        break;
      }
    }
  }
  if (SSL_use_cert_and_key(ssl, chosen->leaf.get(), chosen->key.get(), chosen->chain.get(), 1) !=
      1) {
    *alert = SSL_AD_INTERNAL_ERROR;
    return SSL_CLIENT_HELLO_ERROR;
  }
  // Every handshake given this credential; a resumed session (decided later) signs
  // nothing, so the count is an upper bound of the signatures.
  if (!chosen->label.empty()) count_key_use(chosen->label, "tls-handshake");
  return SSL_CLIENT_HELLO_SUCCESS;
}

Result<void> apply_profile(SSL_CTX* native, const TlsProfile& p) {
  auto invalid = [](const std::string& what) { return fail(Errc::invalid_tls_config, what); };
  if (SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION) != 1 ||
      SSL_CTX_set_max_proto_version(native, p.tls13 ? TLS1_3_VERSION : TLS1_2_VERSION) != 1)
    return invalid("protocol versions");
  if (SSL_CTX_set_cipher_list(native, p.tls12_ciphers.c_str()) != 1)
    return invalid("TLS 1.2 cipher suites '" + p.tls12_ciphers + "'");
  if (SSL_CTX_set_ciphersuites(native, p.tls13_ciphersuites.c_str()) != 1)
    return invalid("TLS 1.3 cipher suites '" + p.tls13_ciphersuites + "'");
  if (SSL_CTX_set1_groups_list(native, p.groups.c_str()) != 1)
    return invalid("groups '" + p.groups + "'");
  if (SSL_CTX_set1_sigalgs_list(native, p.sigalgs.c_str()) != 1)
    return invalid("signature algorithms '" + p.sigalgs + "'");
  if (!p.client_sigalgs.empty() &&
      SSL_CTX_set1_client_sigalgs_list(native, p.client_sigalgs.c_str()) != 1)
    return invalid("client signature algorithms '" + p.client_sigalgs + "'");
  return {};
}

// Mutual TLS: require a client certificate chaining to one of `cas` (own store).
Result<void> configure_client_auth(SSL_CTX* native, const std::vector<Bytes>& cas) {
  X509_STORE* store = X509_STORE_new();
  if (store == nullptr) return fail(Errc::invalid_tls_config, "client CA store");
  // Each configured CA is a trust anchor even if not self-signed.
  X509_STORE_set_flags(store, X509_V_FLAG_PARTIAL_CHAIN);
  X509_STORE_set_purpose(store, X509_PURPOSE_SSL_CLIENT);
  for (std::size_t i = 0; i < cas.size(); ++i) {
    X509* x = parse_der_certificate(cas[i]);
    // X509_STORE_add_cert and SSL_CTX_add_client_CA take their own references.
    const bool ok =
        x != nullptr && X509_STORE_add_cert(store, x) == 1 && SSL_CTX_add_client_CA(native, x) == 1;
    X509_free(x);
    if (!ok) {
      X509_STORE_free(store);
      return fail(Errc::invalid_tls_config, "client CA " + std::to_string(i));
    }
  }
  // set1 takes its own reference.
  const bool ok = SSL_CTX_set1_verify_cert_store(native, store) == 1;
  X509_STORE_free(store);
  if (!ok) return fail(Errc::invalid_tls_config, "client CA store");
  SSL_CTX_set_verify(native, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nullptr);
  // No resumption: the verified chain exists only after a full handshake.
  SSL_CTX_set_session_cache_mode(native, SSL_SESS_CACHE_OFF);
  SSL_CTX_set_options(native, SSL_OP_NO_TICKET);
  SSL_CTX_set_num_tickets(native, 0);
  return {};
}

}  // namespace

Result<std::unique_ptr<TlsContext>> TlsContext::create(const TlsConfig& config) {
  std::unique_ptr<TlsContext> out(new TlsContext());
  SSL_CTX* native = out->ctx_.native_handle();
  out->ctx_.set_options(boost::asio::ssl::context::default_workarounds |
                        boost::asio::ssl::context::single_dh_use);
  SSL_CTX_set_options(native, SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
  if (auto r = apply_profile(native, config.profile); !r) return std::unexpected(r.error());
  if (config.credentials.empty()) return fail(Errc::invalid_tls_config, "no certificate");
  for (std::size_t i = 0; i < config.credentials.size(); ++i) {
    auto loaded = load_credential(config.credentials[i], i);
    if (!loaded) return std::unexpected(loaded.error());
    out->credentials_.push_back(std::move(*loaded));
  }
  // The first is also the context's own, for connections the callback does not see.
  const Credential& first = out->credentials_.front();
  if (SSL_CTX_use_cert_and_key(native, first.leaf.get(), first.key.get(), first.chain.get(), 1) !=
      1)
    return fail(Errc::invalid_tls_config, "credential 0");
  SSL_CTX_set_client_hello_cb(native, choose_credential, &out->credentials_);
  if (!config.client_ca_der.empty()) {
    if (auto r = configure_client_auth(native, config.client_ca_der); !r)
      return std::unexpected(r.error());
  }
  return out;
}

}  // namespace smdp::http::detail
