// SPDX-License-Identifier: Apache-2.0
// ES8+ Bound Profile Package types (SGP.22 §2.5.5, §5.5; ASN.1 BoundProfilePackage,
// InitialiseSecureChannelRequest, ConfigureISDPRequest, ReplaceSessionKeysRequest).
//
// Owning structs: decode() copies what it keeps, so results outlive the input. The
// BPP's element TLVs (87/88/86) are kept as whole TLVs exactly as on the wire, since
// their MACs cover tag and length.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "asn1/common.h"  // kTagOtpk, kTagSignature
#include "base/bytes.h"
#include "base/error.h"
#include "der/der.h"

namespace smdp::asn1 {

inline constexpr der::Tag kTagBoundProfilePackage = 0xBF36;
inline constexpr der::Tag kTagInitialiseSecureChannel = 0xBF23;
inline constexpr der::Tag kTagConfigureIsdp = 0xBF24;
inline constexpr der::Tag kTagReplaceSessionKeys = 0xBF26;
inline constexpr der::Tag kTagEncryptedCommand = 0x87;  // ConfigureISDP, ReplaceSessionKeys
inline constexpr der::Tag kTagMacOnlyCommand = 0x88;    // StoreMetadata
inline constexpr der::Tag kTagProfileSegment = 0x86;    // profile elements
inline constexpr der::Tag kTagDpOid = 0x80;             // DpProprietaryData.dpOid [0]

// RemoteOpId installBoundProfilePackage(1); CRT key type AES '88', length 16.
inline constexpr std::uint64_t kRemoteOpInstallBpp = 1;
inline constexpr std::uint8_t kKeyTypeAes = 0x88;
inline constexpr std::uint8_t kKeyLength = 0x10;

struct ControlRefTemplate {
  std::uint8_t key_type = kKeyTypeAes;  // [0] Octet1
  std::uint8_t key_len = kKeyLength;    // [1] Octet1
  Bytes host_id;                        // [4] OctetTo16
};

// BF23. smdpSign covers remoteOpId..smdpOtpk followed by the eUICC's otPK as a 5F49 TLV
// (SGP.22 §5.7.7 / ASN.1 InitialiseSecureChannelRequest-ver), never a re-encoding.
struct InitialiseSecureChannelRequest {
  std::uint64_t remote_op_id = kRemoteOpInstallBpp;
  Bytes transaction_id;  // [0] TransactionId (1..16 bytes)
  ControlRefTemplate control_ref_template;
  Bytes smdp_otpk;  // 5F49: otPK.DP.ECKA, uncompressed point
  Bytes smdp_sign;  // 5F37: raw r||s

  // Contents of BF23 before smdpSign: what was (to be) signed, before the eUICC otPK.
  // Filled by decode() from the received bytes; encode_signed_part() builds it.
  Bytes signed_part;

  Bytes encode_signed_part() const;
  // signed_part || 5F49 len euicc_otpk: the exact input of smdpSign.
  static Bytes signature_input(ByteView signed_part, ByteView euicc_otpk);
  // Whole BF23 TLV; requires smdp_sign to be set.
  Bytes encode() const;
  static Result<InitialiseSecureChannelRequest> decode(ByteView bf23_tlv);
};

// BF24. dpProprietaryData (B8) carries the SM-DP+ OID, optionally followed by more data.
// DpProprietaryData has no tagged component, so the module's AUTOMATIC TAGS make dpOid
// [0] IMPLICIT: B8 { 80 len oid }, not 06 (X.680 §25.3; the asn1c oracle agrees).
struct ConfigureIsdpRequest {
  std::optional<Bytes> dp_oid;  // OID contents octets (without 06 len)
  Bytes dp_extra;               // further data objects inside B8, raw

  Bytes encode() const;
  static Result<ConfigureIsdpRequest> decode(ByteView bf24_tlv);
};

// BF26: the Profile Protection Keys that replace the session keys for the 86 segments.
struct ReplaceSessionKeysRequest {
  Bytes initial_mac_chaining_value;  // 16 bytes
  Bytes ppk_enc;                     // 16 bytes
  Bytes ppk_cmac;                    // 16 bytes
  ~ReplaceSessionKeysRequest();      // wipes the keys

  Bytes encode() const;
  static Result<ReplaceSessionKeysRequest> decode(ByteView bf26_tlv);
};

// BF36. Every sequence element is a complete TLV (87/88/86) including its MAC.
struct BoundProfilePackage {
  Bytes initialise_secure_channel;  // whole BF23 TLV
  std::vector<Bytes> first_sequence_of_87;
  std::vector<Bytes> sequence_of_88;
  std::optional<std::vector<Bytes>> second_sequence_of_87;
  std::vector<Bytes> sequence_of_86;

  Bytes encode() const;
  // Structure only: tags, framing, no trailing bytes; the element contents are opaque
  // (they are ciphertext/MAC'd and checked by the SCP03t layer).
  static Result<BoundProfilePackage> decode(ByteView bf36_tlv, der::Limits limits = {});
};

}  // namespace smdp::asn1
