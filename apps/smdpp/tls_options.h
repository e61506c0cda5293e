// SPDX-License-Identifier: Apache-2.0
// `smdpp serve`'s TLS profile options (SGP.22 §2.6.6), for ES9+ and ES2+: each sets a
// field of http::TlsProfile (defaults there), the ES2+ client signature algorithms one
// of server::ServiceConfig. Environment SMDPP_TLS_* and the config file work as for
// every option.
#pragma once

#include <CLI/CLI.hpp>

#include "server/service.h"

namespace smdpp {

struct TlsOptions {
  smdp::http::TlsProfile tls;
  std::string es2_client_sigalgs = smdp::server::ServiceConfig::kEs2ClientSigalgs;
};

inline void add_tls_options(CLI::App& app, TlsOptions& c) {
  app.add_option("--tls13", c.tls.tls13,
                 "offer TLS 1.3 (SGP.22 v3; v2 names TLS 1.2 only): true or false")
      ->envname("SMDPP_TLS13")
      ->capture_default_str();
  app.add_option("--tls12-ciphers", c.tls.tls12_ciphers, "TLS 1.2 cipher suites (OpenSSL list)")
      ->envname("SMDPP_TLS12_CIPHERS")
      ->capture_default_str();
  app.add_option("--tls13-ciphersuites", c.tls.tls13_ciphersuites,
                 "TLS 1.3 cipher suites (OpenSSL list)")
      ->envname("SMDPP_TLS13_CIPHERSUITES")
      ->capture_default_str();
  app.add_option("--tls-groups", c.tls.groups, "key-exchange groups (OpenSSL list)")
      ->envname("SMDPP_TLS_GROUPS")
      ->capture_default_str();
  app.add_option("--tls-sigalgs", c.tls.sigalgs, "our signature algorithms (OpenSSL list)")
      ->envname("SMDPP_TLS_SIGALGS")
      ->capture_default_str();
  app.add_option("--es2-client-sigalgs", c.es2_client_sigalgs,
                 "signature algorithms operators' client certificates may use on ES2+")
      ->envname("SMDPP_ES2_CLIENT_SIGALGS")
      ->capture_default_str();
}

}  // namespace smdpp
