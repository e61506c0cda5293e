// SPDX-License-Identifier: Apache-2.0
// ES9+.GetBoundProfilePackage (SGP.22 §5.6.2): the request carrying the eUICC's
// PrepareDownloadResponse (BF3A), GetBoundProfilePackageOk framing the Bound Profile
// Package, and the BF3A response CHOICE of the ASN.1 binding (§6.6). The BPP itself
// (BF36) is kept as its whole DER TLV here; asn1/bpp.h owns its structure.
// View types borrow from the decoded buffer; see asn1/common.h.
#pragma once

#include <variant>

#include "asn1/common.h"
#include "asn1/prepare_download.h"
#include "der/writer.h"

namespace smdp::asn1 {

template <class S>
struct GetBoundProfilePackageRequestT {
  static constexpr der::Tag kTag = 0xBF3A;
  Octets<S> transaction_id{};                               // [0] TransactionId
  PrepareDownloadResponseT<S> prepare_download_response{};  // [33] BF21
  Octets<S> extensions{};
  ByteView raw{};

  static Result<GetBoundProfilePackageRequestT> decode(
      ByteView der, der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using GetBoundProfilePackageRequest = GetBoundProfilePackageRequestT<Owned>;
using GetBoundProfilePackageRequestView = GetBoundProfilePackageRequestT<View>;

template <class S>
struct GetBoundProfilePackageOkT {
  static constexpr der::Tag kTag = 0x30;
  Octets<S> transaction_id{};         // [0] TransactionId
  Octets<S> bound_profile_package{};  // [54] BF36, whole DER TLV (framing checked only)
  Octets<S> extensions{};
  ByteView raw{};

  static Result<GetBoundProfilePackageOkT> decode(
      ByteView der, der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using GetBoundProfilePackageOk = GetBoundProfilePackageOkT<Owned>;
using GetBoundProfilePackageOkView = GetBoundProfilePackageOkT<View>;

// GetBoundProfilePackageResponse ::= [58] CHOICE { getBoundProfilePackageOk [0],
// getBoundProfilePackageError [1] INTEGER }: BF3A { A0 {...} | 81 code }.
template <class S>
struct GetBoundProfilePackageResponseT {
  static constexpr der::Tag kTag = 0xBF3A;
  std::variant<GetBoundProfilePackageOkT<S>, std::uint64_t> result{};  // Ok or error code
  ByteView raw{};

  static Result<GetBoundProfilePackageResponseT> decode(
      ByteView der, der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using GetBoundProfilePackageResponse = GetBoundProfilePackageResponseT<Owned>;
using GetBoundProfilePackageResponseView = GetBoundProfilePackageResponseT<View>;

}  // namespace smdp::asn1
