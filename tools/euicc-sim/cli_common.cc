// SPDX-License-Identifier: Apache-2.0
// The common options and device loading shared by the euicc-sim commands.
#include "cli_common.h"

#include <algorithm>
#include <filesystem>

#include "base/file.h"
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

void add_common_options(CLI::App& app, Options& o) {
  app.set_config("--config", "", "read options from a TOML/INI file");
  const std::string group = "Identity and state";
  app.add_option("--state", o.state_dir,
                 "state directory: identity.json and card.state (installed profiles, pending "
                 "notifications)")
      ->group(group)
      ->capture_default_str();
  auto* pki = app.add_option("--pki", o.pki_dir,
                             "a `smdpp pki init` directory (default var/pki when the state "
                             "directory has no identity yet)")
                  ->group(group);
  app.add_option("--curve", o.curve, "which tree of --pki")
      ->check(CLI::IsMember({"nist", "brp"}))
      ->group(group)
      ->capture_default_str();
  app.add_option("--eid", o.eid, "which euicc-<EID> of --pki (default: the first)")->group(group);
  // Explicit files instead of --pki (e.g. the SGP.26 ones): all four or none.
  const std::vector<CLI::Option*> files = {
      app.add_option("--euicc-cert", o.files.euicc_cert, "explicit identity: eUICC certificate"),
      app.add_option("--euicc-key", o.files.euicc_key, "explicit identity: eUICC private key"),
      app.add_option("--eum-cert", o.files.eum_cert, "explicit identity: EUM certificate"),
      app.add_option("--ci-cert", o.files.ci_certs,
                     "explicit identity: CI certificate(s), repeatable or comma separated")
          ->delimiter(',')
          ->allow_extra_args(false)};
  for (CLI::Option* f : files) {
    f->group(group);
    pki->excludes(f);
    for (CLI::Option* other : files) {
      if (other != f) f->needs(other);
    }
  }
  app.add_option("--connect", o.connect_to,
                 "HOST:PORT to connect to instead of resolving the SM-DP+ address (TLS still "
                 "checks the certificate against the address); repeatable: the ES9+ calls "
                 "then go to each in turn (call 1 to the first, call 2 to the second, ...)")
      ->allow_extra_args(false);
  app.add_option("--es9-binding", o.es9_binding,
                 "ES9+ binding: json (SGP.22 6.5) or asn1 (6.6, POST /gsma/rsp2/asn1)")
      ->check(CLI::IsMember({"json", "asn1"}))
      ->capture_default_str();
  app.add_flag("-v,--verbose", o.verbose, "print every ES9+ request and response");
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
    return std::unexpected("state directory " + o.state_dir + " belongs to EID " + (*stored)->eid +
                           "; use another --state for EID " + config->eid);
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
  if (!o.connect_to.empty()) {
    config.connect_to = o.connect_to.front();
    config.more_connect_to.assign(o.connect_to.begin() + 1, o.connect_to.end());
  }
  config.binding =
      o.es9_binding == "asn1" ? smdp::lpa::Es9Binding::asn1 : smdp::lpa::Es9Binding::json;
  auto client = smdp::lpa::HttpsClient::create(std::move(config));
  if (!client) return std::unexpected(client.error().message());
  return std::move(*client);
}

}  // namespace euicc_sim
