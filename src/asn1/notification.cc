// SPDX-License-Identifier: Apache-2.0
// OtherSignedNotification / PendingNotification / HandleNotification <-> DER.
#include "asn1/notification.h"

#include "asn1/codec.h"

namespace smdp::asn1 {

template <class S>
Result<OtherSignedNotificationT<S>> OtherSignedNotificationT<S>::decode(
    ByteView der, der::Tag tag) requires std::same_as<S, View> {
  return detail::decode_sequence<OtherSignedNotificationT>(
      der, tag, "OtherSignedNotification", [](detail::Fields& f, auto& m) {
        m.tbs_other_notification = f.nested<NotificationMetadataView>(
            NotificationMetadataView::kTag, "tbsOtherNotification");
        const der::Tlv signature = f.signature("euiccNotificationSignature");
        m.euicc_notification_signature = signature.value;
        m.euicc_notification_signature_tlv = signature.raw;
        m.euicc_certificate = f.certificate("euiccCertificate");
        m.eum_certificate = f.certificate("eumCertificate");
      });
}

template <class S>
void OtherSignedNotificationT<S>::encode_to(der::Writer& out, der::Tag tag) const {
  detail::encode_sequence(out, tag, extensions, [this](der::Writer& w) {
    tbs_other_notification.encode_to(w);
    w.add(kTagSignature, euicc_notification_signature);
    w.add_raw(euicc_certificate).add_raw(eum_certificate);
  });
}

template <class S>
Bytes OtherSignedNotificationT<S>::encode() const {
  return detail::encode_message(*this);
}

template <class S>
Result<PendingNotificationT<S>> PendingNotificationT<S>::decode(
    ByteView der) requires std::same_as<S, View> {
  constexpr std::string_view kName = "PendingNotification";
  auto tlv = der::parse_single(der);
  if (!tlv) return detail::failure(tlv.error(), kName);
  if (tlv->tag == ProfileInstallationResultView::kTag) {
    auto pir = ProfileInstallationResultView::decode(der);
    if (!pir) return detail::failure(pir.error(), kName);
    return PendingNotificationT{*std::move(pir), der};
  }
  if (tlv->tag == OtherSignedNotificationView::kTag) {
    auto other = OtherSignedNotificationView::decode(der);
    if (!other) return detail::failure(other.error(), kName);
    return PendingNotificationT{*std::move(other), der};
  }
  return detail::failure(detail::unknown_alternative(tlv->tag), kName);
}

template <class S>
void PendingNotificationT<S>::encode_to(der::Writer& out) const {
  std::visit([&out](const auto& n) { n.encode_to(out); }, notification);
}

template <class S>
Bytes PendingNotificationT<S>::encode() const {
  return detail::encode_message(*this);
}

template <class S>
Result<HandleNotificationT<S>> HandleNotificationT<S>::decode(
    ByteView der, der::Tag tag) requires std::same_as<S, View> {
  return detail::decode_sequence<HandleNotificationT>(
      der, tag, "HandleNotification", [](detail::Fields& f, auto& m) {
        m.pending_notification =
            f.explicit_choice<PendingNotificationView>(0xA0, "pendingNotification");
      });
}

template <class S>
void HandleNotificationT<S>::encode_to(der::Writer& out, der::Tag tag) const {
  detail::encode_sequence(out, tag, extensions, [this](der::Writer& w) {
    w.add_constructed(0xA0, [this](der::Writer& inner) { pending_notification.encode_to(inner); });
  });
}

template <class S>
Bytes HandleNotificationT<S>::encode() const {
  return detail::encode_message(*this);
}

template struct OtherSignedNotificationT<View>;
template struct OtherSignedNotificationT<Owned>;
template struct PendingNotificationT<View>;
template struct PendingNotificationT<Owned>;
template struct HandleNotificationT<View>;
template struct HandleNotificationT<Owned>;

}  // namespace smdp::asn1
