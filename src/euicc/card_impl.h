// SPDX-License-Identifier: Apache-2.0
// Internal to src/euicc: the state of the software eUICC (Card::Impl) shared by the
// files implementing the ES10b functions (SGP.22 §5.7), and the SM-DP+ certificate
// checks the card performs (§4.5.2.2). Not part of the module's public API.
#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "base/bytes.h"
#include "crypto/ec.h"
#include "crypto/rng.h"
#include "euicc/card.h"
#include "pki/certificate.h"

namespace smdp::euicc {

// AuthenticateErrorCode (SGP.22 §5.7.13).
enum class AuthenticateErrorCode : std::uint8_t {
  invalid_certificate = 1,
  invalid_signature = 2,
  unsupported_curve = 3,
  no_session_context = 4,
  invalid_oid = 5,
  euicc_challenge_mismatch = 6,
  ci_pk_unknown = 7,
  undefined_error = 127,
};

// DownloadErrorCode (SGP.22 §5.7.5).
enum class DownloadErrorCode : std::uint8_t {
  invalid_certificate = 1,
  invalid_signature = 2,
  unsupported_curve = 3,
  no_session_context = 4,
  invalid_transaction_id = 5,
  undefined_error = 127,
};

// What is wrong with an SM-DP+ certificate presented to the card.
enum class DpCertificateFault : std::uint8_t {
  malformed,  // not a certificate the card can parse
  unsupported_curve,
  not_issued_by_ci,  // AKI, issuer name or signature do not designate the CI
  not_valid_now,     // outside notBefore..notAfter
  wrong_usage,       // keyUsage, CA flag or an unknown critical extension
  wrong_role,        // certificate policy not the role's
  no_smdp_oid,       // no single SAN registeredID
};

struct CheckedDpCertificate {
  pki::Certificate certificate;
  Bytes smdp_oid;  // OID contents octets of the SAN registeredID
};

// The checks an eUICC makes of CERT.DPauth / CERT.DPpb (SGP.22 §4.5.2.2): issued by
// `ci`, valid at `now`, digitalSignature only, policy of `role`, one SM-DP+ OID.
std::expected<CheckedDpCertificate, DpCertificateFault> check_dp_certificate(
    ByteView der, const pki::Certificate& ci, pki::Role role, pki::TimePoint now);

// The RSP session between AuthenticateServer and LoadBoundProfilePackage / CancelSession.
struct RspSession {
  Bytes transaction_id;
  std::string server_address;
  std::size_t ci_index = 0;              // into Card::Impl::cis
  pki::Certificate dpauth;               // CERT.DPauth.ECDSA as verified
  Bytes smdp_oid;                        // from CERT.DPauth, OID contents octets
  Bytes euicc_signature1_tlv;            // 5F37 TLV as sent in AuthenticateServerResponse
  std::optional<pki::Certificate> dppb;  // set by a successful PrepareDownload
};

struct PendingNotificationEntry {
  std::int64_t seq_number = 0;
  Bytes der;  // BF37 ProfileInstallationResult or 30 OtherSignedNotification
};

struct Card::Impl {
  Impl(CardConfig c, crypto::Rng& r);

  // Signs with SK.EUICC.ECDSA; the config's key was checked at construction.
  crypto::RawSignature sign(ByteView message) const;
  // EUICCInfo2 as encoded for GetEUICCInfo and euiccSigned1.
  Bytes euicc_info2() const;
  std::int64_t take_seq_number() { return next_seq_number++; }

  CardConfig config;
  crypto::Rng* rng;
  Bytes eid_bcd;                      // 16 bytes
  std::vector<pki::Certificate> cis;  // configured CI certificates, in order
  std::vector<Bytes> ci_skis;         // their subjectKeyIdentifiers, same order
  std::optional<Bytes> euicc_challenge;
  std::optional<RspSession> session;
  // otPK/otSK.EUICC.ECKA of the last PrepareDownload, kept for a retry that names the
  // otPK in smdpSigned2.bppEuiccOtpk (SGP.22 §5.7.5).
  std::optional<crypto::EcPrivateKey> otsk;
  std::vector<InstalledProfileInfo> profiles;
  std::vector<PendingNotificationEntry> notifications;
  std::int64_t next_seq_number = 1;
};

// ICCID digits (F padding removed) of a 10-byte EF.ICCID value (nibble-swapped BCD).
std::string iccid_digits(ByteView iccid);

}  // namespace smdp::euicc
