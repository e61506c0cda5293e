// SPDX-License-Identifier: Apache-2.0
// Shared vocabulary of the SGP.22 v2.5 RSPDefinitions codecs: the two storage policies
// every message type is instantiated with, the module's error codes, the SIZE
// constraints of the basic types, and BIT STRING / OBJECT IDENTIFIER helpers.
//
// Every message is a class template over a storage policy S:
//   - `XxxView` (S = View): what `decode` returns. Its bytes and text fields are views
//     into the buffer passed to `decode`; the caller keeps that buffer alive and
//     unchanged for as long as the view is used. Every decoded struct also keeps `raw`,
//     the span of its whole TLV as received, which is what SGP.22 signatures cover.
//   - `Xxx` (S = Owned): owns its bytes and text; built by the caller for encoding.
//     `raw` stays empty.
// A View is encodable too (e.g. a decoded message wrapped in a response). To keep a
// decoded message beyond its buffer, keep the buffer (or copy the fields needed).
//
// Members every message type has:
//   kTag                      its own tag (0x30 for plain SEQUENCEs). Untagged CHOICEs
//                             (CtxParams1, PendingNotification) have none, and their
//                             decode/encode_to take no tag.
//   static decode(der, tag)   View only. `der` must be exactly one element; `tag` is
//                             kTag unless the type is an implicitly retagged component
//                             (e.g. A0). Never throws; on error, a der::Errc or
//                             asn1::Errc with the path as context, e.g.
//                             "AuthenticateServerResponse.AuthenticateResponseOk.
//                             EuiccSigned1.EUICCInfo2.svn".
//   encode_to(writer, tag)    appends the DER; encode() returns it alone.
//   raw                       decoded: the whole TLV (what a signature covers).
//   extensions                unknown trailing elements of the SEQUENCE (X.680
//                             EXTENSIBILITY IMPLIED), verbatim; decoding accepts them
//                             only after the known components and with tags none of
//                             those use. Unknown CHOICE alternatives are rejected.
//   <signature>_tlv           decoded: the whole 5F37 TLV of a signature, since SGP.22
//                             signs "signed part || signature TLV" in places.
// encode() writes DER from the fields alone (never from `raw`) plus `extensions`, so
// decode(x).encode() == x byte for byte. encode() does not check SIZE constraints:
// fields must satisfy the ones documented on them, or the result will not decode.
// X.509 certificates are whole DER TLVs, framing checked, contents not parsed.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <span>
#include <string>
#include <string_view>

#include "base/bytes.h"
#include "base/error.h"
#include "der/der.h"

namespace smdp::asn1 {

// Storage policy of decoded messages: views into the decoded buffer.
struct View {
  using Octets = ByteView;
  using Text = std::string_view;
};
// Storage policy of messages built for encoding: owned values.
struct Owned {
  using Octets = Bytes;
  using Text = std::string;
};
template <class S>
using Octets = typename S::Octets;
template <class S>
using Text = typename S::Text;  // UTF8String

// Semantic errors on top of der::Errc (which reports framing and DER violations).
enum class Errc {
  size_constraint = 1,    // OCTET STRING or UTF8String size outside its ASN.1 SIZE
  invalid_bit_string,     // unused-bits octet out of range or padding bits not zero
  invalid_oid,            // OBJECT IDENTIFIER contents not minimal base-128
  default_value_encoded,  // a DEFAULT component carries its default (X.690 §11.5)
  unknown_alternative,    // a CHOICE alternative not defined by SGP.22 v2.5
  reused_tag,             // an element after the known components reuses one of their tags
};

}  // namespace smdp::asn1
SMDP_DECLARE_ERROR_ENUM(smdp::asn1, Errc)

namespace smdp::asn1 {

// SIZE constraint of an OCTET STRING (octets) or UTF8String (characters).
struct SizeRange {
  std::size_t min = 0;
  std::size_t max = std::numeric_limits<std::size_t>::max();
};
inline constexpr SizeRange kAnySize{};
inline constexpr SizeRange kTransactionIdSize{1, 16};  // TransactionId
inline constexpr SizeRange kOctet4{4, 4};
inline constexpr SizeRange kOctet8{8, 8};
inline constexpr SizeRange kOctet16{16, 16};
inline constexpr SizeRange kOctet32{32, 32};
inline constexpr SizeRange kVersionTypeSize{3, 3};  // VersionType: major, minor, revision
inline constexpr SizeRange kIccidSize{10, 10};      // Iccid: EF.ICCID coding

// Tags shared by several messages.
inline constexpr der::Tag kTagSequence = 0x30;     // also every X.509 Certificate
inline constexpr der::Tag kTagOctetString = 0x04;  // SubjectKeyIdentifier
inline constexpr der::Tag kTagUtf8String = 0x0C;
inline constexpr der::Tag kTagOid = 0x06;
inline constexpr der::Tag kTagBoolean = 0x01;
inline constexpr der::Tag kTagInteger = 0x02;
inline constexpr der::Tag kTagIccid = 0x5A;        // [APPLICATION 26]
inline constexpr der::Tag kTagSignature = 0x5F37;  // [APPLICATION 55]
inline constexpr der::Tag kTagOtpk = 0x5F49;       // [APPLICATION 73]

// BIT STRING values are kept as their DER contents octets (unused-bits count first).
// DER (X.690 §11.2.1): count 0..7, 0 for an empty string, unused bits zero. Decoding
// does not enforce §11.2.2 (no trailing zero bits in named-bit lists), so a device's
// capability string padded with zero bits is not refused; its bytes are kept as is.
bool is_valid_bit_string(ByteView contents);
// True if named bit `bit` (0 = most significant bit of the first data octet) is set.
bool has_bit(ByteView bit_string_contents, std::size_t bit);
// DER contents of a named-bit BIT STRING with exactly `bits` set (trailing zero bits
// removed, X.690 §11.2.2), e.g. NotificationEvent {notificationInstall} -> 07 80.
Bytes make_bit_string(std::span<const std::size_t> bits);
inline Bytes make_bit_string(std::initializer_list<std::size_t> bits) {
  return make_bit_string(std::span<const std::size_t>(bits.begin(), bits.size()));
}

// OBJECT IDENTIFIER values are kept as their DER contents octets.
// Non-empty, minimal base-128 subidentifiers (X.690 §8.19), each fitting in 64 bits.
bool is_valid_oid(ByteView contents);
// Dotted decimal ("2.999.10") -> contents (88 37 0A); Errc::invalid_oid if malformed.
Result<Bytes> oid_from_text(std::string_view dotted);
// Contents -> dotted decimal; Errc::invalid_oid unless is_valid_oid(contents).
Result<std::string> oid_to_text(ByteView contents);

}  // namespace smdp::asn1
