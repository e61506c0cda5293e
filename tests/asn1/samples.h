// SPDX-License-Identifier: Apache-2.0
// Messages built field by field for the cases the session fixtures do not cover: every
// OPTIONAL component present, error alternatives, notifications other than the PIR.
#pragma once

#include "asn1/cancel_session.h"
#include "asn1/ctx_params.h"
#include "asn1/euicc_info.h"
#include "asn1/notification.h"
#include "asn1/store_metadata.h"
#include "session.h"

namespace smdp::asn1::testing {

inline constexpr const char* kSampleIccid = "98001032547698103214";

// EUICCInfo2 with every OPTIONAL component present.
inline EUICCInfo2 full_euicc_info2() {
  using smdp::testing::hex;
  EUICCInfo2 info;
  info.profile_version = hex("020301");
  info.svn = hex("020500");
  info.euicc_firmware_ver = hex("010203");
  info.ext_card_resource = hex("810108");
  info.uicc_capability = make_bit_string({0, 1, 2});
  info.ts102241_version = hex("0f0100");
  info.globalplatform_version = hex("020300");
  info.rsp_capability = make_bit_string({0, 3, 4});
  info.euicc_ci_pkid_list_for_verification = {hex("f54172bdf98a95d65cbeb88a38a1c11d800a85c3")};
  info.euicc_ci_pkid_list_for_signing = {hex("f54172bdf98a95d65cbeb88a38a1c11d800a85c3"),
                                         hex("0102")};
  info.euicc_category = 2;
  info.forbidden_profile_policy_rules = make_bit_string({1});
  info.pp_version = hex("010000");
  info.sas_acreditation_number = "SAS-42";
  info.certification_data_object = CertificationDataObject{"PL", "https://dloa.example", {}, {}};
  info.tre_properties = make_bit_string({1});
  info.tre_product_reference = "TRE-1";
  info.additional_euicc_profile_package_versions = std::vector<Bytes>{hex("020100"), hex("030000")};
  return info;
}

// EUICCInfo2 with every OPTIONAL component absent.
inline EUICCInfo2 minimal_euicc_info2() {
  EUICCInfo2 info = full_euicc_info2();
  info.ts102241_version.reset();
  info.globalplatform_version.reset();
  info.euicc_category.reset();
  info.forbidden_profile_policy_rules.reset();
  info.certification_data_object.reset();
  info.tre_properties.reset();
  info.tre_product_reference.reset();
  info.additional_euicc_profile_package_versions.reset();
  return info;
}

// CtxParams1 with a matchingId, an IMEI and every DeviceCapabilities component.
inline CtxParams1 full_ctx_params1() {
  using smdp::testing::hex;
  DeviceCapabilities caps;
  caps.gsm_supported_release = hex("0c0000");
  caps.utran_supported_release = hex("0d0000");
  caps.cdma2000onex_supported_release = hex("010000");
  caps.cdma2000hrpd_supported_release = hex("020000");
  caps.cdma2000ehrpd_supported_release = hex("030000");
  caps.eutran_epc_supported_release = hex("0f0000");
  caps.contactless_supported_release = hex("090000");
  caps.rsp_crl_supported_version = hex("020200");
  caps.nr_epc_supported_release = hex("100000");
  caps.nr5gc_supported_release = hex("110000");
  caps.eutran5gc_supported_release = hex("120000");
  caps.lpa_svn = hex("020500");
  caps.cat_supported_classes = make_bit_string({2, 5});
  caps.euicc_form_factor_type = 1;
  caps.device_additional_feature_support = DeviceAdditionalFeatureSupport{hex("010000"), {}, {}};
  CtxParams1 ctx;
  ctx.ctx_params_for_common_authentication.matching_id = "MID-1";
  ctx.ctx_params_for_common_authentication.device_info =
      DeviceInfo{hex("35290611"), caps, hex("3529061100000001"), {}, {}};
  return ctx;
}

// StoreMetadataRequest with every OPTIONAL component present.
inline StoreMetadataRequest full_store_metadata() {
  using smdp::testing::hex;
  StoreMetadataRequest m;
  m.iccid = hex(kSampleIccid);
  m.service_provider_name = "Operator";
  m.profile_name = "Profile";
  m.icon_type = 1;
  m.icon = hex("89504e47");
  m.profile_class = kProfileClassProvisioning;
  m.notification_configuration_info = std::vector<NotificationConfigurationInformation>{
      {make_bit_string({0}), "notify.example.com", {}, {}},
      {make_bit_string({1, 2, 3}), "other.example.com", {}, {}}};
  m.profile_owner = OperatorId{hex("21f354"), hex("01"), hex("02"), {}, {}};
  m.profile_policy_rules = make_bit_string({1, 2});
  m.service_specific_data_stored_in_euicc = hex("3009800388370aa1020400");
  m.service_specific_data_not_stored_in_euicc = hex("3009800388370aa1020400");
  return m;
}

// NotificationMetadata for a notificationDisable.
inline NotificationMetadata notification_metadata(std::uint64_t seq) {
  return NotificationMetadata{
      seq, make_bit_string({2}), "testsmdpplus1.example.com", smdp::testing::hex(kSampleIccid), {},
      {}};
}

inline OtherSignedNotification other_signed_notification(const Session& session) {
  return OtherSignedNotification{notification_metadata(7),
                                 Bytes(64, 0x5A),
                                 {},
                                 session.certificate("eUICC/CERT_EUICC_ECDSA"),
                                 session.certificate("EUM/CERT_EUM_ECDSA"),
                                 {},
                                 {}};
}

inline ProfileInstallationResult failed_installation(std::optional<Bytes> sima_response) {
  using smdp::testing::hex;
  return ProfileInstallationResult{{hex("01"),
                                    notification_metadata(3),
                                    *oid_from_text("2.999.10"),
                                    {ErrorResult{5, 8, std::move(sima_response), {}, {}}, {}},
                                    {},
                                    {}},
                                   Bytes(64, 0x11),
                                   {},
                                   {},
                                   {}};
}

inline CancelSessionResponseOk signed_cancel_session() {
  using smdp::testing::hex;
  return CancelSessionResponseOk{EuiccCancelSessionSigned{hex("0123456789abcdef0123456789abcdef"),
                                                          *oid_from_text("2.999.10"),
                                                          kCancelPostponed,
                                                          {},
                                                          {}},
                                 Bytes(64, 0x42),
                                 {},
                                 {},
                                 {}};
}

}  // namespace smdp::asn1::testing
