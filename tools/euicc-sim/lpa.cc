// SPDX-License-Identifier: Apache-2.0
// The LPA's Profile Download flow (SGP.22 §3.1.3, §3.1.2) and notification sending
// (§3.5). See lpa.h for the decisions taken where the LPA has a choice.
#include "lpa.h"

#include <algorithm>
#include <set>
#include <utility>

#include "asn1/activation_code.h"
#include "asn1/authenticate_server.h"
#include "asn1/notification.h"
#include "asn1/prepare_download.h"
#include "asn1/profile_installation_result.h"
#include "asn1/store_metadata.h"
#include "crypto/hash.h"
#include "der/writer.h"

namespace smdp::lpa {
namespace {

std::string lpa_errc_name(LpaErrc e) {
  switch (e) {
    case LpaErrc::invalid_activation_code:
      return "invalid activation code";
    case LpaErrc::transport:
      return "no answer from the SM-DP+";
    case LpaErrc::malformed_response:
      return "malformed ES9+ response";
    case LpaErrc::function_failed:
      return "the SM-DP+ refused the request";
    case LpaErrc::transaction_id_mismatch:
      return "transactionId differs from the session's";
    case LpaErrc::card_rejected:
      return "the eUICC could not process the request";
    case LpaErrc::card_error:
      return "the eUICC returned an error";
    case LpaErrc::user_rejected:
      return "the end user rejected the profile";
    case LpaErrc::confirmation_code_missing:
      return "a confirmation code is required";
    case LpaErrc::stopped:
      return "stopped as requested";
  }
  return "unknown LPA error";
}

}  // namespace

SMDP_DEFINE_ERROR_CATEGORY(LpaErrc, "smdp.lpa", lpa_errc_name)

std::string_view step_name(Step s) {
  switch (s) {
    case Step::activation_code:
      return "activation code";
    case Step::get_euicc_info:
      return "ES10b.GetEUICCInfo";
    case Step::initiate_authentication:
      return "ES9+.InitiateAuthentication";
    case Step::authenticate_server:
      return "ES10b.AuthenticateServer";
    case Step::authenticate_client:
      return "ES9+.AuthenticateClient";
    case Step::user_consent:
      return "user consent";
    case Step::prepare_download:
      return "ES10b.PrepareDownload";
    case Step::get_bound_profile_package:
      return "ES9+.GetBoundProfilePackage";
    case Step::load_bound_profile_package:
      return "ES10b.LoadBoundProfilePackage";
    case Step::handle_notification:
      return "ES9+.HandleNotification";
    case Step::cancel_session:
      return "CancelSession";
  }
  return "?";
}

std::string DownloadFailure::codes() const {
  if (asn1_error) return "asn1:" + std::to_string(*asn1_error);
  if (!status_code_data) return {};
  return status_code_data->subject_code + "/" + status_code_data->reason_code;
}

asn1::DeviceCapabilities DeviceInfoOptions::default_device_capabilities() {
  asn1::DeviceCapabilities c;
  c.gsm_supported_release = Bytes{15, 0, 0};
  c.utran_supported_release = Bytes{15, 0, 0};
  c.eutran_epc_supported_release = Bytes{15, 0, 0};
  c.nr5gc_supported_release = Bytes{15, 0, 0};
  return c;
}

Bytes confirmation_code_hash(std::string_view confirmation_code, ByteView transaction_id) {
  const auto inner = crypto::sha256(as_bytes(confirmation_code));
  const auto outer = crypto::sha256(inner, transaction_id);
  return Bytes(outer.begin(), outer.end());
}

Bytes cancel_session_request(ByteView transaction_id, std::uint64_t reason) {
  der::Writer w;
  w.add_constructed(0xBF41,
                    [&](der::Writer& in) { in.add(0x80, transaction_id).add_uint(0x81, reason); });
  return w.take();
}

Bytes ctx_params1(std::optional<std::string_view> matching_id, const DeviceInfoOptions& device) {
  asn1::CtxParams1 p;
  auto& common = p.ctx_params_for_common_authentication;
  if (matching_id) common.matching_id = std::string(*matching_id);
  common.device_info.tac = device.tac;
  common.device_info.device_capabilities = device.capabilities;
  common.device_info.imei = device.imei;
  return p.encode();
}

std::string iccid_digits(ByteView iccid) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  for (std::uint8_t b : iccid) {
    for (const unsigned nibble : {b & 0x0Fu, static_cast<unsigned>(b >> 4)}) {
      if (nibble != 0x0F) out.push_back(kDigits[nibble]);
    }
  }
  return out;
}

