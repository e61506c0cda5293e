// SPDX-License-Identifier: Apache-2.0
// Binding a profile to one eUICC: the SM-DP+ half of ES8+ (SGP.22 §3.1.3.3
// GetBoundProfilePackage, §2.5.5 BPP structure).
//
//   otSK.DP/otPK.DP fresh on SK.DPpb's curve; ShS = ECKA(otSK.DP, otPK.EUICC);
//   session keys = KDF(ShS, hostId, EID);
//   BF23 InitialiseSecureChannelRequest signed with SK.DPpb;
//   A0: '87' ConfigureISDP; A1: '88' StoreMetadata (split when long);
//   session mode: A3: the profile in '86' segments under the session keys;
//   PPK mode:     A2: '87' ReplaceSessionKeys(PPK); A3: the pre-computed '86' segments.
#pragma once

#include "base/bytes.h"
#include "base/error.h"
#include "binding/protected_profile.h"
#include "crypto/ec.h"
#include "crypto/rng.h"

namespace smdp::binding {

struct BindingInput {
  ByteView transaction_id;  // the RSP session's TransactionID
  ByteView eid;             // 16 bytes
  ByteView euicc_otpk;      // otPK.EUICC.ECKA from the verified euiccSigned2
  ByteView host_id;         // CRT hostId, 1..16 bytes
  ByteView configure_isdp;  // encoded BF24
  ByteView store_metadata;  // encoded BF25, identical to the profileMetadata sent in ES9+
};

struct BoundPackage {
  Bytes bound_profile_package;  // BF36 TLV
  Bytes smdp_otpk;              // otPK.DP.ECKA in it
};

// Session-key mode. `sk_dppb` signs BF23; one-time keys come from `rng`.
Result<BoundPackage> bind_profile_package(const BindingInput& in,
                                          const crypto::EcPrivateKey& sk_dppb, crypto::Rng& rng,
                                          ByteView profile_package);

// PPK mode: binds a pre-computed protected package. Only the first TLVs are computed.
Result<BoundPackage> bind_protected_profile_package(const BindingInput& in,
                                                    const crypto::EcPrivateKey& sk_dppb,
                                                    crypto::Rng& rng,
                                                    const ProtectedProfilePackage& ppp);

// A retry in a later RSP session with the otPK.EUICC.ECKA `bpp` is bound to (SGP.22
// §3.1.3.2, smdpSigned2.bppEuiccOtpk): the same package, its BF23 re-issued for
// `transaction_id` and signed again with `sk_dppb`. smdpOtpk and every later TLV stay as
// they were: the session keys depend on otSK.DP, otPK.EUICC, hostId and EID only
// (§2.6.7), none of which changed, while the eUICC checks BF23's transactionId against
// its current session (§5.7.7 InitialiseSecureChannel). Fails when `bpp` does not
// decode.
Result<Bytes> reissue_for_transaction(ByteView bpp, ByteView transaction_id, ByteView euicc_otpk,
                                      const crypto::EcPrivateKey& sk_dppb);

}  // namespace smdp::binding
