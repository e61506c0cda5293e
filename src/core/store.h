// SPDX-License-Identifier: Apache-2.0
// The repository the SM-DP+ core keeps its state in: downloadable profiles with their
// download order, RSP sessions, and received notifications. The embedded
// implementation is SQLite (store/sql_store.h); a PostgreSQL one will satisfy the
// same contract.
//
// Contract common to every implementation:
// - Every method is one transaction; nothing is half-written after an error.
// - Updates are compare-and-swap on `version`: an update succeeds only when the stored
//   row still has the version the caller read, and then stores version + 1 (and sets it
//   in the caller's object). This is the guarded transition of DESIGN.md principle 4:
//   two concurrent sessions can never both move the same profile.
// - Thread-safe: one Store object may be used from many threads, and several processes
//   may share one database.
// - Errors are values: StoreErrc::conflict for a lost compare-and-swap or a duplicate
//   key, StoreErrc::not_found, StoreErrc::unavailable for I/O or database faults.
#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/bytes.h"
#include "base/error.h"
#include "core/clock.h"
#include "core/outbox.h"

namespace smdp::core {

enum class StoreErrc {
  conflict = 1,  // lost compare-and-swap, or a unique key already present
  not_found,
  unavailable,  // I/O error, corrupt or locked database, failed migration
};

}  // namespace smdp::core
SMDP_DECLARE_ERROR_ENUM(smdp::core, StoreErrc)

namespace smdp::core {

// Profile states as SGP.22 (ES2+, §3.1.1 / §5.3) names them.
enum class ProfileState {
  available,
  allocated,
  linked,
  confirmed,
  released,
  downloaded,
  installed,
  error,
  unavailable,
};
std::string_view to_string(ProfileState state);  // "Available", "Allocated", ...
std::optional<ProfileState> profile_state_from_string(std::string_view text);

// A profile and its download order. Created Released by the operator command until the
// ES2+ interface exists.
struct ProfileRecord {
  std::string iccid;  // 18-20 digits, no F padding
  ProfileState state = ProfileState::available;
  Bytes profile_package;   // the Unprotected Profile Package (SAIP DER)
  Bytes profile_metadata;  // StoreMetadataRequest, BF25 DER
  // The order. An order with an EID may be downloaded only by that eUICC; an order
  // without matching_id is found by EID (default SM-DP+, SGP.22 §3.1.2 case b).
  std::optional<std::string> eid;          // 32 digits
  std::optional<std::string> matching_id;  // unique among profiles when set
  // SHA-256 of the confirmation code (never the code itself), when one is required.
  std::optional<Bytes> confirmation_code_hash;
  int confirmation_attempts = 0;              // failed confirmation codes so far
  int max_confirmation_attempts = 3;          // then 8.2.7/6.4 and the order is consumed
  int download_attempts = 0;                  // AuthenticateClient successes so far
  int max_download_attempts = 10;             // then 8.8.5/6.4
  std::optional<TimePoint> order_expires_at;  // then 8.8.5/4.10
  // The RSP session (transactionId, hex) that holds the profile, until it expires.
  std::optional<std::string> session_transaction_id;
  std::optional<TimePoint> session_expires_at;
  // Outcome of the download, from the notification or cancellation that ended it
  // (for example "installed", "error:8/3" for a bppCommandId/errorReason, "cancelled:1").
  std::optional<std::string> result;
  // ConfirmOrder's smdsAddress: the SM-DS where the order's event (eventId =
  // matching_id) is registered (ES12); nullopt: none.
  std::optional<std::string> smds_address;
  // Inventory (core/inventory_store.h). A profile imported for a profile type has no
  // profile_package of its own: it is the type's template personalised with
  // sealed_values, at download time or ahead of it (protected_package).
  std::optional<std::string> profile_type;
  std::optional<std::string> imsi;  // unique among profiles when set
  // saip::serialise_values() of the subscription, sealed by core::seal_values()
  // (AES-256-GCM, associated data bound to the ICCID).
  Bytes sealed_values;
  // A pre-computed Protected Profile Package, sealed the same way (empty when none).
  Bytes protected_package;
  // The Bound Profile Package last delivered for this order and the otPK.EUICC.ECKA it
  // is bound to, kept for a retry with that key in this or a later RSP session
  // (SGP.22 §3.1.3.2, smdpSigned2.bppEuiccOtpk) until bound_until, and only while the
  // order is Released or Downloaded (core::transition() drops it otherwise). Empty
  // when none. Ciphertext for that one eUICC: no secret of ours is in it.
  Bytes bound_euicc_otpk;
  Bytes bound_package;
  std::optional<TimePoint> bound_until;
  TimePoint updated_at{};
  std::int64_t version = 0;  // set by the store
};

enum class SessionState {
  initiated,      // after InitiateAuthentication
  authenticated,  // after AuthenticateClient: a profile is held
  bound,          // after GetBoundProfilePackage: the BPP was delivered
  completed,      // a ProfileInstallationResult arrived
  cancelled,      // CancelSession
  failed,         // ended by an error that consumed it
};
std::string_view to_string(SessionState state);
std::optional<SessionState> session_state_from_string(std::string_view text);

// An RSP session (SGP.22 §3.1.3 common mutual authentication and download), kept in the
// store so that any instance can continue it.
struct RspSession {
  Bytes transaction_id;  // 16 octets; the key
  SessionState state = SessionState::initiated;
  TimePoint created_at{};
  TimePoint expires_at{};
  // InitiateAuthentication
  std::string smdp_address;  // as the eUICC sent it
  Bytes euicc_challenge;     // 16 octets
  Bytes server_challenge;    // 16 octets
  Bytes euicc_info1;         // BF20 DER
  Bytes ci_pkid;             // the CI SKI chosen (euiccCiPKIdToBeUsed value)
  // AuthenticateClient
  std::optional<std::string> eid;
  Bytes euicc_certificate;           // CERT.EUICC.ECDSA DER, verified
  Bytes eum_certificate;             // CERT.EUM.ECDSA DER, verified
  std::optional<std::string> iccid;  // the profile held
  bool confirmation_code_required = false;
  Bytes smdp_signature2;  // the 5F37 TLV we sent; euiccSignature2 covers it
  // GetBoundProfilePackage: the otPK.EUICC.ECKA the profile was bound to (the package
  // itself is kept with the order: ProfileRecord::bound_package).
  Bytes euicc_otpk;
  std::int64_t version = 0;  // set by the store
};

// A notification received over ES9+.HandleNotification, recorded once per
// (eid, seqNumber).
struct NotificationRecord {
  std::string eid;
  std::int64_t seq_number = 0;
  std::optional<std::string> iccid;
  std::string event;   // "install", "enable", "disable", "delete"
  std::string result;  // as ProfileRecord::result, or "" for other notifications
  Bytes der;           // the PendingNotification as received
  TimePoint received_at{};
};

// How many unknown matchingIds an EID may present before it is refused without a
// lookup (8.2.6/3.8), and for how long (RspServerConfig::guess_limit).
struct GuessLimit {
  int max_failures = 10;  // 0: no limit
  std::chrono::seconds window{3600};
};

class Store {
 public:
  virtual ~Store() = default;