namespace {

struct NotificationFacts {
  std::uint64_t seq_number = 0;
  std::string kind;
  std::string address;
  std::string iccid;
};

std::optional<NotificationFacts> notification_facts(ByteView der) {
  auto decoded = asn1::PendingNotificationView::decode(der);
  if (!decoded) return std::nullopt;
  NotificationFacts f;
  const asn1::NotificationMetadataView* md = nullptr;
  if (const auto* pir = std::get_if<asn1::ProfileInstallationResultView>(&decoded->notification)) {
    md = &pir->profile_installation_result_data.notification_metadata;
    f.kind = "install-result";
  } else {
    md = &std::get<asn1::OtherSignedNotificationView>(decoded->notification).tbs_other_notification;
    f.kind = "other";
  }
  f.seq_number = md->seq_number;
  f.address = std::string(md->notification_address);
  if (md->iccid) f.iccid = iccid_digits(*md->iccid);
  return f;
}

// One download session: the state download() threads through the steps.
class Flow {
 public:
  Flow(euicc::Card& card, Es9Transport& transport, const DownloadOptions& options,
       DownloadResult& result)
      : card_(card),
        transport_(transport),
        codec_(es9_codec(transport.binding())),
        options_(options),
        result_(result) {}

  void run(std::string_view activation_code);

 private:
  void say(const std::string& line) const {
    if (options_.progress) options_.progress(line);
  }
  void failed(Step step, LpaErrc code, std::string detail) {
    DownloadFailure f;
    f.step = step;
    f.error = Error{make_error_code(code), std::move(detail)};
    result_.failure = std::move(f);
  }
  // True (and the result marked) if the caller asked to stop after `step`.
  bool stop_here(Step step) {
    if (options_.stop_after != step) return false;
    failed(step, LpaErrc::stopped, std::string("after ") + std::string(step_name(step)));
    return true;
  }
  void tamper(Step step, Bytes& input) const {
    if (options_.tamper_card_input) options_.tamper_card_input(step, input);
  }

  // POSTs `body` to `function`; records the exchange. nullopt (and the result marked
  // failed at `step`) if no HTTP answer came.
  std::optional<HttpResponse> call(Step step, std::string_view function, std::string body);
  // Checks the header and the transactionId of a parsed response. False (result
  // marked) on failure.
  template <class R>
  bool accept(Step step, const Result<R>& parsed);
  void cancel(std::uint64_t reason);

  bool initiate_authentication();
  bool authenticate();
  bool consent_and_prepare();
  bool load();

