// SPDX-License-Identifier: Apache-2.0
// ES10b.AuthenticateServer (SGP.22 §5.7.13): the request the LPA builds from the
// SM-DP+'s InitiateAuthentication response (BF38), and the eUICC's response (BF38
// CHOICE) that the SM-DP+ receives in ES9+.AuthenticateClient, with euiccSigned1.
// View types borrow from the decoded buffer; see asn1/common.h.
#pragma once

#include <variant>

#include "asn1/common.h"
#include "asn1/ctx_params.h"
#include "asn1/euicc_info.h"
#include "asn1/initiate_authentication.h"
#include "der/writer.h"

namespace smdp::asn1 {

template <class S>
struct AuthenticateServerRequestT {
  static constexpr der::Tag kTag = 0xBF38;
  ServerSigned1T<S> server_signed1{};
  Octets<S> server_signature1{};         // 5F37 value
  ByteView server_signature1_tlv{};      // decoded: the whole 5F37 TLV
  Octets<S> euicc_ci_pkid_to_be_used{};  // 04 SubjectKeyIdentifier
  Octets<S> server_certificate{};        // CERT.DPauth.ECDSA, whole DER TLV
  CtxParams1T<S> ctx_params1{};
  Octets<S> extensions{};
  ByteView raw{};

  static Result<AuthenticateServerRequestT> decode(
      ByteView der, der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using AuthenticateServerRequest = AuthenticateServerRequestT<Owned>;
using AuthenticateServerRequestView = AuthenticateServerRequestT<View>;

// euiccSignature1 is computed over `raw` (this whole SEQUENCE TLV).
template <class S>
struct EuiccSigned1T {
  static constexpr der::Tag kTag = 0x30;
  Octets<S> transaction_id{};    // [0] TransactionId
  Text<S> server_address{};      // [3]
  Octets<S> server_challenge{};  // [4] Octet16
  EUICCInfo2T<S> euicc_info2{};  // [34] BF22
  CtxParams1T<S> ctx_params1{};
  Octets<S> extensions{};
  ByteView raw{};

  static Result<EuiccSigned1T> decode(ByteView der,
                                      der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using EuiccSigned1 = EuiccSigned1T<Owned>;
using EuiccSigned1View = EuiccSigned1T<View>;

template <class S>
struct AuthenticateResponseOkT {
  static constexpr der::Tag kTag = 0x30;
  EuiccSigned1T<S> euicc_signed1{};
  Octets<S> euicc_signature1{};  // 5F37 value
  // Decoded: the whole 5F37 TLV; smdpSignature2 covers smdpSigned2 || this TLV.
  ByteView euicc_signature1_tlv{};
  Octets<S> euicc_certificate{};  // CERT.EUICC.ECDSA, whole DER TLV
  Octets<S> eum_certificate{};    // CERT.EUM.ECDSA, whole DER TLV
  Octets<S> extensions{};
  ByteView raw{};

  static Result<AuthenticateResponseOkT> decode(ByteView der,
                                                der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using AuthenticateResponseOk = AuthenticateResponseOkT<Owned>;
using AuthenticateResponseOkView = AuthenticateResponseOkT<View>;

template <class S>
struct AuthenticateResponseErrorT {
  static constexpr der::Tag kTag = 0x30;
  Octets<S> transaction_id{};                 // [0] TransactionId
  std::uint64_t authenticate_error_code = 0;  // AuthenticateErrorCode (02)
  Octets<S> extensions{};
  ByteView raw{};

  static Result<AuthenticateResponseErrorT> decode(
      ByteView der, der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using AuthenticateResponseError = AuthenticateResponseErrorT<Owned>;
using AuthenticateResponseErrorView = AuthenticateResponseErrorT<View>;

// AuthenticateServerResponse ::= [56] CHOICE { authenticateResponseOk [0],
// authenticateResponseError [1] }: BF38 { A0 {...} | A1 {...} }.
template <class S>
struct AuthenticateServerResponseT {
  static constexpr der::Tag kTag = 0xBF38;
  std::variant<AuthenticateResponseOkT<S>, AuthenticateResponseErrorT<S>> result{};
  ByteView raw{};

  static Result<AuthenticateServerResponseT> decode(
      ByteView der, der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using AuthenticateServerResponse = AuthenticateServerResponseT<Owned>;
using AuthenticateServerResponseView = AuthenticateServerResponseT<View>;

}  // namespace smdp::asn1
