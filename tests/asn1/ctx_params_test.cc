// SPDX-License-Identifier: Apache-2.0
#include "asn1/ctx_params.h"

#include <gtest/gtest.h>

#include "asn1/authenticate_server.h"
#include "samples.h"
#include "session.h"
#include "strictness.h"

namespace smdp::asn1 {
namespace {
using smdp::testing::hex;
using testing::hex_of;

TEST(CtxParams1, when_fixture_decoded_then_matching_id_and_device_info_match) {
  for (const char* name : testing::kSessions) {
    const testing::Session session{name};
    const Bytes der = session.der("authenticateServerRequest.der");
    auto request = AuthenticateServerRequestView::decode(der);
    ASSERT_TRUE(request) << request.error().message();
    const auto& common = request->ctx_params1.ctx_params_for_common_authentication;
    ASSERT_TRUE(common.matching_id);
    EXPECT_EQ(*common.matching_id, session.text("matchingId"));
    EXPECT_EQ(hex_of(common.device_info.tac), "35290611");
    EXPECT_EQ(hex_of(*common.device_info.device_capabilities.eutran_epc_supported_release),
              "0f0000");
    EXPECT_FALSE(common.device_info.device_capabilities.gsm_supported_release);
    EXPECT_FALSE(common.device_info.imei);
    testing::expect_strict(testing::codec_of<CtxParams1View>(),
                           testing::bytes_of(request->ctx_params1.raw));
  }
}

TEST(CtxParams1, when_every_device_capability_present_then_round_trip) {
  const Bytes der = testing::full_ctx_params1().encode();
  auto ctx = CtxParams1View::decode(der);
  ASSERT_TRUE(ctx) << ctx.error().message();
  const auto& info = ctx->ctx_params_for_common_authentication.device_info;
  EXPECT_EQ(hex_of(*info.device_capabilities.lpa_svn), "020500");
  EXPECT_EQ(hex_of(*info.device_capabilities.eutran5gc_supported_release), "120000");
  EXPECT_EQ(*info.device_capabilities.euicc_form_factor_type, 1u);
  EXPECT_EQ(hex_of(*info.device_capabilities.device_additional_feature_support->nai_support),
            "010000");
  EXPECT_EQ(hex_of(*info.imei), "3529061100000001");
  EXPECT_EQ(to_hex(ctx->encode()), to_hex(der));
  testing::expect_strict(testing::codec_of<CtxParams1View>(), der);
}

TEST(CtxParams1, when_matching_id_and_capabilities_absent_then_round_trip) {
  CtxParams1 ctx;
  ctx.ctx_params_for_common_authentication.device_info.tac = hex("01020304");
  const Bytes der = ctx.encode();
  EXPECT_EQ(to_hex(der), "a00aa108800401020304a100");
  auto decoded = CtxParams1View::decode(der);
  ASSERT_TRUE(decoded);
  EXPECT_FALSE(decoded->ctx_params_for_common_authentication.matching_id);
  testing::expect_strict(testing::codec_of<CtxParams1View>(), der);
}

TEST(CtxParams1, when_unknown_alternative_then_rejected) {
  auto decoded = CtxParams1View::decode(hex("a100"));
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().code, Errc::unknown_alternative);
}

TEST(DeviceInfo, when_tac_or_imei_wrong_size_then_size_constraint) {
  DeviceInfo info{hex("010203"), {}, std::nullopt, {}, {}};
  auto short_tac = DeviceInfoView::decode(info.encode());
  ASSERT_FALSE(short_tac);
  EXPECT_EQ(short_tac.error().code, Errc::size_constraint);
  info.tac = hex("01020304");
  info.imei = hex("010203");
  auto short_imei = DeviceInfoView::decode(info.encode());
  ASSERT_FALSE(short_imei);
  EXPECT_EQ(short_imei.error().code, Errc::size_constraint);
  info.imei = hex("010203040506070809");
  auto long_imei = DeviceInfoView::decode(info.encode());
  ASSERT_FALSE(long_imei);
  EXPECT_EQ(long_imei.error().code, Errc::size_constraint);
}

TEST(DeviceInfo, when_imei_is_tac_only_or_shortened_then_it_is_tolerated) {
  DeviceInfo info{hex("35290611"), {}, hex("35290611"), {}, {}};
  auto tac_only = DeviceInfoView::decode(info.encode());
  ASSERT_TRUE(tac_only) << tac_only.error().message();
  EXPECT_EQ(tac_only->imei->size(), 4u);
  info.imei = hex("35290611000000");
  EXPECT_TRUE(DeviceInfoView::decode(info.encode()));
}

}  // namespace
}  // namespace smdp::asn1
