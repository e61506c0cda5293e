// SPDX-License-Identifier: Apache-2.0
// The ES9+ function provider (SGP.22 §5.6): the SM-DP+ side of the common mutual
// authentication and profile download procedures (§3.0.1, §3.1.3). One method per ES9+
// function, each in its own file, in core's terms (core/rsp_messages.h, core/status.h);
// the bindings decode requests into them and render the results and refusals.
//
// Stateless between calls: every RSP session lives in the Store, so any instance can
// continue a session another started. Thread-safe: methods may run concurrently on any
// number of threads and instances; the Store's compare-and-swap makes each state change
// a guarded transition (two sessions never hold one profile).
#pragma once

#include <chrono>
#include <expected>
#include <string>

#include "base/bytes.h"
#include "binding/bound_profile_package.h"
#include "core/callbacks.h"
#include "core/clock.h"
#include "core/profile_source.h"
#include "core/rsp_messages.h"
#include "core/status.h"
#include "core/store.h"
#include "crypto/rng.h"
#include "pki/certificate_set.h"

namespace smdp::core {

// How a profile is bound to an eUICC (SGP.22 §2.5.3).
enum class BindingMode {
  session_keys,  // the profile elements encrypted with the session keys
  ppk,           // with a random Profile Protection Key, sent under ReplaceSessionKeys
};

struct RspServerConfig {
  // Our SM-DP+ address (FQDN, optionally :port), compared case-insensitively with the
  // smdpAddress the eUICC sends (8.8.1/3.8) and signed in serverSigned1.
  std::string smdp_address;
  // An RSP session (and the profile it holds) expires this long after it started.
  std::chrono::seconds session_ttl{600};
  // The order's retry window: how long after GetBoundProfilePackage its Bound Profile
  // Package is kept for a retry with the same otPK.EUICC.ECKA in a later session
  // (§3.1.3.2, smdpSigned2.bppEuiccOtpk). A final state drops it sooner.
  std::chrono::seconds retry_window{std::chrono::hours{24}};
  // Unknown matchingIds per EID before the EID is refused without a lookup (8.2.6/3.8).
  GuessLimit guess_limit{};
  BindingMode binding_mode = BindingMode::session_keys;
  // The SVN (SGP.22 major version) we accept in euiccInfo1 (8.8.3/3.1 otherwise).
  std::uint8_t supported_svn_major = 2;
};

// A refused ES9+ call: the subject/reason code and a message for the peer (no secrets).
struct Refusal {
  StatusCode code;
  std::string message;
};
template <class T>
using Outcome = std::expected<T, Refusal>;

class RspServer {
 public:
  // All references must outlive the server. `profiles` yields each profile's package
  // (its own, or its type's template personalised; core/profile_source.h).
  // `callbacks`, when given, writes the operator's HandleDownloadProgressInfo and the
  // SM-DS's DeleteEvent into the outbox with the state changes that cause them.
  RspServer(RspServerConfig config, Store& store, ProfileSource& profiles,
            const pki::CertificateSet& certificates, crypto::Rng& rng, const Clock& clock,
            Callbacks* callbacks = nullptr);

  // §5.6.1: checks the address, the SVN and the CI lists, opens a session.
  Outcome<InitiateAuthenticationResult> initiate_authentication(
      const InitiateAuthenticationRequest& request);
  // §5.6.3: verifies the eUICC, finds and holds the profile, signs smdpSigned2.
  Outcome<AuthenticateClientResult> authenticate_client(const AuthenticateClientRequest& request);
  // §5.6.2: verifies euiccSigned2 and the confirmation code, binds the profile.
  Outcome<GetBoundProfilePackageResult> get_bound_profile_package(
      const GetBoundProfilePackageRequest& request);
  // §5.6.4: verifies and records a notification; never refuses (204 regardless).
  NotificationOutcome handle_notification(const HandleNotificationRequest& request);
  // §5.6.5: verifies the eUICC's cancellation and applies its reason to the order.
  Outcome<void> cancel_session(const CancelSessionRequest& request);

  const RspServerConfig& config() const { return config_; }

 private:
  Outcome<RspSession> live_session(ByteView transaction_id, std::string_view function);
  // The progress messages for `point` (none without callbacks). A store fault fails the
  // ES9+ call (1.2/4.2) rather than lose the callback: the LPA's retry gets it.
  Outcome<std::vector<OutboxMessage>> progress(const ProfileRecord& profile,
                                               NotificationPoint point, const PointStatus& status,
                                               ByteView result_data = {});
  Result<std::vector<OutboxMessage>> state_change_messages(const NotificationRecord& rec);
  // A refusal at `point` reported to the operator on its own (no state change).
  void report(const ProfileRecord& profile, NotificationPoint point, const Refusal& refusal);
  // The BPP of `profile`: from its pre-computed protected package when it has one,
  // else from its package in the configured binding mode.
  Result<binding::BoundPackage> bind(const ProfileRecord& profile,
                                     const binding::BindingInput& input,
                                     const crypto::EcPrivateKey& sk_dppb);
  // A fresh BPP of `profile` for `session` and `euicc_otpk`, through bind(); 8.2/3.7
  // when binding fails.
  Outcome<Bytes> bind_for_session(const ProfileRecord& profile, const RspSession& session,
                                  ByteView euicc_otpk, const pki::Credential& dppb);

  RspServerConfig config_;
  Store& store_;
  ProfileSource& profiles_;
  const pki::CertificateSet& certificates_;
  crypto::Rng& rng_;
  const Clock& clock_;
  Callbacks* callbacks_;
};

}  // namespace smdp::core
