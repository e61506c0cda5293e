// SPDX-License-Identifier: Apache-2.0
// A software eUICC: the ES10b functions an LPA calls (SGP.22 §5.7), written from the
// specification for tests, the demo device and the load generator. It shares only the
// DER, asn1, crypto, pki-certificate and SCP03t layers with the SM-DP+ side.
//
// Every function takes and returns the DER of the ES10b message exactly as an LPA
// would send it to a real card (STORE DATA payloads), so the LPA code is the same
// whatever the card is. Errors the card reports inside a response (for example
// AuthenticateErrorCode, DownloadErrorCode) are part of the returned DER, as on a
// real card; a Result error (euicc::CardErrc, or the der/asn1 decoding error) means the
// input could not even be parsed, or LoadBoundProfilePackage came outside a prepared
// session (CardErrc::no_session), where a real card has nothing to sign a result with.
//
// Not thread-safe: one Card per simulated device.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/bytes.h"
#include "base/error.h"
#include "crypto/ec.h"
#include "crypto/rng.h"
#include "euicc/card_errors.h"

namespace smdp::euicc {

struct CardConfig {
  std::string eid;                     // 32 digits
  Bytes euicc_certificate;             // CERT.EUICC.ECDSA DER
  Bytes eum_certificate;               // CERT.EUM.ECDSA DER
  std::vector<Bytes> ci_certificates;  // the CI certificates the card trusts (DER)
  // SK.EUICC.ECDSA; its curve is the curve of the eUICC certificate.
  crypto::EcPrivateKey euicc_private_key;
  // EUICCInfo2 facts the SM-DP+ checks for eligibility.
  // extCardResource free non-volatile memory with no profile installed; the card
  // reports it minus the installed profile packages and refuses a profile that does not
  // fit (ErrorReason installFailedDueToInsufficientMemoryForProfile).
  std::int64_t free_nvm = 2'000'000;
  std::string profile_version = "2.3.1";  // highest SAIP version supported
  std::string svn = "2.3.0";              // SGP.22 version (lowestSvn/baseline)
  // EUICCInfo2.forbiddenProfilePolicyRules (PprIds bits: 1 = PPR1, 2 = PPR2); absent
  // when empty.
  std::vector<std::size_t> forbidden_profile_policy_rules{};
};

// A profile the card installed, as tests compare it with what the MNO registered.
struct InstalledProfileInfo {
  std::string iccid;      // from StoreMetadata, digits without F padding
  Bytes profile_package;  // the reassembled profile elements (UPP)
  Bytes store_metadata;   // BF25
  bool used_ppk = false;
};

class Card {
 public:
  // The rng draws challenges and one-time keys; it must outlive the Card.
  // Throws std::invalid_argument on a configuration error (EID not 32 digits, a CI
  // certificate that does not parse or has no subjectKeyIdentifier, a malformed
  // version string): the configuration is trusted input, unlike the ES10b requests.
  Card(CardConfig config, crypto::Rng& rng);
  ~Card();
  Card(Card&&) noexcept;
  Card& operator=(Card&&) noexcept;

  const std::string& eid() const;

  // ES10b.GetEUICCInfo (§5.7.8): BF20 EUICCInfo1 / BF22 EUICCInfo2 DER. The CI lists
  // name the SKIs of the configured CI certificates.
  Bytes get_euicc_info1() const;
  Bytes get_euicc_info2() const;

  // ES10b.GetEUICCChallenge (§5.7.7): a fresh 16-byte euiccChallenge, remembered for
  // AuthenticateServer.
  Bytes get_euicc_challenge();

  // ES10b.AuthenticateServer (§5.7.13): BF38 AuthenticateServerRequest in, BF38
  // AuthenticateServerResponse out. Checks CERT.DPauth against the CI named by
  // euiccCiPKIdToBeUsed (chain, validity at `now`, key usage/role), serverSignature1
  // over the received serverSigned1, the euiccChallenge, and the serverAddress against
  // `expected_smdp_address` (the address the LPA used, compared case-insensitively);
  // failures are returned as AuthenticateErrorCode inside the response.
  Result<Bytes> authenticate_server(ByteView request, std::string_view expected_smdp_address,
                                    std::chrono::sys_seconds now);

  // ES10b.PrepareDownload (§5.7.5): BF21 PrepareDownloadRequest in, BF21
  // PrepareDownloadResponse out. Checks CERT.DPpb (same CI, same SM-DP+ OID as
  // CERT.DPauth), smdpSignature2 over smdpSigned2 || the 5F37 of euiccSignature1, the
  // transactionId continuity, and hashCc presence against ccRequiredFlag; generates
  // otPK/otSK.EUICC.ECKA.
  Result<Bytes> prepare_download(ByteView request, std::chrono::sys_seconds now);

  // ES10b.LoadBoundProfilePackage (§5.7.6): the whole BF36 in (the LPA's segmentation is
  // not modelled), the BF37 ProfileInstallationResult out, success or error. On success
  // the profile is installed and an install notification is pending.
  Result<Bytes> load_bound_profile_package(ByteView bpp);

  // ES10b.CancelSession (§5.7.14): BF41 CancelSessionRequest in, BF41
  // CancelSessionResponse out (signed, with the transactionId of the session).
  Result<Bytes> cancel_session(ByteView request);

  // ES10b.ListNotification / RetrieveNotificationsList / RemoveNotificationFromList
  // (§5.7.9-§5.7.11): pending notifications as PendingNotification DER (BF37
  // ProfileInstallationResult or signed 30 OtherSignedNotification), oldest first.
  std::vector<Bytes> pending_notifications() const;
  bool remove_notification(std::int64_t seq_number);

  // Installed profiles, in installation order.
  const std::vector<InstalledProfileInfo>& installed_profiles() const;

  // Persistence of the card's durable state (installed profiles, pending notifications,
  // next sequence number) as one JSON blob (byte strings in base64) the sim writes to
  // its state directory. Sessions, challenges and one-time keys are not saved.
  // restore_state() refuses a blob for another EID (CardErrc::wrong_eid) or a malformed
  // one (CardErrc::invalid_state), leaving the state unchanged, and ends any session.
  Bytes save_state() const;
  Result<void> restore_state(ByteView blob);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace smdp::euicc
