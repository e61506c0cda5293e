// SPDX-License-Identifier: Apache-2.0
// The LPA (LPAd) side of the Profile Download and Installation procedure, SGP.22 §3.1.3
// with the Common Mutual Authentication of §3.1.2, driving a Card (ES10b, euicc/card.h)
// and an SM-DP+ over ES9+ (Es9Transport). Also the sending of pending notifications
// (§3.5, ES9+.HandleNotification).
//
// Flow of download():
//   activation code (§4.1) -> ES10b GetEUICCChallenge + GetEUICCInfo1
//   -> ES9+ initiateAuthentication -> ES10b AuthenticateServer (BF38, ctxParams1 with
//   matchingId and deviceInfo) -> ES9+ authenticateClient -> profile metadata shown,
//   user consent -> hashCc if ccRequiredFlag -> ES10b PrepareDownload -> ES9+
//   getBoundProfilePackage -> ES10b LoadBoundProfilePackage -> ES9+ handleNotification
//   of the pending notifications of that session, removed from the card on HTTP 204.
//
// Decisions where the LPA has a choice (documented in README.md):
//   - every ES9+ response's transactionId must equal the one of initiateAuthentication;
//     otherwise the flow stops (transaction_id_mismatch), nothing more is sent;
//   - the card's AuthenticateServer error: the LPA stops (nothing open on the card).
//     With forward_authenticate_server_error the error response is sent in
//     authenticateClient instead (to test the SM-DP+'s handling);
//   - the card's PrepareDownload error: forwarded in getBoundProfilePackage (the ES9+
//     request carries the PrepareDownloadResponse CHOICE), then the flow stops;
//   - end-user rejection: ES10b CancelSession(endUserRejection), then ES9+ cancelSession
//     with the card's answer; a required confirmation code that was not given: the
//     same with reason postponed (the order stays downloadable);
//   - a Failed/Expired ES9+ answer: the flow stops and reports its subject/reason code;
//   - a LoadBoundProfilePackage error result: its notification is still sent.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "asn1/ctx_params.h"
#include "base/bytes.h"
#include "base/error.h"
#include "es9_messages.h"
#include "euicc/card.h"
#include "https_client.h"

namespace smdp::lpa {

enum class LpaErrc {
  invalid_activation_code = 1,  // not SGP.22 §4.1
  transport,                    // no HTTP answer (see the nested message)
  malformed_response,           // ES9+ response not as §6.5 says, or its DER undecodable
  function_failed,              // ES9+ status Failed/Expired (subject/reason in the result)
  transaction_id_mismatch,      // a response's transactionId differs from the first one
  card_rejected,                // the card refused the input (Result error from Card)
  card_error,                   // the card answered with an error code (in the result)
  user_rejected,                // end user refused consent (simulated)
  confirmation_code_missing,    // ccRequiredFlag set but no confirmation code given
  stopped,                      // stop_after reached (tests)
};

}  // namespace smdp::lpa
SMDP_DECLARE_ERROR_ENUM(smdp::lpa, LpaErrc)

namespace smdp::lpa {

// The steps of download(), in order.
enum class Step {
  activation_code,
  get_euicc_info,
  initiate_authentication,  // ES9+
  authenticate_server,      // ES10b
  authenticate_client,      // ES9+
  user_consent,
  prepare_download,            // ES10b (includes hashCc)
  get_bound_profile_package,   // ES9+
  load_bound_profile_package,  // ES10b
  handle_notification,         // ES9+
  cancel_session,              // ES10b + ES9+
};
std::string_view step_name(Step s);

// Device Information sent in ctxParams1 (SGP.22 §4.2).
struct DeviceInfoOptions {
  Bytes tac = {0x35, 0x29, 0x06, 0x11};  // Octet4
  asn1::DeviceCapabilities capabilities = default_device_capabilities();
  std::optional<Bytes> imei;  // Octet8

  static asn1::DeviceCapabilities default_device_capabilities();
};

// One ES9+ exchange as sent and received, for tests and --verbose.
struct Exchange {
  std::string function;  // "initiateAuthentication", ...
  std::string smdp_address;
  std::string request_body;
  long http_status = 0;  // 0: no HTTP answer
  std::string response_body;
};

struct DownloadOptions {
  std::optional<std::string> confirmation_code;
  DeviceInfoOptions device_info;
  std::chrono::sys_seconds now{};  // for the card's certificate validity checks
  bool reject_consent = false;     // simulate the end user refusing the profile
  bool forward_authenticate_server_error = false;
  // Progress lines for humans (nullptr: silent). Never receives secrets.
  std::function<void(std::string_view)> progress;

