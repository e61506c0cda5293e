// SPDX-License-Identifier: Apache-2.0
#include "asn1/notification.h"

#include <gtest/gtest.h>

#include "samples.h"
#include "session.h"
#include "strictness.h"

namespace smdp::asn1 {
namespace {
using smdp::testing::hex;
using testing::hex_of;

class Notification : public ::testing::TestWithParam<const char*> {
 protected:
  testing::Session session{GetParam()};
};

TEST_P(Notification, when_pir_decoded_then_fields_and_signed_span_match) {
  const Bytes der = session.der("profileInstallationResult.der");
  auto pir = ProfileInstallationResultView::decode(der);
  ASSERT_TRUE(pir) << pir.error().message();
  const auto& data = pir->profile_installation_result_data;
  EXPECT_EQ(hex_of(data.transaction_id), session.text("transactionId"));
  EXPECT_EQ(data.notification_metadata.seq_number, 1u);
  EXPECT_TRUE(has_bit(data.notification_metadata.profile_management_operation, 0));
  EXPECT_EQ(data.notification_metadata.notification_address, session.text("serverAddress"));
  EXPECT_EQ(hex_of(*data.notification_metadata.iccid), "98001032547698103214");
  EXPECT_EQ(*oid_to_text(data.smdp_oid), "2.999.10");
  ASSERT_EQ(data.final_result.result.index(), 0u);
  const auto& success = std::get<0>(data.final_result.result);
  EXPECT_EQ(hex_of(success.aid), "a0000005591010ffffffff8900001000");
  EXPECT_EQ(hex_of(success.sima_response),
            "3007a00530038001"
            "00");
  // euiccSignPIR covers the BF27 TLV, which directly follows the BF37 header.
  EXPECT_EQ(hex_of(data.raw.first(2)), "bf27");
  EXPECT_EQ(data.raw.data(), der.data() + 4);
  EXPECT_EQ(data.raw.data() + data.raw.size(), pir->euicc_sign_pir_tlv.data());
  EXPECT_EQ(pir->euicc_sign_pir.size(), 64u);
  testing::expect_strict(testing::codec_of<ProfileInstallationResultDataView>(),
                         testing::bytes_of(data.raw));
  testing::expect_strict(testing::codec_of<NotificationMetadataView>(),
                         testing::bytes_of(data.notification_metadata.raw));
}

TEST_P(Notification, when_pir_is_the_pending_notification_then_handle_notification_wraps_it) {
  const Bytes pir_der = session.der("profileInstallationResult.der");
  auto pending = PendingNotificationView::decode(pir_der);
  ASSERT_TRUE(pending) << pending.error().message();
  ASSERT_EQ(pending->notification.index(), 0u);
  EXPECT_EQ(to_hex(pending->encode()), to_hex(pir_der));

  const Bytes der = HandleNotificationView{*pending, {}, {}}.encode();
  auto handle = HandleNotificationView::decode(der);
  ASSERT_TRUE(handle) << handle.error().message();
  EXPECT_EQ(hex_of(handle->pending_notification.raw), to_hex(pir_der));
  EXPECT_EQ(hex_of(ByteView(der).first(2)), "bf3d");
  testing::expect_strict(testing::codec_of<HandleNotificationView>(), der);
  testing::expect_strict(testing::codec_of<PendingNotificationView>(), pir_der);
}

TEST_P(Notification, when_other_signed_notification_then_tbs_span_and_certs_kept) {
  const Bytes der = testing::other_signed_notification(session).encode();
  auto other = OtherSignedNotificationView::decode(der);
  ASSERT_TRUE(other) << other.error().message();
  EXPECT_EQ(other->tbs_other_notification.seq_number, 7u);
  EXPECT_EQ(hex_of(other->tbs_other_notification.raw),
            to_hex(testing::notification_metadata(7).encode()));
  EXPECT_EQ(hex_of(other->euicc_notification_signature_tlv.first(3)), "5f3740");
  EXPECT_EQ(hex_of(other->eum_certificate), hex_of(session.certificate("EUM/CERT_EUM_ECDSA")));
  testing::expect_strict(testing::codec_of<OtherSignedNotificationView>(), der);

  auto pending = PendingNotificationView::decode(der);
  ASSERT_TRUE(pending);
  EXPECT_EQ(pending->notification.index(), 1u);
  const Bytes handle = HandleNotification{
      PendingNotification{testing::other_signed_notification(session), {}},
      {},
      {}}.encode();
  testing::expect_strict(testing::codec_of<HandleNotificationView>(), handle);
}

INSTANTIATE_TEST_SUITE_P(Asn1, Notification, ::testing::ValuesIn(testing::kSessions));

TEST(ProfileInstallationResult, when_error_result_with_and_without_sima_then_round_trip) {
  for (const auto& sima : {std::optional<Bytes>{}, std::optional<Bytes>{hex("3000")}}) {
    const ProfileInstallationResult pir = testing::failed_installation(sima);
    const Bytes der = pir.encode();
    auto decoded = ProfileInstallationResultView::decode(der);
    ASSERT_TRUE(decoded) << decoded.error().message();
    const auto& error = std::get<1>(decoded->profile_installation_result_data.final_result.result);
    EXPECT_EQ(error.bpp_command_id, 5u);
    EXPECT_EQ(error.error_reason, 8u);
    EXPECT_EQ(error.sima_response.has_value(), sima.has_value());
    testing::expect_strict(testing::codec_of<ProfileInstallationResultView>(), der);
  }
}

TEST(ProfileInstallationResult, when_aid_shorter_than_5_or_oid_malformed_then_rejected) {
  ProfileInstallationResultData data{hex("01"),
                                     testing::notification_metadata(3),
                                     *oid_from_text("2.999.10"),
                                     {SuccessResult{hex("a000000559"), hex("00"), {}, {}}, {}},
                                     {},
                                     {}};
  EXPECT_TRUE(ProfileInstallationResultDataView::decode(data.encode()));
  std::get<0>(data.final_result.result).aid = hex("a0000005");
  auto short_aid = ProfileInstallationResultDataView::decode(data.encode());
  ASSERT_FALSE(short_aid);
  EXPECT_EQ(short_aid.error().code, Errc::size_constraint);
  std::get<0>(data.final_result.result).aid = hex("a000000559");
  data.smdp_oid = hex("883788");  // unterminated last subidentifier
  auto bad_oid = ProfileInstallationResultDataView::decode(data.encode());
  ASSERT_FALSE(bad_oid);
  EXPECT_EQ(bad_oid.error().code, Errc::invalid_oid);
}

TEST(PendingNotification, when_unknown_alternative_then_rejected) {
  auto decoded = PendingNotificationView::decode(hex("bf2f00"));
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().code, Errc::unknown_alternative);
}

TEST(HandleNotification, when_pending_notification_not_explicitly_tagged_then_rejected) {
  const Bytes pir = smdp::testing::session_message("session_nist", "profileInstallationResult.der");
  Bytes bare = der::tlv(0xBF3D, pir);  // BF3D { BF37 ... } without the A0
  EXPECT_FALSE(HandleNotificationView::decode(bare));
}

}  // namespace
}  // namespace smdp::asn1