  euicc::Card& card_;
  Es9Transport& transport_;
  const Es9Codec& codec_;  // the transport's binding
  const DownloadOptions& options_;
  DownloadResult& result_;
  std::string address_;
  std::string matching_id_;
  Bytes auth_response_;  // BF38 from the card
  InitiateAuthenticationResponse init_;
  AuthenticateClientResponse client_;
  Bytes prepare_response_;  // BF21 from the card
  GetBoundProfilePackageResponse bpp_;
  bool cc_required_ = false;
};

std::optional<HttpResponse> Flow::call(Step step, std::string_view function, std::string body) {
  if (options_.tamper_request) options_.tamper_request(function, body);
  Exchange ex;
  ex.function = std::string(function);
  ex.smdp_address = address_;
  ex.request_body = body;
  auto response = transport_.post(address_, function, body);
  if (response) {
    ex.http_status = response->status;
    ex.response_body = response->body;
  }
  result_.exchanges.push_back(std::move(ex));
  if (!response) {
    failed(step, LpaErrc::transport, response.error().message());
    return std::nullopt;
  }
  return std::move(*response);
}

template <class R>
bool Flow::accept(Step step, const Result<R>& parsed) {
  if (!parsed) {
    failed(step, LpaErrc::malformed_response, parsed.error().message());
    return false;
  }
  const FunctionExecutionStatus& h = parsed->header;
  if (!h.succeeded()) {
    std::string detail = h.status;
    if (h.status_code_data) {
      detail += " " + h.codes();
      if (!h.status_code_data->message.empty()) detail += " " + h.status_code_data->message;
    }
    if (h.asn1_error) detail += " " + h.codes();
    failed(step, LpaErrc::function_failed, detail);
    result_.failure->status_code_data = h.status_code_data;
    result_.failure->asn1_error = h.asn1_error;
    return false;
  }
  if constexpr (requires { parsed->transaction_id; }) {
    if (!result_.transaction_id.empty() && parsed->transaction_id != result_.transaction_id) {
      failed(
          step, LpaErrc::transaction_id_mismatch,
          "got " + to_hex(parsed->transaction_id) + ", session " + to_hex(result_.transaction_id));
      return false;
    }
  }
  return true;
}

void Flow::cancel(std::uint64_t reason) {
  Bytes request = cancel_session_request(result_.transaction_id, reason);
  tamper(Step::cancel_session, request);
  auto response = card_.cancel_session(request);
  std::string& detail = result_.failure->error.context;
  if (!response) {
    detail += "; ES10b.CancelSession: " + response.error().message();
    return;
  }
  say("cancelSession (reason " + std::to_string(reason) + ")");
  std::string body = codec_.cancel_session_request(result_.transaction_id, *response);
  if (options_.tamper_request) options_.tamper_request("cancelSession", body);
  auto http = transport_.post(address_, "cancelSession", body);
  result_.exchanges.push_back(Exchange{"cancelSession", address_, body, http ? http->status : 0,
                                       http ? http->body : std::string()});
  if (!http) {
    detail += "; cancelSession: " + http.error().message();
    return;
  }
  if (auto parsed = codec_.cancel_session_response(*http))
    result_.cancel_session_status = parsed->header;
  else
    detail += "; cancelSession: " + parsed.error().message();
}

bool Flow::initiate_authentication() {
  const Bytes challenge = card_.get_euicc_challenge();
  const Bytes info1 = card_.get_euicc_info1();
  if (stop_here(Step::get_euicc_info)) return false;
  say("initiateAuthentication to " + address_);
  auto http = call(Step::initiate_authentication, "initiateAuthentication",
                   codec_.initiate_authentication_request(challenge, info1, address_));
  if (!http) return false;
  auto parsed = codec_.initiate_authentication_response(*http);
  if (!accept(Step::initiate_authentication, parsed)) return false;
  init_ = std::move(*parsed);
  result_.transaction_id = init_.transaction_id;
  say("transactionId " + to_hex(result_.transaction_id));
  return !stop_here(Step::initiate_authentication);
}

bool Flow::authenticate() {
  // AuthenticateServerRequest (BF38): the received TLVs unchanged, then ctxParams1.
  const std::optional<std::string_view> mid =
      matching_id_.empty() ? std::nullopt : std::optional<std::string_view>(matching_id_);
  der::Writer w;
  w.add_constructed(0xBF38, [&](der::Writer& in) {
    in.add_raw(init_.server_signed1)
        .add_raw(init_.server_signature1)
        .add_raw(init_.euicc_ci_pkid_to_be_used)
        .add_raw(init_.server_certificate)
        .add_raw(ctx_params1(mid, options_.device_info));
  });
  Bytes request = w.take();
  tamper(Step::authenticate_server, request);
  auto response = card_.authenticate_server(request, address_, options_.now);
  if (!response) {
    failed(Step::authenticate_server, LpaErrc::card_rejected, response.error().message());
    return false;
  }
  auth_response_ = std::move(*response);
  auto decoded = asn1::AuthenticateServerResponseView::decode(auth_response_);
  if (!decoded) {
    failed(Step::authenticate_server, LpaErrc::card_rejected,
           "undecodable response: " + decoded.error().message());
    return false;
  }
  if (const auto* err = std::get_if<asn1::AuthenticateResponseErrorView>(&decoded->result)) {
    failed(Step::authenticate_server, LpaErrc::card_error,
           "authenticateErrorCode " + std::to_string(err->authenticate_error_code));
    result_.failure->card_error_code = err->authenticate_error_code;
    if (!options_.forward_authenticate_server_error) return false;
    const DownloadFailure card_failure = *result_.failure;
    say("forwarding the eUICC's error to authenticateClient");
    auto http = call(Step::authenticate_client, "authenticateClient",
                     codec_.authenticate_client_request(result_.transaction_id, auth_response_));
    if (http) {
      auto parsed = codec_.authenticate_client_response(*http);
      if (parsed && !parsed->header.succeeded()) result_.cancel_session_status = parsed->header;
    }
    result_.failure = card_failure;
    return false;
  }
  if (stop_here(Step::authenticate_server)) return false;

  say("authenticateClient");
  auto http = call(Step::authenticate_client, "authenticateClient",
                   codec_.authenticate_client_request(result_.transaction_id, auth_response_));
  if (!http) return false;
  auto parsed = codec_.authenticate_client_response(*http);
  if (!accept(Step::authenticate_client, parsed)) return false;
  client_ = std::move(*parsed);

  auto metadata = asn1::StoreMetadataRequestView::decode(client_.profile_metadata);
  if (!metadata) {
    failed(Step::authenticate_client, LpaErrc::malformed_response,
           "profileMetadata: " + metadata.error().message());
    return false;
  }
  result_.iccid = iccid_digits(metadata->iccid);
  result_.service_provider_name = std::string(metadata->service_provider_name);
  result_.profile_name = std::string(metadata->profile_name);
  auto signed2 = asn1::SmdpSigned2View::decode(client_.smdp_signed2);
  if (!signed2) {
    failed(Step::authenticate_client, LpaErrc::malformed_response,
           "smdpSigned2: " + signed2.error().message());
    return false;
  }
  cc_required_ = signed2->cc_required_flag;
  say("profile: ICCID " + result_.iccid + ", service provider '" + result_.service_provider_name +
      "', name '" + result_.profile_name + "'" +
      (cc_required_ ? ", confirmation code required" : ""));
  return !stop_here(Step::authenticate_client);
}

bool Flow::consent_and_prepare() {
  if (options_.reject_consent) {
    failed(Step::user_consent, LpaErrc::user_rejected, "simulated end-user rejection");
    cancel(0 /* endUserRejection */);
    return false;
  }
  if (stop_here(Step::user_consent)) return false;
  std::optional<Bytes> hash_cc;
  if (cc_required_) {
    if (!options_.confirmation_code) {
      failed(Step::user_consent, LpaErrc::confirmation_code_missing,
             "ccRequiredFlag set; give the confirmation code");
      // The user has no code at hand yet: postponed keeps the order (SGP.22 §3.1.3),
      // where endUserRejection would end it.
      cancel(1 /* postponed */);
      return false;
    }
    hash_cc = confirmation_code_hash(*options_.confirmation_code, result_.transaction_id);
  }
  der::Writer w;
  w.add_constructed(0xBF21, [&](der::Writer& in) {
    in.add_raw(client_.smdp_signed2).add_raw(client_.smdp_signature2);
    if (hash_cc) in.add(0x04, *hash_cc);
    in.add_raw(client_.smdp_certificate);
  });
  Bytes request = w.take();
  tamper(Step::prepare_download, request);
  auto response = card_.prepare_download(request, options_.now);
  if (!response) {
    failed(Step::prepare_download, LpaErrc::card_rejected, response.error().message());
    return false;
  }
  prepare_response_ = std::move(*response);
  auto decoded = asn1::PrepareDownloadResponseView::decode(prepare_response_);
  if (!decoded) {
    failed(Step::prepare_download, LpaErrc::card_rejected,
           "undecodable response: " + decoded.error().message());
    return false;
  }
  std::optional<DownloadFailure> card_failure;
  if (const auto* err = std::get_if<asn1::PrepareDownloadResponseErrorView>(&decoded->result)) {
    failed(Step::prepare_download, LpaErrc::card_error,
           "downloadErrorCode " + std::to_string(err->download_error_code));
    result_.failure->card_error_code = err->download_error_code;
    card_failure = result_.failure;
    say("forwarding the eUICC's error to getBoundProfilePackage");
  } else if (stop_here(Step::prepare_download)) {
    return false;
  }

  if (!card_failure) say("getBoundProfilePackage");
  auto http =
      call(Step::get_bound_profile_package, "getBoundProfilePackage",
           codec_.get_bound_profile_package_request(result_.transaction_id, prepare_response_));
  if (card_failure) {
    if (http) {
      auto parsed = codec_.get_bound_profile_package_response(*http);
      if (parsed && !parsed->header.succeeded()) result_.cancel_session_status = parsed->header;
    }
    result_.failure = card_failure;
    return false;
  }
  if (!http) return false;
  auto parsed = codec_.get_bound_profile_package_response(*http);
  if (!accept(Step::get_bound_profile_package, parsed)) return false;
  bpp_ = std::move(*parsed);
  say("bound profile package: " + std::to_string(bpp_.bound_profile_package.size()) + " bytes");
  return !stop_here(Step::get_bound_profile_package);
}

bool Flow::load() {
  std::set<std::uint64_t> before;
  for (const auto& n : card_.pending_notifications()) {
    if (auto f = notification_facts(n)) before.insert(f->seq_number);
  }
  Bytes bpp = std::move(bpp_.bound_profile_package);
  tamper(Step::load_bound_profile_package, bpp);
  auto response = card_.load_bound_profile_package(bpp);
  if (!response) {
    failed(Step::load_bound_profile_package, LpaErrc::card_rejected, response.error().message());
    return false;
  }
  auto pir = asn1::ProfileInstallationResultView::decode(*response);
  if (!pir) {
    failed(Step::load_bound_profile_package, LpaErrc::card_rejected,
           "undecodable ProfileInstallationResult: " + pir.error().message());
    return false;
  }
  const auto& final_result = pir->profile_installation_result_data.final_result.result;
  if (const auto* err = std::get_if<asn1::ErrorResultView>(&final_result)) {
    failed(Step::load_bound_profile_package, LpaErrc::card_error,
           "bppCommandId " + std::to_string(err->bpp_command_id) + ", errorReason " +
               std::to_string(err->error_reason));
    result_.failure->card_error_code = err->error_reason;
    result_.failure->bpp_command_id = err->bpp_command_id;
  } else {
    say("installed on the eUICC");
  }
  if (stop_here(Step::load_bound_profile_package)) return false;

  // The notifications this session added (normally the one ProfileInstallationResult).
  std::vector<std::uint64_t> fresh;
  for (const auto& n : card_.pending_notifications()) {
    if (auto f = notification_facts(n); f && !before.contains(f->seq_number))
      fresh.push_back(f->seq_number);
  }
  const auto outcomes = send_pending_notifications(card_, transport_, fresh, &result_.exchanges);
  for (const auto& o : outcomes) {
    if (o.sent) {
      ++result_.notifications_sent;
      say("handleNotification " + std::to_string(o.seq_number) + ": accepted");
    } else {
      ++result_.notifications_pending;
      say("handleNotification " + std::to_string(o.seq_number) + ": left pending (" +
          (o.error ? o.error->message() : std::string("?")) + ")");
    }
  }
  return !result_.failure.has_value();
}

void Flow::run(std::string_view activation_code) {
  auto ac = asn1::parse_activation_code(asn1::without_qr_prefix(activation_code));
  if (!ac) {
    failed(Step::activation_code, LpaErrc::invalid_activation_code, ac.error().message());
    return;
  }
  address_ = ac->smdp_address;
  matching_id_ = ac->matching_id;
  if (stop_here(Step::activation_code)) return;
  if (!initiate_authentication()) return;
  if (!authenticate()) return;
  if (!consent_and_prepare()) return;
  load();
}

}  // namespace

