// SPDX-License-Identifier: Apache-2.0
// Every type of the module, decoded on its own from a valid encoding (built or taken
// from a fixture), under the corruptions of strictness.h.
#include <gtest/gtest.h>

#include "asn1/authenticate_client.h"
#include "asn1/cancel_session.h"
#include "asn1/get_bound_profile_package.h"
#include "asn1/initiate_authentication.h"
#include "asn1/notification.h"
#include "samples.h"
#include "session.h"
#include "strictness.h"

namespace smdp::asn1 {
namespace {
using smdp::testing::hex;
using testing::codec_of;

struct Sample {
  std::string name;
  testing::Codec codec;
  Bytes der;
};

std::vector<Sample> samples() {
  const auto info2 = testing::full_euicc_info2();
  const auto ctx = testing::full_ctx_params1();
  const auto& common = ctx.ctx_params_for_common_authentication;
  const auto& caps = common.device_info.device_capabilities;
  const auto metadata = testing::full_store_metadata();
  const auto cancel = testing::signed_cancel_session();
  const auto failed = testing::failed_installation(std::nullopt);
  const auto& failed_data = failed.profile_installation_result_data;
  NotificationMetadata without_iccid = testing::notification_metadata(9);
  without_iccid.iccid.reset();
  const SuccessResult success{hex("a0000005591010ffffffff8900001000"), hex("00"), {}, {}};
  const PrepareDownloadResponseOk download_ok{
      {hex("01"), hex("04aa"), std::nullopt, {}, {}}, Bytes(64, 7), {}, {}, {}};
  return {
      {"CertificationDataObject", codec_of<CertificationDataObjectView>(),
       info2.certification_data_object->encode()},
      {"DeviceAdditionalFeatureSupport", codec_of<DeviceAdditionalFeatureSupportView>(),
       caps.device_additional_feature_support->encode()},
      {"DeviceAdditionalFeatureSupport empty", codec_of<DeviceAdditionalFeatureSupportView>(),
       DeviceAdditionalFeatureSupport{}.encode()},
      {"DeviceCapabilities", codec_of<DeviceCapabilitiesView>(), caps.encode()},
      {"DeviceInfo", codec_of<DeviceInfoView>(), common.device_info.encode()},
      {"CtxParamsForCommonAuthentication", codec_of<CtxParamsForCommonAuthenticationView>(),
       common.encode()},
      {"NotificationConfigurationInformation", codec_of<NotificationConfigurationInformationView>(),
       (*metadata.notification_configuration_info)[0].encode()},
      {"OperatorId", codec_of<OperatorIdView>(), metadata.profile_owner->encode()},
      {"OperatorId without gids", codec_of<OperatorIdView>(),
       OperatorId{hex("21f354"), std::nullopt, std::nullopt, {}, {}}.encode()},
      {"AuthenticateResponseError", codec_of<AuthenticateResponseErrorView>(),
       AuthenticateResponseError{hex("01"), 7, {}, {}}.encode()},
      {"PrepareDownloadResponseOk", codec_of<PrepareDownloadResponseOkView>(),
       download_ok.encode()},
      {"PrepareDownloadResponse ok", codec_of<PrepareDownloadResponseView>(),
       PrepareDownloadResponse{download_ok, {}}.encode()},
      {"PrepareDownloadResponseError", codec_of<PrepareDownloadResponseErrorView>(),
       PrepareDownloadResponseError{hex("01"), 4, {}, {}}.encode()},
      {"NotificationMetadata without iccid", codec_of<NotificationMetadataView>(),
       without_iccid.encode()},
      {"SuccessResult", codec_of<SuccessResultView>(), success.encode()},
      {"ErrorResult", codec_of<ErrorResultView>(),
       std::get<1>(failed_data.final_result.result).encode()},
      {"FinalResult success", codec_of<FinalResultView>(), FinalResult{success, {}}.encode()},
      {"FinalResult error", codec_of<FinalResultView>(), failed_data.final_result.encode()},
      {"ProfileInstallationResultData", codec_of<ProfileInstallationResultDataView>(),
       failed_data.encode()},
      {"CancelSessionResponseOk", codec_of<CancelSessionResponseOkView>(), cancel.encode()},
      {"CancelSessionOk", codec_of<CancelSessionOkView>(), CancelSessionOk{}.encode()},
      {"EuiccCancelSessionSigned", codec_of<EuiccCancelSessionSignedView>(),
       cancel.euicc_cancel_session_signed.encode()},
  };
}

TEST(EveryType, when_decoded_alone_then_round_trips_and_is_strict) {
  for (const auto& sample : samples()) {
    SCOPED_TRACE(sample.name);
    testing::expect_strict(sample.codec, sample.der);
  }
}

TEST(EveryType, when_sequence_has_unknown_trailing_element_then_it_is_kept) {
  for (const auto& sample : samples()) {
    auto outer = der::parse_single(sample.der);
    ASSERT_TRUE(outer);
    // Only SEQUENCE types (not the CHOICE wrappers) are extensible here.
    if (sample.name.find("FinalResult") == 0 || sample.name.find("PrepareDownloadResponse ") == 0) {
      continue;
    }
    SCOPED_TRACE(sample.name);
    Bytes contents(outer->value.begin(), outer->value.end());
    append(contents, hex("9f7f0101"));
    const Bytes extended = der::tlv(outer->tag, contents);
    auto again = sample.codec(extended);
    ASSERT_TRUE(again) << again.error().message();
    EXPECT_EQ(to_hex(*again), to_hex(extended));
  }
}

}  // namespace
}  // namespace smdp::asn1
