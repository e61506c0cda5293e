// SPDX-License-Identifier: Apache-2.0
// `smdpp serve`'s PKCS#11 options (README "Security"): the token module, its PIN, and
// the SM-DP+ private keys it holds, each by a PKCS#11 URI (RFC 7512) in an option of its
// own (a URI may hold commas, so it cannot go into --credentials). Each key is matched
// to the credential whose certificate of that role carries its public key; its key file
// is then not read, and need not exist.
#pragma once

#include <CLI/CLI.hpp>
#include <expected>
#include <string>
#include <vector>

#include "pki/certificate_set.h"

namespace smdpp {

struct TokenOptions {
  std::string module;                          // the PKCS#11 library
  std::string pin_file;                        // the user PIN's file (first line, owner-only)
  std::vector<std::string> dpauth, dppb, tls;  // key URIs
};

void add_token_options(CLI::App& app, TokenOptions& o);

// Adds to `certs` the keys the options name, loaded from the token; nothing without key
// URIs. The PIN comes from --pkcs11-pin-file, else from the environment variable
// SMDPP_PKCS11_PIN (removed from the environment once read), never from a prompt.
std::expected<void, std::string> add_token_keys(const TokenOptions& o,
                                                smdp::pki::CertificateSetConfig& certs);

}  // namespace smdpp
