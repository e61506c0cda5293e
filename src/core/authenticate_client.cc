// SPDX-License-Identifier: Apache-2.0
// ES9+.AuthenticateClient, SM-DP+ side (SGP.22 §5.6.3, §3.0.1 steps 13-16, §3.1.3.1
// and §3.1.3.2 for the profile lookup by matchingId or EID and the eligibility check).
#include <algorithm>
#include <iterator>

#include "asn1/authenticate_server.h"
#include "asn1/euicc_info.h"
#include "asn1/prepare_download.h"
#include "base/log.h"
#include "core/eligibility.h"
#include "core/rsp_common.h"
#include "core/rsp_server.h"
#include "pki/chain_errors.h"
#include "pki/euicc_chain.h"

namespace smdp::core {

// The status code of each chain error, as listed among §5.6.3's error codes.
StatusCode detail::chain_status(pki::ChainErrc e) {
  switch (e) {
    case pki::ChainErrc::eum_malformed:
    case pki::ChainErrc::eum_invalid:
    case pki::ChainErrc::eum_wrong_curve:
      return kEumCertificateInvalid;
    case pki::ChainErrc::eum_expired:
      return kEumCertificateExpired;
    case pki::ChainErrc::euicc_malformed:
    case pki::ChainErrc::euicc_invalid:
    case pki::ChainErrc::euicc_wrong_curve:
    case pki::ChainErrc::eid_outside_eum_range:
      return kEuiccCertificateInvalid;
    case pki::ChainErrc::euicc_expired:
      return kEuiccCertificateExpired;
    case pki::ChainErrc::ci_unknown:
      return kCiPublicKeyUnknown;
    case pki::ChainErrc::eid_mismatch:
      return kEidRefused;
  }
  return kEuiccCertificateInvalid;  // cannot happen: every value is listed above
}

// An order the default SM-DP+ may serve now: attempts left, not expired.
static bool downloadable(const ProfileRecord& p, TimePoint now) {
  return p.download_attempts < p.max_download_attempts &&
         (!p.order_expires_at || *p.order_expires_at >= now);
}

// With no matchingId (default SM-DP+, §3.1.3 case b): the order bound to the EID whose
// download was interrupted after its BPP was delivered (Downloaded: the eUICC retries
// it, §3.1.3.2), else the oldest Released one, each only when still downloadable; when
// none is, the oldest, which check_order then refuses with its reason. No order for the
// EID at all: 8.1.1/3.8 (§5.6.3: the EID is refused; SGP.23 expects it, not 8.2.6/3.8).
static Outcome<ProfileRecord> find_default_order(Store& store, const std::string& eid,
                                                 TimePoint now) {
  std::vector<ProfileRecord> candidates;
  for (const ProfileState state : {ProfileState::downloaded, ProfileState::released}) {
    auto found = store.find_profiles_for_eid(eid, state);
    if (!found) return detail::store_fault(found.error(), "find_profiles_for_eid");
    std::ranges::move(*found, std::back_inserter(candidates));
  }
  if (candidates.empty()) return detail::refuse(kEidRefused, "no pending order for this EID");
  const auto ready = std::ranges::find_if(
      candidates, [&](const ProfileRecord& p) { return downloadable(p, now); });
  return std::move(ready != candidates.end() ? *ready : candidates.front());
}

// By matchingId (activation code or SM-DS event). Guessing is throttled per EID
// (config.guess_limit, counted in the store so every instance shares it): while the EID
// is blocked, 8.2.6/3.8 without a lookup.
static Outcome<ProfileRecord> find_order_by_matching_id(Store& store, std::string_view matching_id,
                                                        const std::string& eid, TimePoint now,
                                                        const GuessLimit& limit) {
  const bool limited = limit.max_failures > 0;
  if (limited) {
    auto blocked = store.matching_id_blocked_until(eid);
    if (!blocked) return detail::store_fault(blocked.error(), "matching_id_blocked_until");
    if (blocked->value_or(TimePoint::min()) > now)
      return detail::refuse(kMatchingIdRefused,
                            "too many unknown matchingIds from this eUICC; try again later");
  }
  auto found = store.find_profile_by_matching_id(matching_id);
  if (!found) return detail::store_fault(found.error(), "find_profile_by_matching_id");
  if (std::optional<ProfileRecord>& profile = *found; profile) return std::move(*profile);
  if (limited) {
    auto counted = store.count_unknown_matching_id(eid, now, limit);
    if (!counted)
      log::warn("rsp.guess_count_failed", {{"error", counted.error().message()}});
    else if (counted->value_or(TimePoint::min()) > now)
      log::warn("rsp.matching_id_guessing",
                {{"eid", eid}, {"blockedSeconds", std::to_string(limit.window.count())}});
  }
  return detail::refuse(kMatchingIdRefused, "unknown matchingId");
}

// The order's eligibility and retry-limit checks (§3.1.3.1, notification point 1): the
// EID, the state, the expiry and the attempts.
static Outcome<void> check_order(const ProfileRecord& profile, const std::string& eid,
                                 TimePoint now) {
  if (profile.eid && *profile.eid != eid)
    return detail::refuse(kEidRefused, "the order is bound to another EID");
  // A BPP already delivered to this (same) eUICC may be downloaded again.
  if (profile.state != ProfileState::released && profile.state != ProfileState::downloaded)
    return detail::refuse(kProfileNotReleased,
                          "profile is " + std::string(to_string(profile.state)));
  if (profile.order_expires_at && *profile.order_expires_at < now)
    return detail::refuse(kDownloadOrderExpired, "the download order has expired");
  if (profile.download_attempts >= profile.max_download_attempts)
    return detail::refuse(kDownloadRetriesExceeded, "maximum number of download attempts reached");
  return {};
}

Outcome<AuthenticateClientResult> RspServer::authenticate_client(
    const AuthenticateClientRequest& request) {
  auto session = live_session(request.transaction_id, "authenticateClient");
  if (!session) return std::unexpected(session.error());
  if (session->state != SessionState::initiated)
    return detail::refuse(kTransactionIdUnknown, "session already authenticated");

  const auto& response = request.authenticate_server_response.view;
  if (const auto* error = std::get_if<asn1::AuthenticateResponseErrorView>(&response.result)) {
    session->state = SessionState::failed;
    (void)store_.update(&*session, nullptr);
    return detail::refuse(kExecutionError, "the eUICC refused the server: authenticateErrorCode " +
                                               std::to_string(error->authenticate_error_code));
  }
  const auto& ok = std::get<asn1::AuthenticateResponseOkView>(response.result);
  const auto& signed1 = ok.euicc_signed1;
  if (!std::ranges::equal(signed1.transaction_id, session->transaction_id))
    return detail::refuse(kTransactionIdUnknown, "euiccSigned1 transactionId differs");

  // Certificates, then euiccSignature1 over the received euiccSigned1 (§3.0.1 step 13).
  const TimePoint now = clock_.now();
  auto euicc = pki::verify_euicc_chain(
      certificates_.cis(), ok.eum_certificate, ok.euicc_certificate,
      {.now = now, .selected_ci_ski = session->ci_pkid, .eum_cache = &certificates_.eum_cache()});
  if (!euicc)
    return detail::refuse(
        detail::chain_status(static_cast<pki::ChainErrc>(euicc.error().code.value())),
        euicc.error().message());
  if (!euicc->public_key().verify(signed1.raw, ok.euicc_signature1))
    return detail::refuse(kEuiccSignatureInvalid, "euiccSignature1 does not verify");
  if (!std::ranges::equal(signed1.server_challenge, session->server_challenge))
    return detail::refuse(kEuiccSignatureInvalid, "serverChallenge differs");
  if (!detail::same_address(signed1.server_address, config_.smdp_address))
    return detail::refuse(kInvalidSmdpAddress, "euiccSigned1 serverAddress differs");

  const auto& ctx = signed1.ctx_params1.ctx_params_for_common_authentication;
  const std::string_view matching_id = ctx.matching_id.value_or(std::string_view{});
  auto profile = matching_id.empty() ? find_default_order(store_, euicc->eid, now)
                                     : find_order_by_matching_id(store_, matching_id, euicc->eid,
                                                                 now, config_.guess_limit);
  if (!profile) return std::unexpected(profile.error());
  if (auto checked = check_order(*profile, euicc->eid, now); !checked) {
    report(*profile, NotificationPoint::eligibility_check, checked.error());
    return std::unexpected(checked.error());
  }
  // A session that holds the profile is always this eUICC's (the hold binds the order to
  // the EID, and check_order refuses any other). So this eUICC may start over (a crashed
  // LPA, a lost response: §3.1.3.2), before or after its BPP was issued: the new session
  // takes the profile over and the old one can no longer use it. Only one BPP can be
  // installed: the eUICC keeps one session and one otSK.EUICC.ECKA at a time.
  auto measured = profiles_.eligibility_package(*profile);
  if (!measured) return detail::store_fault(measured.error(), "profile package");
  if (auto eligible = check_eligibility(signed1.euicc_info2, *measured, profile->profile_metadata);
      !eligible) {
    report(*profile, NotificationPoint::eligibility_check, eligible.error());
    return std::unexpected(eligible.error());
  }

  // smdpSigned2 and smdpSignature2 over smdpSigned2 || euiccSignature1 TLV (§5.6.3).
  const pki::Credential* dppb = certificates_.dppb_for(session->ci_pkid);
  if (dppb == nullptr) return detail::refuse(kExecutionError, "no CERT.DPpb for the CI");
  asn1::SmdpSigned2 smdp_signed2;
  smdp_signed2.transaction_id = session->transaction_id;
  smdp_signed2.cc_required_flag = profile->confirmation_code_hash.has_value();
  // A retry: the eUICC may reuse the one-time key the kept BPP is bound to (§3.1.3.2).
  if (detail::retained_bpp(*profile, now)) smdp_signed2.bpp_euicc_otpk = profile->bound_euicc_otpk;
  AuthenticateClientResult result;
  result.transaction_id = session->transaction_id;
  result.profile_metadata = profile->profile_metadata;
  result.smdp_signed2 = smdp_signed2.encode();
  auto signature = detail::sign(
      dppb->key, concat(result.smdp_signed2, detail::signature_tlv(ok.euicc_signature1)));
  if (!signature) return detail::refuse(kExecutionError, "signing failed");
  result.smdp_signature2 = detail::signature_tlv(*signature);
  result.smdp_certificate = dppb->cert.der();

  // Hold the profile for this session: one guarded transaction for both rows.
  session->state = SessionState::authenticated;
  session->eid = euicc->eid;
  session->euicc_certificate.assign(ok.euicc_certificate.begin(), ok.euicc_certificate.end());
  session->eum_certificate.assign(ok.eum_certificate.begin(), ok.eum_certificate.end());
  session->iccid = profile->iccid;
  session->confirmation_code_required = smdp_signed2.cc_required_flag;
  session->smdp_signature2 = result.smdp_signature2;
  profile->eid = euicc->eid;  // from now on only this eUICC may download it
  profile->session_transaction_id = to_hex(session->transaction_id);
  profile->session_expires_at = session->expires_at;
  profile->download_attempts += 1;
  profile->updated_at = now;
  if (auto updated = store_.update(&*session, &*profile); !updated) {
    if (updated.error().code == StoreErrc::conflict)
      return detail::refuse(kProfileNotReleased, "the profile was taken by another session");
    return detail::store_fault(updated.error(), "update");
  }
  return result;
}

}  // namespace smdp::core
