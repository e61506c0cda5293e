// SPDX-License-Identifier: Apache-2.0
// NotificationMetadata <-> DER (RSPDefinitions).
#include "asn1/notification_metadata.h"

#include "asn1/codec.h"

namespace smdp::asn1 {

template <class S>
Result<NotificationMetadataT<S>> NotificationMetadataT<S>::decode(
    ByteView der, der::Tag tag) requires std::same_as<S, View> {
  return detail::decode_sequence<NotificationMetadataT>(
      der, tag, "NotificationMetadata", [](detail::Fields& f, auto& m) {
        m.seq_number = f.integer(0x80, "seqNumber");
        m.profile_management_operation = f.bit_string(0x81, "profileManagementOperation");
        m.notification_address = f.text(kTagUtf8String, "notificationAddress");
        m.iccid = f.optional_octets(kTagIccid, "iccid", kIccidSize);
      });
}

template <class S>
void NotificationMetadataT<S>::encode_to(der::Writer& out, der::Tag tag) const {
  detail::encode_sequence(out, tag, extensions, [this](der::Writer& w) {
    w.add_uint(0x80, seq_number).add(0x81, profile_management_operation);
    w.add_utf8(kTagUtf8String, notification_address);
    detail::add_optional(w, kTagIccid, iccid);
  });
}

template <class S>
Bytes NotificationMetadataT<S>::encode() const {
  return detail::encode_message(*this);
}

template struct NotificationMetadataT<View>;
template struct NotificationMetadataT<Owned>;

}  // namespace smdp::asn1
