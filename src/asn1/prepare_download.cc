// SPDX-License-Identifier: Apache-2.0
// SmdpSigned2 / PrepareDownloadRequest / EUICCSigned2 / PrepareDownloadResponse <-> DER.
#include "asn1/prepare_download.h"

#include "asn1/codec.h"

namespace smdp::asn1 {

template <class S>
Result<SmdpSigned2T<S>> SmdpSigned2T<S>::decode(ByteView der,
                                                der::Tag tag) requires std::same_as<S, View> {
  return detail::decode_sequence<SmdpSigned2T>(
      der, tag, "SmdpSigned2", [](detail::Fields& f, auto& m) {
        m.transaction_id = f.octets(0x80, "transactionId", kTransactionIdSize);
        m.cc_required_flag = f.boolean(kTagBoolean, "ccRequiredFlag");
        m.bpp_euicc_otpk = f.optional_octets(kTagOtpk, "bppEuiccOtpk");
      });
}

template <class S>
void SmdpSigned2T<S>::encode_to(der::Writer& out, der::Tag tag) const {
  detail::encode_sequence(out, tag, extensions, [this](der::Writer& w) {
    w.add(0x80, transaction_id).add_bool(kTagBoolean, cc_required_flag);
    detail::add_optional(w, kTagOtpk, bpp_euicc_otpk);
  });
}

template <class S>
Bytes SmdpSigned2T<S>::encode() const {
  return detail::encode_message(*this);
}

template <class S>
Result<PrepareDownloadRequestT<S>> PrepareDownloadRequestT<S>::decode(
    ByteView der, der::Tag tag) requires std::same_as<S, View> {
  return detail::decode_sequence<PrepareDownloadRequestT>(
      der, tag, "PrepareDownloadRequest", [](detail::Fields& f, auto& m) {
        m.smdp_signed2 = f.nested<SmdpSigned2View>(kTagSequence, "smdpSigned2");
        const der::Tlv signature = f.signature("smdpSignature2");
        m.smdp_signature2 = signature.value;
        m.smdp_signature2_tlv = signature.raw;
        m.hash_cc = f.optional_octets(kTagOctetString, "hashCc", kOctet32);
        m.smdp_certificate = f.certificate("smdpCertificate");
      });
}

template <class S>
void PrepareDownloadRequestT<S>::encode_to(der::Writer& out, der::Tag tag) const {
  detail::encode_sequence(out, tag, extensions, [this](der::Writer& w) {
    smdp_signed2.encode_to(w);
    w.add(kTagSignature, smdp_signature2);
    detail::add_optional(w, kTagOctetString, hash_cc);
    w.add_raw(smdp_certificate);
  });
}

template <class S>
Bytes PrepareDownloadRequestT<S>::encode() const {
  return detail::encode_message(*this);
}

template <class S>
Result<EUICCSigned2T<S>> EUICCSigned2T<S>::decode(ByteView der,
                                                  der::Tag tag) requires std::same_as<S, View> {
  return detail::decode_sequence<EUICCSigned2T>(
      der, tag, "EUICCSigned2", [](detail::Fields& f, auto& m) {
        m.transaction_id = f.octets(0x80, "transactionId", kTransactionIdSize);
        m.euicc_otpk = f.octets(kTagOtpk, "euiccOtpk");
        m.hash_cc = f.optional_octets(kTagOctetString, "hashCc", kOctet32);
      });
}

template <class S>
void EUICCSigned2T<S>::encode_to(der::Writer& out, der::Tag tag) const {
  detail::encode_sequence(out, tag, extensions, [this](der::Writer& w) {
    w.add(0x80, transaction_id).add(kTagOtpk, euicc_otpk);
    detail::add_optional(w, kTagOctetString, hash_cc);
  });
}

template <class S>
Bytes EUICCSigned2T<S>::encode() const {
  return detail::encode_message(*this);
}

template <class S>
Result<PrepareDownloadResponseOkT<S>> PrepareDownloadResponseOkT<S>::decode(
    ByteView der, der::Tag tag) requires std::same_as<S, View> {
  return detail::decode_sequence<PrepareDownloadResponseOkT>(
      der, tag, "PrepareDownloadResponseOk", [](detail::Fields& f, auto& m) {
        m.euicc_signed2 = f.nested<EUICCSigned2View>(kTagSequence, "euiccSigned2");
        const der::Tlv signature = f.signature("euiccSignature2");
        m.euicc_signature2 = signature.value;
        m.euicc_signature2_tlv = signature.raw;
      });
}

template <class S>
void PrepareDownloadResponseOkT<S>::encode_to(der::Writer& out, der::Tag tag) const {
  detail::encode_sequence(out, tag, extensions, [this](der::Writer& w) {
    euicc_signed2.encode_to(w);
    w.add(kTagSignature, euicc_signature2);
  });
}

template <class S>
Bytes PrepareDownloadResponseOkT<S>::encode() const {
  return detail::encode_message(*this);
}

template <class S>
Result<PrepareDownloadResponseErrorT<S>> PrepareDownloadResponseErrorT<S>::decode(
    ByteView der, der::Tag tag) requires std::same_as<S, View> {
  return detail::decode_sequence<PrepareDownloadResponseErrorT>(
      der, tag, "PrepareDownloadResponseError", [](detail::Fields& f, auto& m) {
        m.transaction_id = f.octets(0x80, "transactionId", kTransactionIdSize);
        m.download_error_code = f.integer(kTagInteger, "downloadErrorCode");
      });
}

template <class S>
void PrepareDownloadResponseErrorT<S>::encode_to(der::Writer& out, der::Tag tag) const {
  detail::encode_sequence(out, tag, extensions, [this](der::Writer& w) {
    w.add(0x80, transaction_id).add_uint(kTagInteger, download_error_code);
  });
}

template <class S>
Bytes PrepareDownloadResponseErrorT<S>::encode() const {
  return detail::encode_message(*this);
}

template <class S>
Result<PrepareDownloadResponseT<S>> PrepareDownloadResponseT<S>::decode(
    ByteView der, der::Tag tag) requires std::same_as<S, View> {
  return detail::decode_ok_or_error<PrepareDownloadResponseT>(der, tag, "PrepareDownloadResponse");
}

template <class S>
void PrepareDownloadResponseT<S>::encode_to(der::Writer& out, der::Tag tag) const {
  detail::encode_ok_or_error(out, tag, result);
}

template <class S>
Bytes PrepareDownloadResponseT<S>::encode() const {
  return detail::encode_message(*this);
}

template struct SmdpSigned2T<View>;
template struct SmdpSigned2T<Owned>;
template struct PrepareDownloadRequestT<View>;
template struct PrepareDownloadRequestT<Owned>;
template struct EUICCSigned2T<View>;
template struct EUICCSigned2T<Owned>;
template struct PrepareDownloadResponseOkT<View>;
template struct PrepareDownloadResponseOkT<Owned>;
template struct PrepareDownloadResponseErrorT<View>;
template struct PrepareDownloadResponseErrorT<Owned>;
template struct PrepareDownloadResponseT<View>;
template struct PrepareDownloadResponseT<Owned>;

}  // namespace smdp::asn1
