// SPDX-License-Identifier: Apache-2.0
#include "token_options.h"

#include <openssl/crypto.h>
#include <stdlib.h>

#include "crypto/pkcs11.h"
#include "serve_hardening.h"

namespace smdpp {

void add_token_options(CLI::App& app, TokenOptions& o) {
  app.add_option("--pkcs11-module", o.module,
                 "PKCS#11 library of the token holding our keys (e.g. "
                 "/usr/lib/softhsm/libsofthsm2.so)")
      ->envname("SMDPP_PKCS11_MODULE");
  app.add_option("--pkcs11-pin-file", o.pin_file,
                 "the token's user PIN (first line; mode 0600); else $SMDPP_PKCS11_PIN")
      ->envname("SMDPP_PKCS11_PIN_FILE");
  app.add_option("--dpauth-key", o.dpauth, "SK.DPauth in the token: a pkcs11: URI (repeatable)");
  app.add_option("--dppb-key", o.dppb, "SK.DPpb in the token: a pkcs11: URI (repeatable)");
  app.add_option("--tls-key", o.tls, "the TLS key in the token: a pkcs11: URI (repeatable)");
}

std::expected<void, std::string> add_token_keys(const TokenOptions& o,
                                                smdp::pki::CertificateSetConfig& certs) {
  using smdp::pki::Role;
  if (o.dpauth.empty() && o.dppb.empty() && o.tls.empty()) return {};
  if (o.module.empty()) return std::unexpected("key URIs given without --pkcs11-module");
  std::string pin;
  if (!o.pin_file.empty()) {
    auto read = read_passphrase_file(o.pin_file);
    if (!read) return std::unexpected(read.error());
    pin = std::move(*read);
  } else if (const char* env = ::getenv("SMDPP_PKCS11_PIN"); env != nullptr) {
    pin = env;
    ::unsetenv("SMDPP_PKCS11_PIN");
  } else {
    return std::unexpected("the token's PIN: --pkcs11-pin-file FILE or $SMDPP_PKCS11_PIN");
  }
  auto token = smdp::crypto::Pkcs11::open({.module = o.module, .pin = pin, .engine = {}});
  OPENSSL_cleanse(pin.data(), pin.size());
  if (!token) return std::unexpected(token.error().message());
  for (const auto& [role, uris] :
       {std::pair{Role::dp_auth, &o.dpauth}, std::pair{Role::dp_pb, &o.dppb},
        std::pair{Role::dp_tls, &o.tls}})
    for (const std::string& uri : *uris) {
      auto key = (*token)->private_key(uri);
      if (!key) return std::unexpected(key.error().message());
      certs.held_keys.push_back({role, std::move(*key), uri});
    }
  return {};
}

}  // namespace smdpp
