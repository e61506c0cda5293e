// SPDX-License-Identifier: Apache-2.0
// ES9+.GetBoundProfilePackage, SM-DP+ side (SGP.22 §5.6.2, §3.1.3.2 steps 9-13): the
// eUICC's PrepareDownload response, the confirmation code, and the binding (§2.5.3).
#include <openssl/crypto.h>

#include "asn1/bpp.h"
#include "asn1/prepare_download.h"
#include "binding/bound_profile_package.h"
#include "binding/protected_profile.h"
#include "core/profile_lifecycle.h"
#include "core/rsp_common.h"
#include "core/rsp_server.h"
#include "crypto/hash.h"
#include "pki/subject_public_key.h"

namespace smdp::core {
namespace {

// DownloadErrorCode (SGP.22 §5.7.5) as the status we answer with: the session ends.
StatusCode download_error_status(std::uint64_t code) {
  constexpr std::uint64_t kInvalidTransactionId = 5;
  return code == kInvalidTransactionId ? kTransactionIdUnknown : kExecutionError;
}

}  // namespace

Result<binding::BoundPackage> RspServer::bind(const ProfileRecord& profile,
                                              const binding::BindingInput& input,
                                              const crypto::EcPrivateKey& sk_dppb) {
  // Pre-computed (core/precompute.h): only the key agreement and the first TLVs remain.
  auto ready = profiles_.protected_package(profile);
  if (!ready) return std::unexpected(ready.error());
  if (const std::optional<binding::ProtectedProfilePackage>& ppp = *ready; ppp)
    return binding::bind_protected_profile_package(input, sk_dppb, rng_, *ppp);
  if (config_.binding_mode == BindingMode::ppk) {
    auto protected_now = profiles_.protect(profile, rng_);
    if (!protected_now) return std::unexpected(protected_now.error());
    return binding::bind_protected_profile_package(input, sk_dppb, rng_, *protected_now);
  }
  auto package = profiles_.package(profile);
  if (!package) return std::unexpected(package.error());
  auto bound = binding::bind_profile_package(input, sk_dppb, rng_, *package);
  // A personalised package holds the subscription's keys in clear.
  OPENSSL_cleanse(package->data(), package->size());
  return bound;
}

// A fresh binding of `profile` for this session and otPK.EUICC (§2.5.3): the BF24
// carries CERT.DPpb's SM-DP+ OID; the CRT hostId is the start of our address.
Outcome<Bytes> RspServer::bind_for_session(const ProfileRecord& profile, const RspSession& session,
                                           ByteView euicc_otpk, const pki::Credential& dppb) {
  asn1::ConfigureIsdpRequest configure_isdp;
  if (const auto& oid = dppb.cert.registered_id()) {
    if (auto contents = asn1::oid_from_text(*oid)) configure_isdp.dp_oid = std::move(*contents);
  }
  const Bytes configure_isdp_der = configure_isdp.encode();
  const Bytes eid = detail::eid_octets(session.eid.value_or(""));
  // CRT hostId (1..16 octets): the start of our address identifies us.
  const ByteView address = as_bytes(config_.smdp_address);
  const ByteView host_id = address.first(std::min<std::size_t>(16, address.size()));
  const binding::BindingInput input{
      session.transaction_id,  eid, euicc_otpk, host_id, configure_isdp_der,
      profile.profile_metadata};
  Result<binding::BoundPackage> bound = bind(profile, input, dppb.key);
  if (!bound) return detail::refuse(kBppUnavailable, "binding failed: " + bound.error().message());
  return std::move(bound->bound_profile_package);
}

Outcome<GetBoundProfilePackageResult> RspServer::get_bound_profile_package(
    const GetBoundProfilePackageRequest& request) {
  auto session = live_session(request.transaction_id, "getBoundProfilePackage");
  if (!session) return std::unexpected(session.error());
  if (session->state != SessionState::authenticated && session->state != SessionState::bound)
    return detail::refuse(kTransactionIdUnknown, "session not authenticated");
  auto loaded = store_.get_profile(session->iccid.value_or(""));
  if (!loaded) return detail::store_fault(loaded.error(), "get_profile");
  std::optional<ProfileRecord>& held = *loaded;
  if (!held || held->session_transaction_id != to_hex(session->transaction_id))
    return detail::refuse(kBppUnavailable, "the profile is no longer held by this session");
  ProfileRecord profile = std::move(*held);
  const TimePoint now = clock_.now();

  const auto& response = request.prepare_download_response.view;
  if (const auto* error = std::get_if<asn1::PrepareDownloadResponseErrorView>(&response.result)) {
    // The eUICC ended the session: free the profile for a later attempt.
    session->state = SessionState::failed;
    profile.session_transaction_id.reset();
    profile.session_expires_at.reset();
    profile.updated_at = now;
    const Refusal refusal{download_error_status(error->download_error_code),
                          "the eUICC refused PrepareDownload: downloadErrorCode " +
                              std::to_string(error->download_error_code)};
    auto messages =
        progress(profile, NotificationPoint::bpp_download, {refusal.code, refusal.message});
    if (!messages) return std::unexpected(messages.error());
    if (auto u = store_.update(&*session, &profile, *messages); !u)
      return detail::store_fault(u.error(), "update");
    return std::unexpected(refusal);
  }
  const auto& ok = std::get<asn1::PrepareDownloadResponseOkView>(response.result);
  const auto& signed2 = ok.euicc_signed2;
  if (!std::ranges::equal(signed2.transaction_id, session->transaction_id))
    return detail::refuse(kTransactionIdUnknown, "euiccSigned2 transactionId differs");
  // PK.EUICC.ECDSA of the certificate verified in authenticateClient (stored with the session).
  auto euicc_key = pki::subject_public_key(session->euicc_certificate);
  if (!euicc_key) return detail::refuse(kExecutionError, "stored eUICC certificate unreadable");
  if (!euicc_key->verify(concat(signed2.raw, session->smdp_signature2), ok.euicc_signature2))
    return detail::refuse(kEuiccSignatureInvalid, "euiccSignature2 does not verify");

  // Confirmation code: hashCc = SHA-256(SHA-256(code) || transactionId) (§3.1.3.2).
  if (profile.confirmation_code_hash) {
    if (!signed2.hash_cc)
      return detail::refuse(kConfirmationCodeMissing, "confirmation code required");
    const auto expected = crypto::sha256(*profile.confirmation_code_hash, session->transaction_id);
    if (!equal_ct(*signed2.hash_cc, expected)) {
      profile.confirmation_attempts += 1;
      profile.updated_at = now;
      const bool exhausted = profile.confirmation_attempts >= profile.max_confirmation_attempts;
      if (exhausted) {
        // The order is consumed (§3.1.3.2: the SM-DP+ terminates it).
        if (auto moved = transition(profile, ProfileState::error); !moved)
          return detail::refuse(kProfileNotReleased, moved.error().message());
        profile.result = "confirmation code attempts exceeded";
        profile.session_transaction_id.reset();
        profile.session_expires_at.reset();
        session->state = SessionState::failed;
      }
      const Refusal refusal = exhausted
                                  ? Refusal{kConfirmationCodeRetriesExceeded,
                                            "maximum number of confirmation code attempts reached"}
                                  : Refusal{kConfirmationCodeRefused, "wrong confirmation code"};
      auto messages = progress(profile, NotificationPoint::confirmation_failure,
                               {refusal.code, refusal.message});
      if (!messages) return std::unexpected(messages.error());
      // The order is over: its SM-DS event goes too (§5.8.2).
      if (auto event = exhausted ? delete_event(profile, now) : std::nullopt)
        messages->push_back(std::move(*event));
      if (auto u = store_.update(exhausted ? &*session : nullptr, &profile, *messages); !u)
        return detail::store_fault(u.error(), "update");
      return std::unexpected(refusal);
    }
  }

  // The package kept for this order, when bound to this otPK.EUICC (§3.1.3.2): as sent
  // after a lost response in this session; in a later session (the eUICC reused the key
  // named in smdpSigned2.bppEuiccOtpk) with its BF23 re-issued for this transactionId.
  // Another otPK gets a fresh binding, which replaces the kept one.
  GetBoundProfilePackageResult result;
  result.transaction_id = session->transaction_id;
  const bool same_key = detail::retained_bpp(profile, now) &&
                        std::ranges::equal(profile.bound_euicc_otpk, signed2.euicc_otpk);
  if (same_key && session->state == SessionState::bound &&
      std::ranges::equal(session->euicc_otpk, signed2.euicc_otpk)) {
    result.bound_profile_package = profile.bound_package;
    return result;
  }
  const pki::Credential* dppb = certificates_.dppb_for(session->ci_pkid);
  if (dppb == nullptr) return detail::refuse(kExecutionError, "no CERT.DPpb for the CI");
  if (same_key) {
    auto reissued = binding::reissue_for_transaction(profile.bound_package, session->transaction_id,
                                                     signed2.euicc_otpk, dppb->key);
    if (!reissued)
      return detail::refuse(kBppUnavailable, "kept BPP unusable: " + reissued.error().message());
    profile.bound_package = std::move(*reissued);
  } else {
    auto bound = bind_for_session(profile, *session, signed2.euicc_otpk, *dppb);
    if (!bound) return std::unexpected(bound.error());
    profile.bound_package = std::move(*bound);
    profile.bound_euicc_otpk.assign(signed2.euicc_otpk.begin(), signed2.euicc_otpk.end());
    profile.bound_until = now + config_.retry_window;
  }

  session->state = SessionState::bound;
  session->euicc_otpk.assign(signed2.euicc_otpk.begin(), signed2.euicc_otpk.end());
  if (auto moved = transition(profile, ProfileState::downloaded); !moved)
    return detail::refuse(kProfileNotReleased, moved.error().message());
  profile.updated_at = now;
  auto messages = progress(profile, NotificationPoint::bpp_download, {});
  if (!messages) return std::unexpected(messages.error());
  if (auto u = store_.update(&*session, &profile, *messages); !u) {
    if (u.error().code == StoreErrc::conflict)
      return detail::refuse(kBppUnavailable, "the profile changed during binding");
    return detail::store_fault(u.error(), "update");
  }
  result.bound_profile_package = profile.bound_package;
  return result;
}

}  // namespace smdp::core
