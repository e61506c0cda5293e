// SPDX-License-Identifier: Apache-2.0
// ES9+.HandleNotification, SM-DP+ side (SGP.22 §5.6.4, §3.5): the eUICC's signed
// ProfileInstallationResult ends the download; other notifications (enable, disable,
// delete) are verified against the eUICC certificate they carry and recorded. Nothing
// is refused on the wire (the answer is 204 regardless); what cannot be verified is
// ignored and reported to the caller for the log.
#include "asn1/notification.h"
#include "asn1/profile_installation_result.h"
#include "core/profile_lifecycle.h"
#include "core/rsp_common.h"
#include "core/rsp_server.h"
#include "pki/euicc_chain.h"
#include "pki/subject_public_key.h"

namespace smdp::core {
namespace {

NotificationOutcome ignored(std::string reason) {
  NotificationOutcome o;
  o.kind = NotificationOutcome::Kind::ignored;
  o.reason = std::move(reason);
  return o;
}

// NotificationEvent BIT STRING (§5.7.9): install(0), enable(1), disable(2), delete(3);
// `contents` starts with the unused-bits octet.
std::string event_name(ByteView contents) {
  static constexpr const char* kNames[] = {"install", "enable", "disable", "delete"};
  if (contents.size() < 2) return "unknown";
  for (int bit = 0; bit < 4; ++bit) {
    if ((contents[1] & (0x80 >> bit)) != 0) return kNames[bit];
  }
  return "unknown";
}

std::string final_result_text(const asn1::FinalResultView& final_result) {
  if (std::holds_alternative<asn1::SuccessResultView>(final_result.result)) return "installed";
  const auto& e = std::get<asn1::ErrorResultView>(final_result.result);
  return "error:" + std::to_string(e.bpp_command_id) + "/" + std::to_string(e.error_reason);
}

}  // namespace

static NotificationOutcome record(Store& store, const NotificationRecord& rec,
                                  ProfileRecord* profile, std::span<OutboxMessage> outbox) {
  auto recorded = store.record_notification(rec, profile, outbox);
  if (!recorded) return ignored("store: " + recorded.error().message());
  NotificationOutcome o;
  o.kind = *recorded ? NotificationOutcome::Kind::recorded : NotificationOutcome::Kind::duplicate;
  o.event = rec.event;
  o.result = rec.result;
  o.iccid = rec.iccid;
  return o;
}

// The operator's vendor notification point for an enable/disable/delete the eUICC
// reports, when the profile is ours and installed on that eUICC.
Result<std::vector<OutboxMessage>> RspServer::state_change_messages(const NotificationRecord& rec) {
  if (callbacks_ == nullptr || !rec.iccid) return std::vector<OutboxMessage>{};
  auto loaded = store_.get_profile(*rec.iccid);
  if (!loaded) return std::unexpected(loaded.error());
  const std::optional<ProfileRecord>& profile = *loaded;
  if (!profile || profile->eid != rec.eid) return std::vector<OutboxMessage>{};
  return callbacks_->state_change(*profile, rec.event, rec.received_at);
}

NotificationOutcome RspServer::handle_notification(const HandleNotificationRequest& request) {
  const auto& pending = request.pending_notification.view;
  const TimePoint now = clock_.now();
  if (const auto* other = std::get_if<asn1::OtherSignedNotificationView>(&pending.notification)) {
    auto euicc = pki::verify_euicc_chain(certificates_.cis(), other->eum_certificate,
                                         other->euicc_certificate,
                                         {.now = now, .eum_cache = &certificates_.eum_cache()});
    if (!euicc) return ignored("eUICC certificate chain: " + euicc.error().message());
    const auto& tbs = other->tbs_other_notification;
    if (!euicc->public_key().verify(tbs.raw, other->euicc_notification_signature))
      return ignored("euiccNotificationSignature does not verify");
    NotificationRecord rec{
        .eid = euicc->eid,
        .seq_number = static_cast<std::int64_t>(tbs.seq_number),
        .iccid = tbs.iccid ? std::optional(detail::iccid_from_octets(*tbs.iccid)) : std::nullopt,
        .event = event_name(tbs.profile_management_operation),
        .result = "",
        .der = *request.pending_notification.der,
        .received_at = now};
    auto messages = state_change_messages(rec);
    if (!messages) return ignored("store: " + messages.error().message());
    return record(store_, rec, nullptr, *messages);
  }

  const auto& pir = std::get<asn1::ProfileInstallationResultView>(pending.notification);
  const auto& data = pir.profile_installation_result_data;
  auto found = store_.get_session(data.transaction_id);
  if (!found) return ignored("store: " + found.error().message());
  std::optional<RspSession>& stored = *found;
  if (!stored || !stored->eid) return ignored("unknown transactionId");
  const std::string eid = *stored->eid;  // before the move below empties it
  RspSession session = std::move(*stored);
  auto euicc_key = pki::subject_public_key(session.euicc_certificate);  // verified at §5.6.3
  if (!euicc_key || !euicc_key->verify(data.raw, pir.euicc_sign_pir))
    return ignored("euiccSignPIR does not verify");
  const auto& meta = data.notification_metadata;
  if (meta.iccid && detail::iccid_from_octets(*meta.iccid) != session.iccid.value_or(""))
    return ignored("the ICCID differs from the session's");

  NotificationRecord rec{.eid = eid,
                         .seq_number = static_cast<std::int64_t>(meta.seq_number),
                         .iccid = session.iccid,
                         .event = "install",
                         .result = final_result_text(data.final_result),
                         .der = *request.pending_notification.der,
                         .received_at = now};
  auto loaded = store_.get_profile(session.iccid.value_or(""));
  if (!loaded) return ignored("store: " + loaded.error().message());
  std::optional<ProfileRecord> profile = std::move(*loaded);
  // Only the session that holds the profile decides its final state.
  // The lifecycle table allows it only from Downloaded (a BPP was delivered).
  if (profile && profile->session_transaction_id == to_hex(session.transaction_id) &&
      transition(*profile,
                 rec.result == "installed" ? ProfileState::installed : ProfileState::error)) {
    profile->result = rec.result;
    profile->session_transaction_id.reset();
    profile->session_expires_at.reset();
    profile->updated_at = now;
  } else {
    profile.reset();
  }
  std::vector<OutboxMessage> messages;
  if (profile) {
    const bool installed = rec.result == "installed";
    const PointStatus status =
        installed ? PointStatus{}
                  : PointStatus{kInstallationFailed, "installation failed: " + rec.result};
    auto progressed = progress(*profile, NotificationPoint::bpp_installation, status,
                               *request.pending_notification.der);
    if (!progressed) return ignored("store: " + progressed.error().message);
    messages = std::move(*progressed);
    if (auto event = delete_event(*profile, now)) messages.push_back(std::move(*event));
  }
  NotificationOutcome outcome = record(store_, rec, profile ? &*profile : nullptr, messages);
  if (outcome.kind == NotificationOutcome::Kind::recorded) {
    session.state = SessionState::completed;
    (void)store_.update(&session, nullptr);  // housekeeping: the profile is final already
  }
  return outcome;
}

}  // namespace smdp::core