  // Profiles. add_profile fails with conflict when the ICCID or matching_id exists.
  virtual Result<void> add_profile(ProfileRecord& profile) = 0;
  virtual Result<std::optional<ProfileRecord>> get_profile(std::string_view iccid) = 0;
  virtual Result<std::optional<ProfileRecord>> find_profile_by_matching_id(
      std::string_view matching_id) = 0;
  // Profiles whose order is bound to `eid` and has no matching_id, in state `state`,
  // oldest first.
  virtual Result<std::vector<ProfileRecord>> find_profiles_for_eid(std::string_view eid,
                                                                   ProfileState state) = 0;
  virtual Result<std::vector<ProfileRecord>> list_profiles() = 0;

  // Sessions. create_session fails with conflict when the transactionId exists.
  virtual Result<void> create_session(RspSession& session) = 0;
  virtual Result<std::optional<RspSession>> get_session(ByteView transaction_id) = 0;

  // Compare-and-swap of a session and/or a profile, both in one transaction: either both
  // are written or neither (conflict when either version is stale). Null means "not
  // this one". `outbox` messages are appended in the same transaction (their ids set).
  virtual Result<void> update(RspSession* session, ProfileRecord* profile,
                              std::span<OutboxMessage> outbox) = 0;
  Result<void> update(RspSession* session, ProfileRecord* profile) {
    return update(session, profile, {});
  }

  // Records a notification once: true when inserted, false when (eid, seq_number) was
  // already recorded. When `profile` is given it is updated (compare-and-swap) in the
  // same transaction, and only when the notification is new; so are the `outbox`
  // messages appended.
  virtual Result<bool> record_notification(const NotificationRecord& notification,
                                           ProfileRecord* profile,
                                           std::span<OutboxMessage> outbox) = 0;
  Result<bool> record_notification(const NotificationRecord& notification, ProfileRecord* profile) {
    return record_notification(notification, profile, {});
  }

  // Deletes sessions that expired before `before`; returns how many. Housekeeping only:
  // correctness never depends on it.
  virtual Result<int> purge_sessions(TimePoint before) = 0;
  // Drops the bound packages kept past their bound_until, the guess counters whose
  // window and block both ended before `now`, and the domain events past their keeping
  // (core/domain_events.h); returns how many rows changed.
  // Housekeeping only: readers ignore what has expired.
  virtual Result<int> purge_retained(TimePoint now) = 0;

  // Guessing of matchingIds: unknown-matchingId attempts counted per EID in the store,
  // so every front instance shares the count. Counts one attempt of `eid` at `now`:
  // the count restarts when the window that began with the first counted attempt
  // (`limit.window` long) has ended; when it reaches `limit.max_failures`, the EID is
  // blocked until now + limit.window. Returns the end of the block, if any.
  virtual Result<std::optional<TimePoint>> count_unknown_matching_id(std::string_view eid,
                                                                     TimePoint now,
                                                                     const GuessLimit& limit) = 0;
  // The end of the EID's current or last block (nullopt: never blocked or purged).
  virtual Result<std::optional<TimePoint>> matching_id_blocked_until(std::string_view eid) = 0;

  // Singleton tasks among instances sharing the store (housekeeping): true when
  // `holder` now holds the lease `name` until now + duration, i.e. it was free,
  // expired (expires_at <= now) or held by `holder` already (renewed); false while
  // another holder's lease runs. Atomic: two holders never both get an unexpired lease.
  virtual Result<bool> acquire_lease(std::string_view name, std::string_view holder, TimePoint now,
                                     std::chrono::seconds duration) = 0;
};

}  // namespace smdp::core
