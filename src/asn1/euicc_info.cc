// SPDX-License-Identifier: Apache-2.0
// EUICCInfo1 / EUICCInfo2 / CertificationDataObject <-> DER (RSPDefinitions).
#include "asn1/euicc_info.h"

#include "asn1/codec.h"

namespace smdp::asn1 {

template <class S>
Result<EUICCInfo1T<S>> EUICCInfo1T<S>::decode(ByteView der,
                                              der::Tag tag) requires std::same_as<S, View> {
  return detail::decode_sequence<EUICCInfo1T>(
      der, tag, "EUICCInfo1", [](detail::Fields& f, auto& m) {
        m.svn = f.octets(0x82, "svn", kVersionTypeSize);
        m.euicc_ci_pkid_list_for_verification =
            f.octets_list(0xA9, "euiccCiPKIdListForVerification");
        m.euicc_ci_pkid_list_for_signing = f.octets_list(0xAA, "euiccCiPKIdListForSigning");
      });
}

template <class S>
void EUICCInfo1T<S>::encode_to(der::Writer& out, der::Tag tag) const {
  detail::encode_sequence(out, tag, extensions, [this](der::Writer& w) {
    w.add(0x82, svn);
    detail::add_octets_list(w, 0xA9, euicc_ci_pkid_list_for_verification);
    detail::add_octets_list(w, 0xAA, euicc_ci_pkid_list_for_signing);
  });
}

template <class S>
Bytes EUICCInfo1T<S>::encode() const {
  return detail::encode_message(*this);
}

template <class S>
Result<CertificationDataObjectT<S>> CertificationDataObjectT<S>::decode(
    ByteView der, der::Tag tag) requires std::same_as<S, View> {
  return detail::decode_sequence<CertificationDataObjectT>(
      der, tag, "CertificationDataObject", [](detail::Fields& f, auto& m) {
        m.platform_label = f.text(0x80, "platformLabel");
        m.discovery_base_url = f.text(0x81, "discoveryBaseURL");
      });
}

template <class S>
void CertificationDataObjectT<S>::encode_to(der::Writer& out, der::Tag tag) const {
  detail::encode_sequence(out, tag, extensions, [this](der::Writer& w) {
    w.add_utf8(0x80, platform_label);
    w.add_utf8(0x81, discovery_base_url);
  });
}

template <class S>
Bytes CertificationDataObjectT<S>::encode() const {
  return detail::encode_message(*this);
}

template <class S>
Result<EUICCInfo2T<S>> EUICCInfo2T<S>::decode(ByteView der,
                                              der::Tag tag) requires std::same_as<S, View> {
  return detail::decode_sequence<EUICCInfo2T>(
      der, tag, "EUICCInfo2", [](detail::Fields& f, auto& m) {
        m.profile_version = f.octets(0x81, "profileVersion", kVersionTypeSize);
        m.svn = f.octets(0x82, "svn", kVersionTypeSize);
        m.euicc_firmware_ver = f.octets(0x83, "euiccFirmwareVer", kVersionTypeSize);
        m.ext_card_resource = f.octets(0x84, "extCardResource");
        m.uicc_capability = f.bit_string(0x85, "uiccCapability");
        m.ts102241_version = f.optional_octets(0x86, "ts102241Version", kVersionTypeSize);
        m.globalplatform_version =
            f.optional_octets(0x87, "globalplatformVersion", kVersionTypeSize);
        m.rsp_capability = f.bit_string(0x88, "rspCapability");
        m.euicc_ci_pkid_list_for_verification =
            f.octets_list(0xA9, "euiccCiPKIdListForVerification");
        m.euicc_ci_pkid_list_for_signing = f.octets_list(0xAA, "euiccCiPKIdListForSigning");
        m.euicc_category = f.optional_integer(0x8B, "euiccCategory");
        m.forbidden_profile_policy_rules =
            f.optional_bit_string(0x99, "forbiddenProfilePolicyRules");
        m.pp_version = f.octets(kTagOctetString, "ppVersion", kVersionTypeSize);
        m.sas_acreditation_number = f.text(kTagUtf8String, "sasAcreditationNumber", {0, 64});
        m.certification_data_object =
            f.optional_nested<CertificationDataObjectView>(0xAC, "certificationDataObject");
        m.tre_properties = f.optional_bit_string(0x8D, "treProperties");
        m.tre_product_reference = f.optional_text(0x8E, "treProductReference");
        m.additional_euicc_profile_package_versions =
            f.optional_octets_list(0xAF, "additionalEuiccProfilePackageVersions", kVersionTypeSize);
      });
}

template <class S>
void EUICCInfo2T<S>::encode_to(der::Writer& out, der::Tag tag) const {
  detail::encode_sequence(out, tag, extensions, [this](der::Writer& w) {
    w.add(0x81, profile_version).add(0x82, svn).add(0x83, euicc_firmware_ver);
    w.add(0x84, ext_card_resource).add(0x85, uicc_capability);
    detail::add_optional(w, 0x86, ts102241_version);
    detail::add_optional(w, 0x87, globalplatform_version);
    w.add(0x88, rsp_capability);
    detail::add_octets_list(w, 0xA9, euicc_ci_pkid_list_for_verification);
    detail::add_octets_list(w, 0xAA, euicc_ci_pkid_list_for_signing);
    detail::add_optional_uint(w, 0x8B, euicc_category);
    detail::add_optional(w, 0x99, forbidden_profile_policy_rules);
    w.add(kTagOctetString, pp_version).add_utf8(kTagUtf8String, sas_acreditation_number);
    if (certification_data_object) certification_data_object->encode_to(w, 0xAC);
    detail::add_optional(w, 0x8D, tre_properties);
    detail::add_optional_text(w, 0x8E, tre_product_reference);
    if (additional_euicc_profile_package_versions) {
      detail::add_octets_list(w, 0xAF, *additional_euicc_profile_package_versions);
    }
  });
}

template <class S>
Bytes EUICCInfo2T<S>::encode() const {
  return detail::encode_message(*this);
}

template struct EUICCInfo1T<View>;
template struct EUICCInfo1T<Owned>;
template struct CertificationDataObjectT<View>;
template struct CertificationDataObjectT<Owned>;
template struct EUICCInfo2T<View>;
template struct EUICCInfo2T<Owned>;

}  // namespace smdp::asn1
