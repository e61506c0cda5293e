// SPDX-License-Identifier: Apache-2.0
// `smdpp order add|release|cancel|code`: download orders on inventory profiles from the
// operator's command line, the same operations ES2+ DownloadOrder + ConfirmOrder,
// ReleaseProfile and CancelOrder perform (core/orders.h), and the activation codes
// (SGP.22 §4.1) of open orders as text, PNG or SVG QR codes, one or a batch.
#include <unistd.h>

#include <cstdint>
#include <expected>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "asn1/activation_code.h"
#include "base/file.h"
#include "commands.h"
#include "core/clock.h"
#include "core/order_fields.h"
#include "core/orders.h"
#include "core/profile_registration.h"
#include "crypto/rng.h"
#include "data_store.h"
#include "qr_code.h"
#include "service_options.h"

namespace smdpp {
namespace {

using namespace smdp;

struct OrderOptions {
  std::string profile_type, iccid, eid, matching_id, confirmation_code;
  bool no_matching_id = false;
  bool release = true;
  bool qr = true;
  std::string final_status = "available";
  std::string format = "text";  // order code: text, png or svg
  std::string out;              // order code: the file (one profile) or directory (batch)
  int module_px = 8;            // order code: PNG pixels per module
};

std::optional<std::string> given(const std::string& s) {
  return s.empty() ? std::nullopt : std::optional(s);
}

void print_order(const core::ProfileRecord& p, const DataOptions& d, bool qr) {
  std::cout << "ICCID " << p.iccid << "  " << core::to_string(p.state)
            << (p.eid ? "  EID " + *p.eid : "")
            << (p.confirmation_code_hash ? "  confirmation code required" : "") << "\n";
  if (!p.matching_id) return;
  if (!core::activation_code_matching_id(*p.matching_id)) {
    std::cout << "matchingId " << *p.matching_id
              << " (no activation code: SGP.22 §4.1 allows only 0-9, A-Z and '-')\n";
    return;
  }
  const std::string ac = core::activation_code(p, d.smdp_address);
  if (qr) {
    if (auto code = QrCode::encode(asn1::qr_payload(ac))) std::cout << render_terminal(*code);
  }
  std::cout << "activation code: " << ac << "\n";
}

int add(const DataOptions& d, const OrderOptions& o) {
  auto store = open_store(d);
  if (!store) return report_failure("order add", store.error());
  static const core::SystemClock clock;
  core::DownloadOrderRequest order{given(o.eid), given(o.iccid), given(o.profile_type)};
  core::ConfirmOrderRequest confirm;
  confirm.eid = given(o.eid);
  confirm.matching_id = given(o.matching_id);
  confirm.no_matching_id = o.no_matching_id;
  confirm.confirmation_code = given(o.confirmation_code);
  confirm.release_flag = o.release;
  auto confirmed =
      core::place_order(**store, **store, order, std::move(confirm), crypto::system_rng(), clock);
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

// An order that a device can still download with an activation code: Released, or
// Confirmed (its code is final; the device can use it once the MNO releases the order),
// with a matchingId and not past its expiry (then ES9+ AuthenticateClient refuses it
// with 8.8.5/4.10, download order expired).
bool has_open_order(const core::ProfileRecord& p, core::TimePoint now) {
  return p.matching_id &&
         (p.state == core::ProfileState::confirmed || p.state == core::ProfileState::released) &&
         !(p.order_expires_at && *p.order_expires_at < now);
}

// The activation code (SGP.22 §4.1) of a profile with an open order, or why it has none
// to hand out. core::activation_code is the one place that builds it.
std::expected<std::string, std::string> open_order_code(const core::ProfileRecord& p,
                                                        const DataOptions& d, core::TimePoint now) {
  const std::string state(core::to_string(p.state));
  if (!p.matching_id)
    return std::unexpected("ICCID " + p.iccid + " (" + state +
                           ") has no order with a matchingId: no activation code");
  if (!has_open_order(p, now))
    return std::unexpected(
        "ICCID " + p.iccid + " is " + state +
        (p.order_expires_at && *p.order_expires_at < now ? " and its order expired" : "") +
        ": only an unexpired Confirmed or Released order has an activation code to hand out");
  if (!core::activation_code_matching_id(*p.matching_id))
    return std::unexpected("ICCID " + p.iccid + ": its matchingId '" + *p.matching_id +
                           "' has characters an activation code cannot carry (SGP.22 §4.1 "
                           "allows 0-9, A-Z and '-'); the device reaches this order through "
                           "the SM-DS or the default SM-DP+");
  std::string ac = core::activation_code(p, d.smdp_address);
  if (ac.empty())
    return std::unexpected("no activation code with the SM-DP+ address '" + d.smdp_address + "'");
  return ac;
}

// The QR code image of `ac` in o.format (png or svg); nullopt if it does not fit a QR code.
std::optional<Bytes> render_image(const std::string& ac, const OrderOptions& o) {
  auto qr = QrCode::encode(asn1::qr_payload(ac));
  if (!qr) return std::nullopt;
  if (o.format == "svg") {
    const std::string svg = render_svg(*qr);
    return Bytes(svg.begin(), svg.end());
  }
  return render_png(*qr, o.module_px);
}

// Writes a temporary file next to `path` and renames it: `path` is either the whole new
// file or untouched. Owner-only (0600): an activation code lets anyone download the profile.
bool write_whole_file(const std::filesystem::path& path, ByteView data) {
  const std::string tmp = path.string() + ".tmp" + std::to_string(::getpid());
  std::error_code ec;
  if (!write_private_file(tmp, data)) {
    std::filesystem::remove(tmp, ec);
    return false;
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) std::filesystem::remove(tmp, ec);
  return !ec;
}

ByteView text_bytes(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string quoted = "\"";
  for (char c : s) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

struct Code {
  std::string iccid, activation_code;
};

std::string text_lines(const std::vector<Code>& codes) {
  std::string lines;
  for (const auto& c : codes) lines += c.iccid + "\t" + c.activation_code + "\n";
  return lines;
}

// Text: the "ICCID<TAB>activation code" lines to --out (one file, batch or not) or stdout.
int emit_text(const std::vector<Code>& codes, const OrderOptions& o) {
  const std::string lines = text_lines(codes);
  if (o.out.empty()) {
    std::cout << lines;
    return 0;
  }
  if (!write_whole_file(o.out, text_bytes(lines)))
    return report_failure("order code", "cannot write " + o.out);
  return 0;
}

int code_one(store::SqlStore& store, const DataOptions& d, const OrderOptions& o) {
  auto found = store.get_profile(o.iccid);
  if (!found) return report_failure("order code", found.error());
  const std::optional<core::ProfileRecord>& profile = *found;
  if (!profile) return report_failure("order code", "no profile with ICCID " + o.iccid);
  static const core::SystemClock clock;
  auto ac = open_order_code(*profile, d, clock.now());
  if (!ac) return report_failure("order code", ac.error());
  const std::vector<Code> codes{{profile->iccid, *ac}};
  if (o.format == "text") return emit_text(codes, o);
  auto image = render_image(*ac, o);
  if (!image) return report_failure("order code", "the activation code does not fit a QR code");
  if (!write_whole_file(o.out, *image))
    return report_failure("order code", "cannot write " + o.out);
  std::cout << text_lines(codes);
  return 0;
}

// Every open order of the type, oldest profile first. Images: every code is rendered
// before the directory is touched, then one <iccid>.<format> per profile and index.csv
// (last, once every image is written); the lines go to stdout as well.
int code_batch(store::SqlStore& store, const DataOptions& d, const OrderOptions& o) {
  auto type = store.get_profile_type(o.profile_type);
  if (!type) return report_failure("order code", type.error());
  if (!*type) return report_failure("order code", "no profile type " + o.profile_type);
  auto all = store.list_profiles();
  if (!all) return report_failure("order code", all.error());
  static const core::SystemClock clock;
  const core::TimePoint now = clock.now();
  std::vector<Code> codes;
  for (const auto& p : *all) {
    if (p.profile_type != o.profile_type || !has_open_order(p, now)) continue;
    // Reached through the SM-DS or by EID only.
    if (!p.matching_id || !core::activation_code_matching_id(*p.matching_id)) {
      std::cerr << "order code: skipped ICCID " << p.iccid
                << ": its matchingId has characters an activation code cannot carry\n";
      continue;
    }
    auto ac = open_order_code(p, d, now);
    if (!ac) return report_failure("order code", ac.error());
    codes.push_back({p.iccid, *ac});
  }
  if (o.format == "text") {
    if (const int rc = emit_text(codes, o); rc != 0) return rc;
  } else {
    std::vector<Bytes> images;
    for (const auto& c : codes) {
      auto image = render_image(c.activation_code, o);
      if (!image)
        return report_failure("order code", "ICCID " + c.iccid + ": does not fit a QR code");
      images.push_back(std::move(*image));
    }
    const std::filesystem::path dir(o.out);
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec || !std::filesystem::is_directory(dir))
      return report_failure("order code", "cannot create the directory " + o.out);
    std::string index = "iccid,activation_code\n";
    for (std::size_t i = 0; i < codes.size(); ++i) {
      const auto file = dir / (codes[i].iccid + "." + o.format);
      if (!write_whole_file(file, images[i]))
        return report_failure("order code", "cannot write " + file.string());
      index += csv_field(codes[i].iccid) + "," + csv_field(codes[i].activation_code) + "\n";
    }
    if (!write_whole_file(dir / "index.csv", text_bytes(index)))
      return report_failure("order code", "cannot write " + (dir / "index.csv").string());
    std::cout << text_lines(codes);
  }
  std::cerr << "smdpp order code: " << codes.size() << " activation code(s) of type "
            << o.profile_type << (o.out.empty() ? "" : " in " + o.out) << "\n";
  return 0;
}

int code(const DataOptions& d, const OrderOptions& o) {
  if (o.iccid.empty() == o.profile_type.empty())
    return std::cerr << "smdpp order code: give --iccid or --type\n", 2;
  if (o.format != "text" && o.out.empty())
    return std::cerr << "smdpp order code: --format " << o.format << " needs --out\n", 2;
  auto store = open_store(d);
  if (!store) return report_failure("order code", store.error());
  return o.iccid.empty() ? code_batch(**store, d, o) : code_one(**store, d, o);
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
  CLI::App* code_cmd = app.add_subcommand(
      "code",
      "activation codes (SGP.22 4.1) of open orders, as text or QR code images (PNG, SVG). "
      "An open order is Released, or Confirmed (its code is final), and not expired; a "
      "profile without one is an error (exit 1) and nothing is written");
  auto* code_iccid = code_cmd->add_option("--iccid", o.iccid, "this profile");
  auto* code_type = code_cmd->add_option("--type", o.profile_type,
                                         "every open (Confirmed or Released) order of the type");
  code_iccid->excludes(code_type);
  code_cmd->add_option("--format", o.format, "text (ICCID<TAB>code lines), png or svg")
      ->check(CLI::IsMember({"text", "png", "svg"}))
      ->capture_default_str();
  code_cmd->add_option("--out", o.out,
                       "text: a file (default stdout); png/svg (required): the file (--iccid) "
                       "or a directory of <iccid>.<format> and index.csv (--type); "
                       "written whole (temporary file, then rename), mode 0600");
  code_cmd->add_option("--module-size", o.module_px, "PNG pixels per QR module")
      ->check(CLI::Range(1, kMaxModulePx))
      ->capture_default_str();
  for (CLI::App* c : {add_cmd, release_cmd, cancel_cmd, code_cmd}) c->fallthrough();
  return smdp::cli::run(app, argc, argv, [&] {
    if (add_cmd->parsed()) return add(d, o);
    if (release_cmd->parsed()) return release(d, o);
    if (code_cmd->parsed()) return code(d, o);
    return cancel(d, o);
  });
}

}  // namespace smdpp
