// SPDX-License-Identifier: Apache-2.0
// ES9+.InitiateAuthentication (SGP.22 §5.6.1): InitiateAuthenticationRequest (BF39),
// ServerSigned1 (signed by the SM-DP+ with SK.DPauth.ECDSA), InitiateAuthenticationOkEs9
// and the BF39 response CHOICE of the ASN.1 binding (§6.6).
// View types borrow from the decoded buffer; see asn1/common.h.
#pragma once

#include <variant>

#include "asn1/common.h"
#include "asn1/euicc_info.h"
#include "der/writer.h"

namespace smdp::asn1 {

template <class S>
struct InitiateAuthenticationRequestT {
  static constexpr der::Tag kTag = 0xBF39;
  Octets<S> euicc_challenge{};   // [1] Octet16
  Text<S> smdp_address{};        // [3]
  EUICCInfo1T<S> euicc_info1{};  // BF20
  Octets<S> extensions{};
  ByteView raw{};

  static Result<InitiateAuthenticationRequestT> decode(
      ByteView der, der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using InitiateAuthenticationRequest = InitiateAuthenticationRequestT<Owned>;
using InitiateAuthenticationRequestView = InitiateAuthenticationRequestT<View>;

// serverSignature1 is computed over `raw` (this whole SEQUENCE TLV).
template <class S>
struct ServerSigned1T {
  static constexpr der::Tag kTag = 0x30;
  Octets<S> transaction_id{};    // [0] TransactionId, 1..16 octets
  Octets<S> euicc_challenge{};   // [1] Octet16
  Text<S> server_address{};      // [3]
  Octets<S> server_challenge{};  // [4] Octet16
  Octets<S> extensions{};
  ByteView raw{};

  static Result<ServerSigned1T> decode(ByteView der,
                                       der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using ServerSigned1 = ServerSigned1T<Owned>;
using ServerSigned1View = ServerSigned1T<View>;

template <class S>
struct InitiateAuthenticationOkEs9T {
  static constexpr der::Tag kTag = 0x30;
  Octets<S> transaction_id{};  // [0] TransactionId
  ServerSigned1T<S> server_signed1{};
  Octets<S> server_signature1{};         // 5F37 value
  ByteView server_signature1_tlv{};      // decoded: the whole 5F37 TLV
  Octets<S> euicc_ci_pkid_to_be_used{};  // 04 SubjectKeyIdentifier
  Octets<S> server_certificate{};        // CERT.DPauth.ECDSA, whole DER TLV
  Octets<S> extensions{};
  ByteView raw{};

  static Result<InitiateAuthenticationOkEs9T> decode(
      ByteView der, der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using InitiateAuthenticationOkEs9 = InitiateAuthenticationOkEs9T<Owned>;
using InitiateAuthenticationOkEs9View = InitiateAuthenticationOkEs9T<View>;

// InitiateAuthenticationResponse ::= [57] CHOICE { initiateAuthenticationOk [0],
// initiateAuthenticationError [1] INTEGER }: BF39 { A0 {...} | 81 code }.
template <class S>
struct InitiateAuthenticationResponseT {
  static constexpr der::Tag kTag = 0xBF39;
  std::variant<InitiateAuthenticationOkEs9T<S>, std::uint64_t> result{};  // Ok or error code
  ByteView raw{};

  static Result<InitiateAuthenticationResponseT> decode(
      ByteView der, der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using InitiateAuthenticationResponse = InitiateAuthenticationResponseT<Owned>;
using InitiateAuthenticationResponseView = InitiateAuthenticationResponseT<View>;

}  // namespace smdp::asn1