DownloadResult download(euicc::Card& card, Es9Transport& transport,
                        std::string_view activation_code, const DownloadOptions& options) {
  DownloadResult result;
  Flow(card, transport, options, result).run(activation_code);
  return result;
}

std::vector<NotificationOutcome> send_pending_notifications(
    euicc::Card& card, Es9Transport& transport,
    const std::optional<std::vector<std::uint64_t>>& only_seq, std::vector<Exchange>* exchanges) {
  std::vector<NotificationOutcome> out;
  for (const Bytes& der : card.pending_notifications()) {
    const auto facts = notification_facts(der);
    if (!facts) continue;  // the card's own list: cannot happen with a sane card
    if (only_seq && std::ranges::find(*only_seq, facts->seq_number) == only_seq->end()) continue;
    NotificationOutcome o;
    o.seq_number = facts->seq_number;
    o.address = facts->address;
    const std::string body = es9_codec(transport.binding()).handle_notification_request(der);
    auto http = transport.post(o.address, "handleNotification", body);
    if (exchanges != nullptr) {
      exchanges->push_back(Exchange{"handleNotification", o.address, body, http ? http->status : 0,
                                    http ? http->body : std::string()});
    }
    if (!http) {
      o.error = http.error();
    } else if (auto ok = check_handle_notification_response(*http); !ok) {
      o.error = ok.error();
    } else {
      o.sent = card.remove_notification(static_cast<std::int64_t>(o.seq_number));
    }
    out.push_back(std::move(o));
  }
  return out;
}

std::vector<PendingNotificationInfo> describe_pending_notifications(const euicc::Card& card) {
  std::vector<PendingNotificationInfo> out;
  for (const Bytes& der : card.pending_notifications()) {
    if (auto f = notification_facts(der))
      out.push_back({f->seq_number, f->kind, f->address, f->iccid});
  }
  return out;
}

}  // namespace smdp::lpa