  // ---- fault injection (tests) ----
  // Called with every ES9+ request body just before it is sent; may modify it.
  std::function<void(std::string_view function, std::string& body)> tamper_request;
  // Called with every ES10b input just before the card sees it; may modify it.
  std::function<void(Step step, Bytes& card_input)> tamper_card_input;
  // Stop (no cancel, no further message) once this step has completed; the result
  // then has failure->code == LpaErrc::stopped and the exchanges so far, so a test
  // can replay or abuse requests.
  std::optional<Step> stop_after;
};

struct DownloadFailure {
  Step step = Step::activation_code;
  Error error;  // LpaErrc value; context: human-readable detail (nested error, codes)
  // The SM-DP+'s statusCodeData when it answered Failed/Expired (function_failed).
  std::optional<StatusCodeData> status_code_data;
  // The SM-DP+'s error INTEGER when it answered with one over the ASN.1 binding.
  std::optional<std::uint64_t> asn1_error;
  // The card's error code when it answered with one (card_error): AuthenticateErrorCode,
  // DownloadErrorCode, or the ErrorReason of a ProfileInstallationResult (then
  // bpp_command_id is set too).
  std::optional<std::uint64_t> card_error_code;
  std::optional<std::uint64_t> bpp_command_id;
  // "8.2.6/3.8", "asn1:6" (ASN.1 binding) or "" — for printing.
  std::string codes() const;
};

struct DownloadResult {
  std::optional<DownloadFailure> failure;  // nullopt: the profile is installed
  std::string iccid;                       // digits, from the profile metadata
  std::string service_provider_name;
  std::string profile_name;
  Bytes transaction_id;
  // Sent and removed from the card (HTTP 204) / left pending (server unreachable ...).
  int notifications_sent = 0;
  int notifications_pending = 0;
  // For a cancelled session: the SM-DP+'s answer to cancelSession, if any.
  std::optional<FunctionExecutionStatus> cancel_session_status;
  std::vector<Exchange> exchanges;

  bool ok() const { return !failure.has_value(); }
};

// Runs the whole download for `activation_code` (text as in the QR code). Never
// throws; every failure is described in the result.
DownloadResult download(euicc::Card& card, Es9Transport& transport,
                        std::string_view activation_code, const DownloadOptions& options);

// hashCc (SGP.22 §3.1.3.3): SHA-256(SHA-256(confirmation code) || transactionId).
Bytes confirmation_code_hash(std::string_view confirmation_code, ByteView transaction_id);

// ES10b CancelSessionRequest: BF41 { 80 transactionId, 81 reason }.
Bytes cancel_session_request(ByteView transaction_id, std::uint64_t reason);

// ctxParams1 = ctxParamsForCommonAuthentication { matchingId?, deviceInfo } (A0 TLV).
Bytes ctx_params1(std::optional<std::string_view> matching_id, const DeviceInfoOptions& device);

// ICCID digits from the 10-octet EF.ICCID coding (swapped nibbles, F padding dropped).
std::string iccid_digits(ByteView iccid);

// One pending notification and what became of it.
struct NotificationOutcome {
  std::uint64_t seq_number = 0;
  std::string address;  // notificationAddress from its metadata
  bool sent = false;    // the SM-DP+ answered 204 and it was removed from the card
  std::optional<Error> error;
};

// Sends every pending notification of the card to its notificationAddress
// (ES9+.handleNotification) and removes those the server accepted with HTTP 204.
// `only_seq`: just those sequence numbers (the notifications of one session).
std::vector<NotificationOutcome> send_pending_notifications(
    euicc::Card& card, Es9Transport& transport,
    const std::optional<std::vector<std::uint64_t>>& only_seq = std::nullopt,
    std::vector<Exchange>* exchanges = nullptr);

// Summary of one pending notification (for `euicc-sim list`).
struct PendingNotificationInfo {
  std::uint64_t seq_number = 0;
  std::string kind;  // "install-result" or "other"
  std::string address;
  std::string iccid;  // may be empty
};
std::vector<PendingNotificationInfo> describe_pending_notifications(const euicc::Card& card);

}  // namespace smdp::lpa
