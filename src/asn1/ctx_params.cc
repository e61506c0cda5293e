// SPDX-License-Identifier: Apache-2.0
// CtxParams1, CtxParamsForCommonAuthentication, DeviceInfo, DeviceCapabilities <-> DER.
#include "asn1/ctx_params.h"

#include <array>

#include "asn1/codec.h"

namespace smdp::asn1 {
namespace {

// DeviceCapabilities components [0]..[11], all OPTIONAL VersionType, in tag order.
template <class Caps>  // DeviceCapabilitiesT<S>, const or not
auto release_fields(Caps& c) {
  return std::array{&c.gsm_supported_release,           &c.utran_supported_release,
                    &c.cdma2000onex_supported_release,  &c.cdma2000hrpd_supported_release,
                    &c.cdma2000ehrpd_supported_release, &c.eutran_epc_supported_release,
                    &c.contactless_supported_release,   &c.rsp_crl_supported_version,
                    &c.nr_epc_supported_release,        &c.nr5gc_supported_release,
                    &c.eutran5gc_supported_release,     &c.lpa_svn};
}
constexpr std::array<std::string_view, 12> kReleaseNames{
    "gsmSupportedRelease",          "utranSupportedRelease",         "cdma2000onexSupportedRelease",
    "cdma2000hrpdSupportedRelease", "cdma2000ehrpdSupportedRelease", "eutranEpcSupportedRelease",
    "contactlessSupportedRelease",  "rspCrlSupportedVersion",        "nrEpcSupportedRelease",
    "nr5gcSupportedRelease",        "eutran5gcSupportedRelease",     "lpaSvn"};

}  // namespace

template <class S>
Result<DeviceAdditionalFeatureSupportT<S>> DeviceAdditionalFeatureSupportT<S>::decode(
    ByteView der, der::Tag tag) requires std::same_as<S, View> {
  return detail::decode_sequence<DeviceAdditionalFeatureSupportT>(
      der, tag, "DeviceAdditionalFeatureSupport", [](detail::Fields& f, auto& m) {
        m.nai_support = f.optional_octets(0x80, "naiSupport", kVersionTypeSize);
      });
}

template <class S>
void DeviceAdditionalFeatureSupportT<S>::encode_to(der::Writer& out, der::Tag tag) const {
  detail::encode_sequence(out, tag, extensions,
                          [this](der::Writer& w) { detail::add_optional(w, 0x80, nai_support); });
}

template <class S>
Bytes DeviceAdditionalFeatureSupportT<S>::encode() const {
  return detail::encode_message(*this);
}

template <class S>
Result<DeviceCapabilitiesT<S>> DeviceCapabilitiesT<S>::decode(
    ByteView der, der::Tag tag) requires std::same_as<S, View> {
  return detail::decode_sequence<DeviceCapabilitiesT>(
      der, tag, "DeviceCapabilities", [](detail::Fields& f, auto& m) {
        auto releases = release_fields(m);
        for (std::size_t i = 0; i < releases.size(); ++i) {
          *releases[i] = f.optional_octets(0x80 + static_cast<der::Tag>(i), kReleaseNames[i],
                                           kVersionTypeSize);
        }
        m.cat_supported_classes = f.optional_bit_string(0x8C, "catSupportedClasses");
        m.euicc_form_factor_type = f.optional_integer(0x8D, "euiccFormFactorType");
        m.device_additional_feature_support = f.optional_nested<DeviceAdditionalFeatureSupportView>(
            0xAE, "deviceAdditionalFeatureSupport");
      });
}

template <class S>
void DeviceCapabilitiesT<S>::encode_to(der::Writer& out, der::Tag tag) const {
  detail::encode_sequence(out, tag, extensions, [this](der::Writer& w) {
    der::Tag t = 0x80;
    for (const auto* release : release_fields(*this)) detail::add_optional(w, t++, *release);
    detail::add_optional(w, 0x8C, cat_supported_classes);
    detail::add_optional_uint(w, 0x8D, euicc_form_factor_type);
    if (device_additional_feature_support) device_additional_feature_support->encode_to(w, 0xAE);
  });
}

template <class S>
Bytes DeviceCapabilitiesT<S>::encode() const {
  return detail::encode_message(*this);
}

template <class S>
Result<DeviceInfoT<S>> DeviceInfoT<S>::decode(ByteView der,
                                              der::Tag tag) requires std::same_as<S, View> {
  return detail::decode_sequence<DeviceInfoT>(
      der, tag, "DeviceInfo", [](detail::Fields& f, auto& m) {
        m.tac = f.octets(0x80, "tac", kOctet4);
        m.device_capabilities = f.nested<DeviceCapabilitiesView>(0xA1, "deviceCapabilities");
        // Octet8 in SGP.22; devices in the field also send a TAC-only (4 octets) or
        // shortened IMEI, which must not make a download fail (interoperability).
        m.imei = f.optional_octets(0x82, "imei", SizeRange{4, 8});
      });
}

template <class S>
void DeviceInfoT<S>::encode_to(der::Writer& out, der::Tag tag) const {
  detail::encode_sequence(out, tag, extensions, [this](der::Writer& w) {
    w.add(0x80, tac);
    device_capabilities.encode_to(w, 0xA1);
    detail::add_optional(w, 0x82, imei);
  });
}

template <class S>
Bytes DeviceInfoT<S>::encode() const {
  return detail::encode_message(*this);
}

template <class S>
Result<CtxParamsForCommonAuthenticationT<S>> CtxParamsForCommonAuthenticationT<S>::decode(
    ByteView der, der::Tag tag) requires std::same_as<S, View> {
  return detail::decode_sequence<CtxParamsForCommonAuthenticationT>(
      der, tag, "CtxParamsForCommonAuthentication", [](detail::Fields& f, auto& m) {
        m.matching_id = f.optional_text(0x80, "matchingId");
        m.device_info = f.nested<DeviceInfoView>(0xA1, "deviceInfo");
      });
}

template <class S>
void CtxParamsForCommonAuthenticationT<S>::encode_to(der::Writer& out, der::Tag tag) const {
  detail::encode_sequence(out, tag, extensions, [this](der::Writer& w) {
    detail::add_optional_text(w, 0x80, matching_id);
    device_info.encode_to(w, 0xA1);
  });
}

template <class S>
Bytes CtxParamsForCommonAuthenticationT<S>::encode() const {
  return detail::encode_message(*this);
}

template <class S>
Result<CtxParams1T<S>> CtxParams1T<S>::decode(ByteView der) requires std::same_as<S, View> {
  auto tlv = der::parse_single(der);
  if (!tlv) return detail::failure(tlv.error(), "CtxParams1");
  if (tlv->tag != 0xA0) return detail::failure(detail::unknown_alternative(tlv->tag), "CtxParams1");
  auto common = CtxParamsForCommonAuthenticationView::decode(der, 0xA0);
  if (!common) return detail::failure(common.error(), "CtxParams1");
  return CtxParams1T{*common, tlv->raw};
}

template <class S>
void CtxParams1T<S>::encode_to(der::Writer& out) const {
  ctx_params_for_common_authentication.encode_to(out, 0xA0);
}

template <class S>
Bytes CtxParams1T<S>::encode() const {
  return detail::encode_message(*this);
}

template struct DeviceAdditionalFeatureSupportT<View>;
template struct DeviceAdditionalFeatureSupportT<Owned>;
template struct DeviceCapabilitiesT<View>;
template struct DeviceCapabilitiesT<Owned>;
template struct DeviceInfoT<View>;
template struct DeviceInfoT<Owned>;
template struct CtxParamsForCommonAuthenticationT<View>;
template struct CtxParamsForCommonAuthenticationT<Owned>;
template struct CtxParams1T<View>;
template struct CtxParams1T<Owned>;

}  // namespace smdp::asn1
