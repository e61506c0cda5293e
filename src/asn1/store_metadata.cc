// SPDX-License-Identifier: Apache-2.0
// StoreMetadataRequest / NotificationConfigurationInformation / OperatorId <-> DER.
#include "asn1/store_metadata.h"

#include "asn1/codec.h"

namespace smdp::asn1 {
namespace {

// VendorSpecificExtension ::= SEQUENCE OF SEQUENCE {...}: contents of the element,
// checked to be DER SEQUENCEs only.
std::optional<ByteView> vendor_extension(detail::Fields& f, der::Tag tag, std::string_view name) {
  auto tlv = f.optional_opaque(tag, name);
  if (!tlv) return std::nullopt;
  der::Reader items(tlv->value);
  while (!items.empty()) {
    if (auto item = items.read(kTagSequence); !item) {
      f.fail_at(item.error(), name);
      break;
    }
  }
  return tlv->value;
}

}  // namespace

template <class S>
Result<NotificationConfigurationInformationT<S>> NotificationConfigurationInformationT<S>::decode(
    ByteView der, der::Tag tag) requires std::same_as<S, View> {
  return detail::decode_sequence<NotificationConfigurationInformationT>(
      der, tag, "NotificationConfigurationInformation", [](detail::Fields& f, auto& m) {
        m.profile_management_operation = f.bit_string(0x80, "profileManagementOperation");
        m.notification_address = f.text(0x81, "notificationAddress");
      });
}

template <class S>
void NotificationConfigurationInformationT<S>::encode_to(der::Writer& out, der::Tag tag) const {
  detail::encode_sequence(out, tag, extensions, [this](der::Writer& w) {
    w.add(0x80, profile_management_operation).add_utf8(0x81, notification_address);
  });
}

template <class S>
Bytes NotificationConfigurationInformationT<S>::encode() const {
  return detail::encode_message(*this);
}

template <class S>
Result<OperatorIdT<S>> OperatorIdT<S>::decode(ByteView der,
                                              der::Tag tag) requires std::same_as<S, View> {
  return detail::decode_sequence<OperatorIdT>(der, tag, "OperatorId",
                                              [](detail::Fields& f, auto& m) {
                                                m.mcc_mnc = f.octets(0x80, "mccMnc", {3, 3});
                                                m.gid1 = f.optional_octets(0x81, "gid1");
                                                m.gid2 = f.optional_octets(0x82, "gid2");
                                              });
}

template <class S>
void OperatorIdT<S>::encode_to(der::Writer& out, der::Tag tag) const {
  detail::encode_sequence(out, tag, extensions, [this](der::Writer& w) {
    w.add(0x80, mcc_mnc);
    detail::add_optional(w, 0x81, gid1);
    detail::add_optional(w, 0x82, gid2);
  });
}

template <class S>
Bytes OperatorIdT<S>::encode() const {
  return detail::encode_message(*this);
}

template <class S>
Result<StoreMetadataRequestT<S>> StoreMetadataRequestT<S>::decode(
    ByteView der, der::Tag tag) requires std::same_as<S, View> {
  return detail::decode_sequence<StoreMetadataRequestT>(
      der, tag, "StoreMetadataRequest", [](detail::Fields& f, auto& m) {
        m.iccid = f.octets(kTagIccid, "iccid", kIccidSize);
        m.service_provider_name = f.text(0x91, "serviceProviderName", {0, 32});
        m.profile_name = f.text(0x92, "profileName", {0, 64});
        m.icon_type = f.optional_integer(0x93, "iconType");
        m.icon = f.optional_octets(0x94, "icon", {0, 1024});
        const auto encoded_class = f.optional_integer(0x95, "profileClass");
        if (encoded_class == kProfileClassOperational) {
          f.fail_at(Error{Errc::default_value_encoded, {}}, "profileClass");
        }
        m.profile_class = encoded_class.value_or(kProfileClassOperational);
        m.notification_configuration_info =
            f.optional_nested_list<NotificationConfigurationInformationView>(
                0xB6, "notificationConfigurationInfo");
        m.profile_owner = f.optional_nested<OperatorIdView>(0xB7, "profileOwner");
        m.profile_policy_rules = f.optional_bit_string(0x99, "profilePolicyRules");
        m.service_specific_data_stored_in_euicc =
            vendor_extension(f, 0xBF22, "serviceSpecificDataStoredInEuicc");
        m.service_specific_data_not_stored_in_euicc =
            vendor_extension(f, 0xBF23, "serviceSpecificDataNotStoredInEuicc");
      });
}

template <class S>
void StoreMetadataRequestT<S>::encode_to(der::Writer& out, der::Tag tag) const {
  detail::encode_sequence(out, tag, extensions, [this](der::Writer& w) {
    w.add(kTagIccid, iccid).add_utf8(0x91, service_provider_name).add_utf8(0x92, profile_name);
    detail::add_optional_uint(w, 0x93, icon_type);
    detail::add_optional(w, 0x94, icon);
    if (profile_class != kProfileClassOperational) w.add_uint(0x95, profile_class);
    if (notification_configuration_info) {
      detail::add_nested_list(w, 0xB6, *notification_configuration_info);
    }
    if (profile_owner) profile_owner->encode_to(w, 0xB7);
    detail::add_optional(w, 0x99, profile_policy_rules);
    detail::add_optional(w, 0xBF22, service_specific_data_stored_in_euicc);
    detail::add_optional(w, 0xBF23, service_specific_data_not_stored_in_euicc);
  });
}

template <class S>
Bytes StoreMetadataRequestT<S>::encode() const {
  return detail::encode_message(*this);
}

template struct NotificationConfigurationInformationT<View>;
template struct NotificationConfigurationInformationT<Owned>;
template struct OperatorIdT<View>;
template struct OperatorIdT<Owned>;
template struct StoreMetadataRequestT<View>;
template struct StoreMetadataRequestT<Owned>;

}  // namespace smdp::asn1
