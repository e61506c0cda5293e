// SPDX-License-Identifier: Apache-2.0
// `smdpp order add|release|cancel`: download orders on inventory profiles from the
// operator's command line, the same operations ES2+ DownloadOrder + ConfirmOrder,
// ReleaseProfile and CancelOrder perform (core/orders.h).
#include <iostream>

#include "commands.h"
#include "core/clock.h"
#include "core/orders.h"
#include "core/profile_registration.h"
#include "crypto/rng.h"
#include "data_store.h"
#include "service_options.h"
#include "terminal_qr.h"

namespace smdpp {
namespace {

using namespace smdp;

struct OrderOptions {
  std::string profile_type, iccid, eid, matching_id, confirmation_code;
  bool no_matching_id = false;
  bool release = true;
  bool qr = true;
  std::string final_status = "available";
};

std::optional<std::string> given(const std::string& s) {
  return s.empty() ? std::nullopt : std::optional(s);
}

void print_order(const core::ProfileRecord& p, const DataOptions& d, bool qr) {
  std::cout << "ICCID " << p.iccid << "  " << core::to_string(p.state)
            << (p.eid ? "  EID " + *p.eid : "")
            << (p.confirmation_code_hash ? "  confirmation code required" : "") << "\n";
  if (!p.matching_id) return;
  const std::string ac = core::activation_code(p, d.smdp_address);
  if (qr) {
    if (auto code = terminal_qr(ac)) std::cout << *code;
  }
  std::cout << "activation code: " << ac << "\n";
}

int add(const DataOptions& d, const OrderOptions& o) {
  auto store = open_store(d);
  if (!store) return report_failure("order add", store.error());
  static const core::SystemClock clock;
  core::DownloadOrderRequest order{given(o.eid), given(o.iccid), given(o.profile_type)};
  auto allocated = core::download_order(**store, **store, order, clock);
  if (!allocated) return report_failure("order add", allocated.error());
  core::ConfirmOrderRequest confirm;
  confirm.iccid = allocated->iccid;
  confirm.eid = given(o.eid);
  confirm.matching_id = given(o.matching_id);
  confirm.no_matching_id = o.no_matching_id;
  confirm.confirmation_code = given(o.confirmation_code);
  confirm.release_flag = o.release;
  auto confirmed = core::confirm_order(**store, **store, confirm, crypto::system_rng(), clock);
  if (!confirmed) return report_failure("order add", confirmed.error());
  print_order(*confirmed, d, o.qr);
  return 0;
}

int release(const DataOptions& d, const OrderOptions& o) {
  auto store = open_store(d);
  if (!store) return report_failure("order release", store.error());
  static const core::SystemClock clock;
  auto released = core::release_profile(**store, o.iccid, clock);
  if (!released) return report_failure("order release", released.error());
  print_order(*released, d, o.qr);
  return 0;
}

int cancel(const DataOptions& d, const OrderOptions& o) {
  if (o.final_status != "available" && o.final_status != "unavailable")
    return report_failure("order cancel", "--final is available or unavailable");
  auto store = open_store(d);
  if (!store) return report_failure("order cancel", store.error());
  static const core::SystemClock clock;
  auto cancelled =
      core::cancel_order(**store, o.iccid,
                         o.final_status == "available" ? core::FinalProfileStatus::available
                                                       : core::FinalProfileStatus::unavailable,
                         clock);
  if (!cancelled) return report_failure("order cancel", cancelled.error());
  std::cout << "ICCID " << cancelled->iccid << "  " << core::to_string(cancelled->state) << "\n";
  return 0;
}

}  // namespace

int order_main(int argc, char** argv) {
  CLI::App app("Download orders on inventory profiles (what ES2+ does for an MNO).", "smdpp order");
  app.require_subcommand(1);
  DataOptions d;
  app.set_config("--config", "", "read options from a TOML/INI file");
  add_data_options(app, d);
  OrderOptions o;
  CLI::App* add_cmd =
      app.add_subcommand("add", "order a profile (DownloadOrder + ConfirmOrder), print its code");
  auto* by_type = add_cmd->add_option("--type", o.profile_type, "the next Available of this type");
  auto* by_iccid = add_cmd->add_option("--iccid", o.iccid, "this Available profile");
  by_type->excludes(by_iccid);
  add_cmd->add_option("--eid", o.eid, "link the order to this EID");
  add_cmd->add_option("--matching-id", o.matching_id, "matchingId (default: generated)");
  add_cmd->add_flag("--no-matching-id", o.no_matching_id,
                    "with --eid: no activation code, found by EID (default SM-DP+)");
  add_cmd->add_option("--confirmation-code", o.confirmation_code, "require this code");
  add_cmd->add_flag("!--no-release", o.release, "leave the order Confirmed (release later)");
  add_cmd->add_flag("!--no-qr", o.qr, "do not print the QR code");
  CLI::App* release_cmd = app.add_subcommand("release", "release a Confirmed order");
  release_cmd->add_option("--iccid", o.iccid, "the profile")->required();
  release_cmd->add_flag("!--no-qr", o.qr, "do not print the QR code");
  CLI::App* cancel_cmd = app.add_subcommand("cancel", "cancel an order");
  cancel_cmd->add_option("--iccid", o.iccid, "the profile")->required();
  cancel_cmd->add_option("--final", o.final_status, "available or unavailable")
      ->capture_default_str();
  for (CLI::App* c : {add_cmd, release_cmd, cancel_cmd}) c->fallthrough();
  return run_cli(app, argc, argv, [&] {
    if (add_cmd->parsed()) return add(d, o);
    if (release_cmd->parsed()) return release(d, o);
    return cancel(d, o);
  });
}

}  // namespace smdpp
