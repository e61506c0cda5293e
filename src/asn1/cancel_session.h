// SPDX-License-Identifier: Apache-2.0
// ES10b.CancelSession response (SGP.22 §5.7.14, signed by the eUICC) and
// ES9+.CancelSession (§5.6.5): CancelSessionResponse (BF41 CHOICE),
// CancelSessionRequestEs9 (BF41) and the BF41 response CHOICE of the ASN.1 binding.
// View types borrow from the decoded buffer; see asn1/common.h.
#pragma once

#include <variant>

#include "asn1/common.h"
#include "der/writer.h"

namespace smdp::asn1 {

// CancelSessionReason values.
inline constexpr std::uint64_t kCancelEndUserRejection = 0;
inline constexpr std::uint64_t kCancelPostponed = 1;
inline constexpr std::uint64_t kCancelTimeout = 2;
inline constexpr std::uint64_t kCancelPprNotAllowed = 3;
inline constexpr std::uint64_t kCancelMetadataMismatch = 4;
inline constexpr std::uint64_t kCancelLoadBppExecutionError = 5;
inline constexpr std::uint64_t kCancelUndefinedReason = 127;

// All components untagged in the ASN.1, so AUTOMATIC TAGS numbers them [0], [1], [2].
// euiccCancelSessionSignature covers `raw`.
template <class S>
struct EuiccCancelSessionSignedT {
  static constexpr der::Tag kTag = 0x30;
  Octets<S> transaction_id{};  // [0] TransactionId
  Octets<S> smdp_oid{};        // [1] OID contents (oid_to_text)
  std::uint64_t reason = 0;    // [2] CancelSessionReason
  Octets<S> extensions{};
  ByteView raw{};

  static Result<EuiccCancelSessionSignedT> decode(
      ByteView der, der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using EuiccCancelSessionSigned = EuiccCancelSessionSignedT<Owned>;
using EuiccCancelSessionSignedView = EuiccCancelSessionSignedT<View>;

template <class S>
struct CancelSessionResponseOkT {
  static constexpr der::Tag kTag = 0x30;
  EuiccCancelSessionSignedT<S> euicc_cancel_session_signed{};
  Octets<S> euicc_cancel_session_signature{};     // 5F37 value
  ByteView euicc_cancel_session_signature_tlv{};  // decoded: the whole 5F37 TLV
  Octets<S> extensions{};
  ByteView raw{};

  static Result<CancelSessionResponseOkT> decode(
      ByteView der, der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using CancelSessionResponseOk = CancelSessionResponseOkT<Owned>;
using CancelSessionResponseOkView = CancelSessionResponseOkT<View>;

// CancelSessionResponse ::= [65] CHOICE { cancelSessionResponseOk [0],
// cancelSessionResponseError [1] INTEGER }: BF41 { A0 {...} | 81 code }.
template <class S>
struct CancelSessionResponseT {
  static constexpr der::Tag kTag = 0xBF41;
  std::variant<CancelSessionResponseOkT<S>, std::uint64_t> result{};  // Ok or error code
  ByteView raw{};

  static Result<CancelSessionResponseT> decode(ByteView der,
                                               der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using CancelSessionResponse = CancelSessionResponseT<Owned>;
using CancelSessionResponseView = CancelSessionResponseT<View>;

// Both components are untagged in the ASN.1, so AUTOMATIC TAGS gives them [0] and [1];
// the implicit [1] replaces the BF41 of CancelSessionResponse:
// BF41 { 80 transactionId, A1 { A0 {...} | 81 code } }. (The ES9+ JSON binding
// carries the eUICC's BF41 CancelSessionResponse as is.)
template <class S>
struct CancelSessionRequestEs9T {
  static constexpr der::Tag kTag = 0xBF41;
  Octets<S> transaction_id{};                           // [0] TransactionId
  CancelSessionResponseT<S> cancel_session_response{};  // [1]
  Octets<S> extensions{};
  ByteView raw{};

  static Result<CancelSessionRequestEs9T> decode(
      ByteView der, der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using CancelSessionRequestEs9 = CancelSessionRequestEs9T<Owned>;
using CancelSessionRequestEs9View = CancelSessionRequestEs9T<View>;

// CancelSessionOk ::= SEQUENCE {} (no output data; extensions only).
template <class S>
struct CancelSessionOkT {
  static constexpr der::Tag kTag = 0x30;
  Octets<S> extensions{};
  ByteView raw{};

  static Result<CancelSessionOkT> decode(ByteView der,
                                         der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using CancelSessionOk = CancelSessionOkT<Owned>;
using CancelSessionOkView = CancelSessionOkT<View>;

// CancelSessionResponseEs9 ::= [65] CHOICE { cancelSessionOk [0],
// cancelSessionError [1] INTEGER }: BF41 { A0 {} | 81 code }.
template <class S>
struct CancelSessionResponseEs9T {
  static constexpr der::Tag kTag = 0xBF41;
  std::variant<CancelSessionOkT<S>, std::uint64_t> result{};  // Ok or error code
  ByteView raw{};

  static Result<CancelSessionResponseEs9T> decode(
      ByteView der, der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using CancelSessionResponseEs9 = CancelSessionResponseEs9T<Owned>;
using CancelSessionResponseEs9View = CancelSessionResponseEs9T<View>;

}  // namespace smdp::asn1
