// SPDX-License-Identifier: Apache-2.0
// ProfileInstallationResult / ProfileInstallationResultData / finalResult <-> DER.
#include "asn1/profile_installation_result.h"

#include "asn1/codec.h"

namespace smdp::asn1 {

template <class S>
Result<SuccessResultT<S>> SuccessResultT<S>::decode(ByteView der,
                                                    der::Tag tag) requires std::same_as<S, View> {
  return detail::decode_sequence<SuccessResultT>(
      der, tag, "SuccessResult", [](detail::Fields& f, auto& m) {
        m.aid = f.octets(0x4F, "aid", {5, 16});
        m.sima_response = f.octets(kTagOctetString, "simaResponse");
      });
}

template <class S>
void SuccessResultT<S>::encode_to(der::Writer& out, der::Tag tag) const {
  detail::encode_sequence(out, tag, extensions, [this](der::Writer& w) {
    w.add(0x4F, aid).add(kTagOctetString, sima_response);
  });
}

template <class S>
Bytes SuccessResultT<S>::encode() const {
  return detail::encode_message(*this);
}

template <class S>
Result<ErrorResultT<S>> ErrorResultT<S>::decode(ByteView der,
                                                der::Tag tag) requires std::same_as<S, View> {
  return detail::decode_sequence<ErrorResultT>(
      der, tag, "ErrorResult", [](detail::Fields& f, auto& m) {
        m.bpp_command_id = f.integer(0x80, "bppCommandId");
        m.error_reason = f.integer(0x81, "errorReason");
        m.sima_response = f.optional_octets(0x82, "simaResponse");
      });
}

template <class S>
void ErrorResultT<S>::encode_to(der::Writer& out, der::Tag tag) const {
  detail::encode_sequence(out, tag, extensions, [this](der::Writer& w) {
    w.add_uint(0x80, bpp_command_id).add_uint(0x81, error_reason);
    detail::add_optional(w, 0x82, sima_response);
  });
}

template <class S>
Bytes ErrorResultT<S>::encode() const {
  return detail::encode_message(*this);
}

template <class S>
Result<FinalResultT<S>> FinalResultT<S>::decode(ByteView der,
                                                der::Tag tag) requires std::same_as<S, View> {
  return detail::decode_ok_or_error<FinalResultT>(der, tag, "finalResult");
}

template <class S>
void FinalResultT<S>::encode_to(der::Writer& out, der::Tag tag) const {
  detail::encode_ok_or_error(out, tag, result);
}

template <class S>
Bytes FinalResultT<S>::encode() const {
  return detail::encode_message(*this);
}

template <class S>
Result<ProfileInstallationResultDataT<S>> ProfileInstallationResultDataT<S>::decode(
    ByteView der, der::Tag tag) requires std::same_as<S, View> {
  return detail::decode_sequence<ProfileInstallationResultDataT>(
      der, tag, "ProfileInstallationResultData", [](detail::Fields& f, auto& m) {
        m.transaction_id = f.octets(0x80, "transactionId", kTransactionIdSize);
        m.notification_metadata = f.nested<NotificationMetadataView>(NotificationMetadataView::kTag,
                                                                     "notificationMetadata");
        m.smdp_oid = f.oid(kTagOid, "smdpOid");
        m.final_result = f.nested<FinalResultView>(FinalResultView::kTag, "finalResult");
      });
}

template <class S>
void ProfileInstallationResultDataT<S>::encode_to(der::Writer& out, der::Tag tag) const {
  detail::encode_sequence(out, tag, extensions, [this](der::Writer& w) {
    w.add(0x80, transaction_id);
    notification_metadata.encode_to(w);
    w.add(kTagOid, smdp_oid);
    final_result.encode_to(w);
  });
}

template <class S>
Bytes ProfileInstallationResultDataT<S>::encode() const {
  return detail::encode_message(*this);
}

template <class S>
Result<ProfileInstallationResultT<S>> ProfileInstallationResultT<S>::decode(
    ByteView der, der::Tag tag) requires std::same_as<S, View> {
  return detail::decode_sequence<ProfileInstallationResultT>(
      der, tag, "ProfileInstallationResult", [](detail::Fields& f, auto& m) {
        m.profile_installation_result_data = f.nested<ProfileInstallationResultDataView>(
            ProfileInstallationResultDataView::kTag, "profileInstallationResultData");
        const der::Tlv signature = f.signature("euiccSignPIR");
        m.euicc_sign_pir = signature.value;
        m.euicc_sign_pir_tlv = signature.raw;
      });
}

template <class S>
void ProfileInstallationResultT<S>::encode_to(der::Writer& out, der::Tag tag) const {
  detail::encode_sequence(out, tag, extensions, [this](der::Writer& w) {
    profile_installation_result_data.encode_to(w);
    w.add(kTagSignature, euicc_sign_pir);
  });
}

template <class S>
Bytes ProfileInstallationResultT<S>::encode() const {
  return detail::encode_message(*this);
}

template struct SuccessResultT<View>;
template struct SuccessResultT<Owned>;
template struct ErrorResultT<View>;
template struct ErrorResultT<Owned>;
template struct FinalResultT<View>;
template struct FinalResultT<Owned>;
template struct ProfileInstallationResultDataT<View>;
template struct ProfileInstallationResultDataT<Owned>;
template struct ProfileInstallationResultT<View>;
template struct ProfileInstallationResultT<Owned>;

}  // namespace smdp::asn1
