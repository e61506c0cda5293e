// SPDX-License-Identifier: Apache-2.0
// ES9+.CancelSession, SM-DP+ side (SGP.22 §5.6.5, §3.1.3 "cancel session"): the eUICC's
// signed cancellation and what its reason does to the order. postponed and timeout
// keep the order (the profile can be downloaded again later); every other reason
// (endUserRejection, pprNotAllowed, metadataMismatch, loadBppExecutionError,
// undefinedReason) terminates it: the profile goes to Error with the reason recorded.
#include "asn1/cancel_session.h"

#include "core/callbacks.h"
#include "core/profile_lifecycle.h"
#include "core/rsp_common.h"
#include "core/rsp_server.h"
#include "pki/certificate.h"

namespace smdp::core {

Outcome<void> RspServer::cancel_session(const CancelSessionRequest& request) {
  auto session = live_session(request.transaction_id, "cancelSession");
  if (!session) return std::unexpected(session.error());
  const bool open =
      session->state == SessionState::authenticated || session->state == SessionState::bound;
  if (!open) return detail::refuse(kTransactionIdUnknown, "no open download in this session");

  const auto& response = request.cancel_session_response.view;
  const auto* ok = std::get_if<asn1::CancelSessionResponseOkView>(&response.result);
  if (ok == nullptr)
    return detail::refuse(kTransactionIdUnknown,
                          "the eUICC could not cancel: cancelSessionResponseError " +
                              std::to_string(std::get<std::uint64_t>(response.result)));
  const auto& signed_part = ok->euicc_cancel_session_signed;
  if (!std::ranges::equal(signed_part.transaction_id, session->transaction_id))
    return detail::refuse(kTransactionIdUnknown, "euiccCancelSessionSigned transactionId differs");
  auto euicc = pki::Certificate::from_der(session->euicc_certificate);
  if (!euicc || !euicc->public_key().verify(signed_part.raw, ok->euicc_cancel_session_signature))
    return detail::refuse(kEuiccSignatureInvalid, "euiccCancelSessionSignature does not verify");
  const pki::Credential* dpauth = certificates_.dpauth_for(session->ci_pkid);
  auto oid = asn1::oid_to_text(signed_part.smdp_oid);
  if (dpauth == nullptr || !oid || dpauth->cert.registered_id() != *oid)
    return detail::refuse(kSmdpOidMismatch, "smdpOid is not this SM-DP+'s");

  auto loaded = store_.get_profile(session->iccid.value_or(""));
  if (!loaded) return detail::store_fault(loaded.error(), "get_profile");
  std::optional<ProfileRecord> profile = std::move(*loaded);
  if (profile && profile->session_transaction_id != to_hex(session->transaction_id))
    profile.reset();  // another session holds it now: nothing to release
  if (profile) {
    const std::uint64_t reason = signed_part.reason;
    // The order stays downloadable when the device only postponed, timed out, or found
    // the profile's policy rules not allowed by its Rules Authorisation Table (§2.9.2.2,
    // §3.1.3: pprNotAllowed, reported to the operator below).
    const bool keep_order = reason == asn1::kCancelPostponed || reason == asn1::kCancelTimeout ||
                            reason == asn1::kCancelPprNotAllowed;
    const ProfileState to = keep_order ? ProfileState::released : ProfileState::error;
    if (auto moved = transition(*profile, to); !moved)
      return detail::refuse(kProfileNotReleased, moved.error().message());
    if (!keep_order) profile->result = "cancelled:" + std::to_string(reason);
    profile->session_transaction_id.reset();
    profile->session_expires_at.reset();
    profile->updated_at = clock_.now();
  }
  session->state = SessionState::cancelled;
  // An order that ends here takes its SM-DS event with it (§5.8.2).
  std::vector<OutboxMessage> messages;
  if (profile && profile->state == ProfileState::error) {
    if (auto event = delete_event(*profile, clock_.now())) messages.push_back(std::move(*event));
  }
  // The operator learns why the order waits: its eligibility check (point 1) failed on
  // the device's side.
  if (profile && signed_part.reason == asn1::kCancelPprNotAllowed) {
    auto reported = progress(*profile, NotificationPoint::eligibility_check,
                             {kNoEligibleProfile,
                              "the device refused the profile's policy "
                              "rules (CancelSession pprNotAllowed)"});
    if (!reported) return std::unexpected(reported.error());
    messages.insert(messages.end(), reported->begin(), reported->end());
  }
  if (auto u = store_.update(&*session, profile ? &*profile : nullptr, messages); !u) {
    if (u.error().code == StoreErrc::conflict)
      return detail::refuse(kTransactionIdUnknown, "the session changed concurrently");
    return detail::store_fault(u.error(), "update");
  }
  return {};
}

}  // namespace smdp::core
