// SPDX-License-Identifier: Apache-2.0
// `smdpp profile add|list`: the operator registers a downloadable profile (until the
// ES2+ interface exists) and gets its activation code, as text and as a QR code.
#include <filesystem>
#include <iostream>

#include "asn1/activation_code.h"
#include "base/file.h"
#include "commands.h"
#include "core/clock.h"
#include "core/profile_registration.h"
#include "crypto/rng.h"
#include "data_store.h"
#include "qr_code.h"
#include "service_options.h"
#include "store/sql_store.h"

namespace smdpp {
namespace {

using namespace smdp;

struct AddOptions {
  std::string package;
  std::string iccid, eid, matching_id, confirmation_code;
  bool no_matching_id = false;
  bool qr = true;
  std::string spn = "SM-DP+ demo operator";
  std::string name = "Demo profile";
  int max_attempts = 10;
  unsigned order_ttl = 0;
};

int add(const DataOptions& d, const AddOptions& o) {
  auto package = read_file(o.package);
  if (!package) return std::cerr << "smdpp profile add: cannot read " << o.package << "\n", 1;
  core::ProfileRegistration reg;
  reg.profile_package = std::move(*package);
  if (!o.iccid.empty()) reg.iccid = o.iccid;
  if (!o.eid.empty()) reg.eid = o.eid;
  if (!o.matching_id.empty()) reg.matching_id = o.matching_id;
  reg.no_matching_id = o.no_matching_id;
  if (!o.confirmation_code.empty()) reg.confirmation_code = o.confirmation_code;
  reg.service_provider_name = o.spn;
  reg.profile_name = o.name;
  reg.max_download_attempts = o.max_attempts;
  if (o.order_ttl > 0) reg.order_ttl = std::chrono::seconds{o.order_ttl};
  auto store = open_store(d);
  if (!store) return std::cerr << "smdpp profile add: " << store.error().message() << "\n", 1;
  static const core::SystemClock clock;
  auto profile = core::register_profile(**store, reg, crypto::system_rng(), clock);
  if (!profile) return std::cerr << "smdpp profile add: " << profile.error().message() << "\n", 1;
  std::cout << "registered ICCID " << profile->iccid << " (Released"
            << (profile->eid ? ", bound to EID " + profile->eid.value_or("") : "")
            << (profile->confirmation_code_hash ? ", confirmation code required" : "") << ")\n";
  if (!profile->matching_id) {
    std::cout << "no activation code: the eUICC " << profile->eid.value_or("")
              << " finds the order at the default SM-DP+\n";
    return 0;
  }
  const std::string ac = core::activation_code(*profile, d.smdp_address);
  if (o.qr) {
    if (auto qr = QrCode::encode(asn1::qr_payload(ac))) std::cout << render_terminal(*qr);
  }
  std::cout << "activation code: " << ac << "\n";
  return 0;
}

int list(const DataOptions& d) {
  auto store = open_store(d);
  if (!store) return std::cerr << "smdpp profile list: " << store.error().message() << "\n", 1;
  auto profiles = (*store)->list_profiles();
  if (!profiles)
    return std::cerr << "smdpp profile list: " << profiles.error().message() << "\n", 1;
  for (const auto& p : *profiles) {
    std::cout << p.iccid << "  " << core::to_string(p.state) << "  eid=" << p.eid.value_or("-")
              << "  matchingId=" << p.matching_id.value_or("-")
              << "  attempts=" << p.download_attempts << "/" << p.max_download_attempts
              << "  result=" << p.result.value_or("-") << "\n";
    if (p.state == core::ProfileState::released && p.matching_id)
      std::cout << "    activation code: " << core::activation_code(p, d.smdp_address) << "\n";
  }
  return 0;
}

}  // namespace

int profile_main(int argc, char** argv) {
  CLI::App app("Register downloadable profiles and show them.", "smdpp profile");
  app.require_subcommand(1);
  DataOptions d;
  app.set_config("--config", "", "read options from a TOML/INI file");
  add_data_options(app, d);
  AddOptions o;
  CLI::App* add_cmd = app.add_subcommand("add", "register a profile package as a Released order");
  add_cmd->add_option("--package", o.package, "the profile package (SAIP DER)")->required();
  add_cmd->add_option("--iccid", o.iccid, "ICCID (default: the ProfileHeader's)");
  add_cmd->add_option("--eid", o.eid, "bind the order to this EID");
  add_cmd->add_option("--matching-id", o.matching_id, "matchingId (default: generated)");
  add_cmd->add_flag("--no-matching-id", o.no_matching_id,
                    "with --eid: no activation code, found by EID (default SM-DP+)");
  add_cmd->add_option("--confirmation-code", o.confirmation_code, "require this confirmation code");
  add_cmd->add_option("--service-provider", o.spn, "service provider name (metadata)");
  add_cmd->add_option("--profile-name", o.name, "profile name (metadata)");
  add_cmd->add_option("--max-attempts", o.max_attempts, "maximum download attempts");
  add_cmd->add_option("--order-ttl", o.order_ttl, "order expiry, seconds from now (0: none)");
  add_cmd->add_flag("!--no-qr", o.qr, "do not print the QR code");
  CLI::App* list_cmd = app.add_subcommand("list", "list profiles and their states");
  add_cmd->fallthrough();  // --data-dir and the others may follow the subcommand
  list_cmd->fallthrough();
  return smdp::cli::run(app, argc, argv, [&] {
    if (add_cmd->parsed()) return add(d, o);
    if (list_cmd->parsed()) return list(d);
    return 2;
  });
}

}  // namespace smdpp
