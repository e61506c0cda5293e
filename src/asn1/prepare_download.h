// SPDX-License-Identifier: Apache-2.0
// ES10b.PrepareDownload (SGP.22 §5.7.5): smdpSigned2 (signed by the SM-DP+ with
// SK.DPpb.ECDSA), the request the LPA builds (BF21), and the eUICC's response (BF21
// CHOICE) with euiccSigned2, which the SM-DP+ receives in GetBoundProfilePackage.
// View types borrow from the decoded buffer; see asn1/common.h.
#pragma once

#include <optional>
#include <variant>

#include "asn1/common.h"
#include "der/writer.h"

namespace smdp::asn1 {

// smdpSignature2 is computed over `raw` || euiccSignature1 TLV (5F37).
template <class S>
struct SmdpSigned2T {
  static constexpr der::Tag kTag = 0x30;
  Octets<S> transaction_id{};                 // [0] TransactionId
  bool cc_required_flag = false;              // 01 BOOLEAN
  std::optional<Octets<S>> bpp_euicc_otpk{};  // 5F49, otPK.EUICC.ECKA already used (retry)
  Octets<S> extensions{};
  ByteView raw{};

  static Result<SmdpSigned2T> decode(ByteView der,
                                     der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using SmdpSigned2 = SmdpSigned2T<Owned>;
using SmdpSigned2View = SmdpSigned2T<View>;

template <class S>
struct PrepareDownloadRequestT {
  static constexpr der::Tag kTag = 0xBF21;
  SmdpSigned2T<S> smdp_signed2{};
  Octets<S> smdp_signature2{};  // 5F37 value
  // Decoded: the whole 5F37 TLV; euiccSignature2 covers euiccSigned2 || this TLV.
  ByteView smdp_signature2_tlv{};
  std::optional<Octets<S>> hash_cc{};  // 04 Octet32
  Octets<S> smdp_certificate{};        // CERT.DPpb.ECDSA, whole DER TLV
  Octets<S> extensions{};
  ByteView raw{};

  static Result<PrepareDownloadRequestT> decode(ByteView der,
                                                der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using PrepareDownloadRequest = PrepareDownloadRequestT<Owned>;
using PrepareDownloadRequestView = PrepareDownloadRequestT<View>;

// euiccSignature2 is computed over `raw` || smdpSignature2 TLV (5F37).
template <class S>
struct EUICCSigned2T {
  static constexpr der::Tag kTag = 0x30;
  Octets<S> transaction_id{};          // [0] TransactionId
  Octets<S> euicc_otpk{};              // 5F49 otPK.EUICC.ECKA
  std::optional<Octets<S>> hash_cc{};  // 04 Octet32
  Octets<S> extensions{};
  ByteView raw{};

  static Result<EUICCSigned2T> decode(ByteView der,
                                      der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using EUICCSigned2 = EUICCSigned2T<Owned>;
using EUICCSigned2View = EUICCSigned2T<View>;

template <class S>
struct PrepareDownloadResponseOkT {
  static constexpr der::Tag kTag = 0x30;
  EUICCSigned2T<S> euicc_signed2{};
  Octets<S> euicc_signature2{};     // 5F37 value
  ByteView euicc_signature2_tlv{};  // decoded: the whole 5F37 TLV
  Octets<S> extensions{};
  ByteView raw{};

  static Result<PrepareDownloadResponseOkT> decode(
      ByteView der, der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using PrepareDownloadResponseOk = PrepareDownloadResponseOkT<Owned>;
using PrepareDownloadResponseOkView = PrepareDownloadResponseOkT<View>;

template <class S>
struct PrepareDownloadResponseErrorT {
  static constexpr der::Tag kTag = 0x30;
  Octets<S> transaction_id{};             // [0] TransactionId
  std::uint64_t download_error_code = 0;  // DownloadErrorCode (02)
  Octets<S> extensions{};
  ByteView raw{};

  static Result<PrepareDownloadResponseErrorT> decode(
      ByteView der, der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using PrepareDownloadResponseError = PrepareDownloadResponseErrorT<Owned>;
using PrepareDownloadResponseErrorView = PrepareDownloadResponseErrorT<View>;

// PrepareDownloadResponse ::= [33] CHOICE { downloadResponseOk [0],
// downloadResponseError [1] }: BF21 { A0 {...} | A1 {...} }.
template <class S>
struct PrepareDownloadResponseT {
  static constexpr der::Tag kTag = 0xBF21;
  std::variant<PrepareDownloadResponseOkT<S>, PrepareDownloadResponseErrorT<S>> result{};
  ByteView raw{};

  static Result<PrepareDownloadResponseT> decode(
      ByteView der, der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using PrepareDownloadResponse = PrepareDownloadResponseT<Owned>;
using PrepareDownloadResponseView = PrepareDownloadResponseT<View>;

}  // namespace smdp::asn1
