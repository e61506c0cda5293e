// SPDX-License-Identifier: Apache-2.0
// `euicc-sim download '<activation code>'`: the Profile Download and Installation of
// SGP.22 §3.1.3 from an activation code (§4.1), then the install notification.
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>

#include "cli_common.h"
#include "lpa.h"

namespace euicc_sim {
namespace {

constexpr const char* kDescription =
    R"(Downloads and installs the profile of the activation code
'1$SMDP_ADDRESS$MATCHING_ID[$SMDP_OID[$1]]' over ES9+, then sends the installation
notification (left pending if the SM-DP+ does not acknowledge it; see `notify`).
Prints progress lines and finally 'installed ICCID <iccid>'.
)";

// What this command takes besides the common options.
struct DownloadArgs {
  std::string activation_code;
  std::optional<std::string> confirmation_code;
  std::optional<std::string> imei;  // 15 or 16 digits
  bool reject = false;
  bool forward_auth_error = false;
};

std::optional<smdp::Bytes> imei_octets(const std::string& digits) {
  if (digits.size() != 15 && digits.size() != 16) return std::nullopt;
  std::string padded = digits;
  if (padded.size() == 15) padded.push_back('F');
  smdp::Bytes out;
  for (std::size_t i = 0; i < padded.size(); i += 2) {
    auto nibble = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      return c == 'F' ? 0xF : -1;
    };
    const int lo = nibble(padded[i]);
    const int hi = nibble(padded[i + 1]);
    if (lo < 0 || hi < 0) return std::nullopt;
    out.push_back(static_cast<std::uint8_t>(hi << 4 | lo));
  }
  return out;
}

int download(const Options& o, const DownloadArgs& d) {
  smdp::lpa::DownloadOptions options;
  if (d.imei) options.device_info.imei = imei_octets(*d.imei);
  auto device = open_device(o);
  if (!device) {
    std::fprintf(stderr, "euicc-sim download: %s\n", device.error().c_str());
    return 1;
  }
  auto client = make_client(o, *device);
  if (!client) {
    std::fprintf(stderr, "euicc-sim download: %s\n", client.error().c_str());
    return 1;
  }
  std::printf("eUICC %s\n", device->identity.eid.c_str());
  options.confirmation_code = d.confirmation_code;
  options.reject_consent = d.reject;
  options.forward_authenticate_server_error = d.forward_auth_error;
  options.now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  options.progress = [](std::string_view line) {
    std::printf("%.*s\n", static_cast<int>(line.size()), line.data());
    std::fflush(stdout);
  };
  const auto result = smdp::lpa::download(*device->card, *client, d.activation_code, options);
  if (o.verbose) {
    // DER bodies (--es9-binding asn1) are printed in hex.
    auto text = [&](const std::string& body) {
      return o.es9_binding == "asn1" ? smdp::to_hex(smdp::as_bytes(body)) : body;
    };
    for (const auto& ex : result.exchanges) {
      std::printf("> %s %s\n%s\n< HTTP %ld\n%s\n", ex.function.c_str(), ex.smdp_address.c_str(),
                  text(ex.request_body).c_str(), ex.http_status, text(ex.response_body).c_str());
    }
  }
  // Saved whatever happened: a failed load or an unsent notification is state too.
  if (auto saved = save_device(o, *device); !saved) {
    std::fprintf(stderr, "euicc-sim download: saving the state: %s\n", saved.error().c_str());
    return 1;
  }
  if (result.ok()) {
    std::printf("installed ICCID %s\n", result.iccid.c_str());
    return 0;
  }
  const auto& f = *result.failure;
  std::string line =
      "failed at " + std::string(smdp::lpa::step_name(f.step)) + ": " + f.error.message();
  if (f.status_code_data)
    line += " [subjectCode " + f.status_code_data->subject_code + ", reasonCode " +
            f.status_code_data->reason_code + "]";
  if (f.asn1_error) line += " [error " + std::to_string(*f.asn1_error) + "]";
  if (f.card_error_code) line += " [eUICC error " + std::to_string(*f.card_error_code) + "]";
  if (result.cancel_session_status)
    line += " [cancelSession: " + result.cancel_session_status->status + "]";
  std::fprintf(stderr, "%s\n", line.c_str());
  return 1;
}

}  // namespace

int download_main(int argc, char** argv) {
  CLI::App app(kDescription, "euicc-sim download");
  Options o;
  DownloadArgs d;
  std::string confirmation_code;
  std::string imei;
  app.add_option("activation-code", d.activation_code, "the activation code")->required();
  auto* confirmation_code_opt =
      app.add_option("--confirmation-code", confirmation_code,
                     "the confirmation code, when the SM-DP+ asks for one");
  app.add_flag("--reject", d.reject,
               "refuse the profile at the consent step (CancelSession endUserRejection)");
  auto* imei_opt =
      app.add_option("--imei", imei, "IMEI sent in the device information (15 or 16 digits)")
          ->check(CLI::Validator(
              [](std::string& digits) {
                return imei_octets(digits) ? std::string() : std::string("not 15 or 16 digits");
              },
              "DIGITS"));
  app.add_flag("--forward-auth-error", d.forward_auth_error,
               "send the eUICC's AuthenticateServer error to the SM-DP+ instead of stopping "
               "(test aid)");
  add_common_options(app, o);
  return smdp::cli::run(app, argc, argv, [&] {
    if (confirmation_code_opt->count() > 0) d.confirmation_code = confirmation_code;
    if (imei_opt->count() > 0) d.imei = imei;
    return download(o, d);
  });
}

}  // namespace euicc_sim
