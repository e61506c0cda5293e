// SPDX-License-Identifier: Apache-2.0
// ES9+.AuthenticateClient (SGP.22 §5.6.3): the request carrying the eUICC's
// AuthenticateServerResponse (BF3B), AuthenticateClientOk with the Profile Metadata and
// smdpSigned2, and the BF3B response CHOICE of the ASN.1 binding (§6.6).
// View types borrow from the decoded buffer; see asn1/common.h.
#pragma once

#include <variant>

#include "asn1/authenticate_server.h"
#include "asn1/common.h"
#include "asn1/prepare_download.h"
#include "asn1/store_metadata.h"
#include "der/writer.h"

namespace smdp::asn1 {

template <class S>
struct AuthenticateClientRequestT {
  static constexpr der::Tag kTag = 0xBF3B;
  Octets<S> transaction_id{};                                     // [0] TransactionId
  AuthenticateServerResponseT<S> authenticate_server_response{};  // [56] BF38
  Octets<S> extensions{};
  ByteView raw{};

  static Result<AuthenticateClientRequestT> decode(
      ByteView der, der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using AuthenticateClientRequest = AuthenticateClientRequestT<Owned>;
using AuthenticateClientRequestView = AuthenticateClientRequestT<View>;

template <class S>
struct AuthenticateClientOkT {
  static constexpr der::Tag kTag = 0x30;
  Octets<S> transaction_id{};                   // [0] TransactionId
  StoreMetadataRequestT<S> profile_metadata{};  // [37] BF25
  SmdpSigned2T<S> smdp_signed2{};
  Octets<S> smdp_signature2{};     // 5F37 value
  ByteView smdp_signature2_tlv{};  // decoded: the whole 5F37 TLV
  Octets<S> smdp_certificate{};    // CERT.DPpb.ECDSA, whole DER TLV
  Octets<S> extensions{};
  ByteView raw{};

  static Result<AuthenticateClientOkT> decode(ByteView der,
                                              der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using AuthenticateClientOk = AuthenticateClientOkT<Owned>;
using AuthenticateClientOkView = AuthenticateClientOkT<View>;

// AuthenticateClientResponseEs9 ::= [59] CHOICE { authenticateClientOk [0],
// authenticateClientError [1] INTEGER }: BF3B { A0 {...} | 81 code }.
template <class S>
struct AuthenticateClientResponseEs9T {
  static constexpr der::Tag kTag = 0xBF3B;
  std::variant<AuthenticateClientOkT<S>, std::uint64_t> result{};  // Ok or error code
  ByteView raw{};

  static Result<AuthenticateClientResponseEs9T> decode(
      ByteView der, der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using AuthenticateClientResponseEs9 = AuthenticateClientResponseEs9T<Owned>;
using AuthenticateClientResponseEs9View = AuthenticateClientResponseEs9T<View>;

}  // namespace smdp::asn1
