// SPDX-License-Identifier: Apache-2.0
// Option parsing and device loading shared by the euicc-sim commands.
#include "cli_common.h"

#include <algorithm>
#include <cstdio>
#include <string_view>

#include "base/file.h"
#include "base/strings.h"
#include "crypto/rng.h"

namespace euicc_sim {
namespace {

bool has_explicit_files(const Options& o) {
  return !o.files.euicc_cert.empty() || !o.files.euicc_key.empty() || !o.files.eum_cert.empty() ||
         !o.files.ci_certs.empty();
}

std::expected<smdp::lpa::IdentityFiles, std::string> absolute_files(smdp::lpa::IdentityFiles f) {
  std::error_code ec;
  auto abs = [&](std::string& p) { p = std::filesystem::absolute(p, ec).string(); };
  abs(f.euicc_cert);
  abs(f.euicc_key);
  abs(f.eum_cert);
  for (auto& c : f.ci_certs) abs(c);
  if (ec) return std::unexpected(ec.message());
  return f;
}

}  // namespace

const char* const kCommonHelp = R"(identity and state:
  --state DIR             state directory (default var/euicc-sim): identity.json and
                          card.state (installed profiles, pending notifications)
  --pki DIR               a `smdpp pki init` directory (default var/pki when the state
                          directory has no identity yet)
  --curve nist|brp        which tree of --pki (default nist)
  --eid EID               which euicc-<EID> of --pki (default: the first)
  --euicc-cert F --euicc-key F --eum-cert F --ci-cert F[,F...]
                          explicit files instead of --pki (e.g. the SGP.26 ones);
                          --ci-cert may be repeated
  --connect HOST:PORT     connect there instead of resolving the SM-DP+ address
                          (TLS still checks the certificate against the address)
  -v, --verbose           print every ES9+ request and response
)";

std::expected<Options, std::string> parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      o.help = true;
      return o;
    }
    if (arg == "--reject") {
      o.reject = true;
      continue;
    }
    if (arg == "--forward-auth-error") {
      o.forward_auth_error = true;
      continue;
    }
    if (arg == "-v" || arg == "--verbose") {
      o.verbose = true;
      continue;
    }
    if (!arg.starts_with("--")) {
      o.positional.emplace_back(arg);
      continue;
    }
    std::string_view name = arg;
    std::string value;
    if (const auto eq = arg.find('='); eq != std::string_view::npos) {
      name = arg.substr(0, eq);
      value = std::string(arg.substr(eq + 1));
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      return std::unexpected(std::string(arg) + " needs a value");
    }
    if (name == "--state") {
      o.state_dir = value;
    } else if (name == "--pki") {
      o.pki_dir = value;
    } else if (name == "--curve") {
      if (value != "nist" && value != "brp")
        return std::unexpected("--curve must be nist or brp, not '" + value + "'");
      o.curve = value;
    } else if (name == "--eid") {
      o.eid = value;
    } else if (name == "--euicc-cert") {
      o.files.euicc_cert = value;
    } else if (name == "--euicc-key") {
      o.files.euicc_key = value;
    } else if (name == "--eum-cert") {
      o.files.eum_cert = value;
    } else if (name == "--ci-cert") {
      for (auto& c : smdp::split_list(value)) o.files.ci_certs.push_back(std::move(c));
    } else if (name == "--connect") {
      o.connect_to = value;
    } else if (name == "--confirmation-code") {
      o.confirmation_code = value;
    } else if (name == "--imei") {
      o.imei = value;
    } else {
      return std::unexpected("unknown option " + std::string(name));
    }
  }
  if (has_explicit_files(o) && (o.files.euicc_cert.empty() || o.files.euicc_key.empty() ||
                                o.files.eum_cert.empty() || o.files.ci_certs.empty()))
    return std::unexpected(
        std::string("explicit identity needs --euicc-cert, --euicc-key, --eum-cert and --ci-cert"));
  if (has_explicit_files(o) && !o.pki_dir.empty())
    return std::unexpected(std::string("give either --pki or explicit identity files, not both"));
  return o;
}

std::expected<Device, std::string> open_device(const Options& o) {
  auto stored = smdp::lpa::load_stored_identity(o.state_dir);
  if (!stored) return std::unexpected(stored.error().message());

  std::optional<smdp::lpa::IdentityFiles> files;
  if (has_explicit_files(o)) {
    auto abs = absolute_files(o.files);
    if (!abs) return std::unexpected(abs.error());
    files = std::move(*abs);
  } else if (!o.pki_dir.empty() || !*stored) {
    const std::string dir = o.pki_dir.empty() ? "var/pki" : o.pki_dir;
    auto found = smdp::lpa::pki_dir_identity(dir, o.curve, o.eid);
    if (!found) return std::unexpected(found.error().message());
    files = std::move(*found);
  } else {
    files = (*stored)->files;
  }
  auto config = smdp::lpa::load_identity(*files);
  if (!config) return std::unexpected(config.error().message());
  if (!o.eid.empty() && config->eid != o.eid)
    return std::unexpected("the eUICC certificate is for EID " + config->eid + ", not " + o.eid);
  if (*stored && (*stored)->eid != config->eid) {
    return std::unexpected("state directory " + o.state_dir.string() + " belongs to EID " +
                           (*stored)->eid + "; use another --state for EID " + config->eid);
  }
  Device d;
  d.identity = {*files, config->eid};
  d.ci_certificates = config->ci_certificates;
  d.card = std::make_unique<smdp::euicc::Card>(std::move(*config), smdp::crypto::system_rng());
  auto blob = smdp::lpa::load_card_state(o.state_dir);
  if (!blob) return std::unexpected(blob.error().message());
  if (*blob) {
    if (auto restored = d.card->restore_state(**blob); !restored)
      return std::unexpected("card.state: " + restored.error().message());
  }
  return d;
}

std::expected<void, std::string> save_device(const Options& o, const Device& d) {
  if (auto r = smdp::lpa::save_identity(o.state_dir, d.identity); !r)
    return std::unexpected(r.error().message());
  if (auto r = smdp::lpa::save_card_state(o.state_dir, d.card->save_state()); !r)
    return std::unexpected(r.error().message());
  return {};
}

std::expected<smdp::lpa::HttpsClient, std::string> make_client(const Options& o, const Device& d) {
  smdp::lpa::HttpsClientConfig config;
  // TLS (SGP.22 §2.6.6): CERT.DP.TLS chains to a GSMA CI. The LPA trusts the eUICC's
  // CIs and, from a `smdpp pki` directory, the CIs of both curves: SM-DP+ TLS
  // certificates are NIST P-256 even for a brainpool eUICC.
  config.trusted_ci_certificates = d.ci_certificates;
  const std::filesystem::path pki = o.pki_dir.empty() ? "var/pki" : o.pki_dir;
  for (const char* curve : {"nist", "brp"}) {
    auto ci = smdp::read_file((pki / curve / "ci.der").string());
    if (ci && std::ranges::find(config.trusted_ci_certificates, *ci) ==
                  config.trusted_ci_certificates.end())
      config.trusted_ci_certificates.push_back(std::move(*ci));
  }
  config.connect_to = o.connect_to;
  auto client = smdp::lpa::HttpsClient::create(std::move(config));
  if (!client) return std::unexpected(client.error().message());
  return std::move(*client);
}

}  // namespace euicc_sim
