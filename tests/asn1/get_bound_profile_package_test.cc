// SPDX-License-Identifier: Apache-2.0
#include "asn1/get_bound_profile_package.h"

#include <gtest/gtest.h>

#include "session.h"
#include "strictness.h"

namespace smdp::asn1 {
namespace {
using smdp::testing::hex;
using testing::hex_of;

class GetBoundProfilePackage : public ::testing::TestWithParam<const char*> {
 protected:
  testing::Session session{GetParam()};
};

TEST_P(GetBoundProfilePackage, when_request_decoded_then_carries_the_prepare_download_response) {
  const Bytes der = session.der("getBoundProfilePackageRequest.der");
  auto request = GetBoundProfilePackageRequestView::decode(der);
  ASSERT_TRUE(request) << request.error().message();
  EXPECT_EQ(hex_of(request->transaction_id), session.text("transactionId"));
  EXPECT_EQ(hex_of(request->prepare_download_response.raw),
            hex_of(session.der("prepareDownloadResponse.der")));
}

TEST_P(GetBoundProfilePackage, when_ok_frames_a_bpp_then_bpp_span_is_the_whole_bf36) {
  for (const char* file : {"boundProfilePackage_session.der", "boundProfilePackage_ppk.der"}) {
    const Bytes bpp = session.der(file);
    GetBoundProfilePackageOk ok{session.value("transactionId"), bpp, {}, {}};
    const Bytes der = GetBoundProfilePackageResponse{ok, {}}.encode();
    auto response = GetBoundProfilePackageResponseView::decode(der);
    ASSERT_TRUE(response) << response.error().message();
    const auto& decoded = std::get<0>(response->result);
    EXPECT_EQ(hex_of(decoded.transaction_id), session.text("transactionId"));
    EXPECT_EQ(decoded.bound_profile_package.size(), bpp.size());
    EXPECT_EQ(hex_of(decoded.bound_profile_package), to_hex(bpp));
    EXPECT_EQ(to_hex(response->encode()), to_hex(der));
  }
}

INSTANTIATE_TEST_SUITE_P(Asn1, GetBoundProfilePackage, ::testing::ValuesIn(testing::kSessions));

TEST(GetBoundProfilePackageOk, when_small_bpp_then_strict) {
  GetBoundProfilePackageOk ok{hex("01"),
                              hex("bf3609"
                                  "bf2300a000a100a300"),
                              {},
                              {}};
  const Bytes der = ok.encode();
  testing::expect_strict(testing::codec_of<GetBoundProfilePackageOkView>(), der);
  GetBoundProfilePackageResponse response{ok, {}};
  testing::expect_strict(testing::codec_of<GetBoundProfilePackageResponseView>(),
                         response.encode());
}

TEST(GetBoundProfilePackageOk, when_bpp_framing_broken_or_wrong_tag_then_rejected) {
  GetBoundProfilePackageOk broken{hex("01"),
                                  hex("bf3603"
                                      "a00500"),
                                  {},
                                  {}};
  EXPECT_FALSE(GetBoundProfilePackageOkView::decode(broken.encode()));
  GetBoundProfilePackageOk wrong{hex("01"), hex("bf3500"), {}, {}};
  EXPECT_FALSE(GetBoundProfilePackageOkView::decode(wrong.encode()));
}

TEST(GetBoundProfilePackageResponse, when_error_code_then_integer_alternative) {
  const Bytes der = GetBoundProfilePackageResponse{std::uint64_t{95}, {}}.encode();
  EXPECT_EQ(to_hex(der), "bf3a0381015f");
  auto decoded = GetBoundProfilePackageResponseView::decode(der);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(std::get<1>(decoded->result), 95u);
  testing::expect_strict(testing::codec_of<GetBoundProfilePackageResponseView>(), der);
}

TEST(GetBoundProfilePackageRequest, when_error_response_inside_then_round_trip) {
  GetBoundProfilePackageRequest request{
      hex("01"), {PrepareDownloadResponseError{hex("01"), 127, {}, {}}, {}}, {}, {}};
  const Bytes der = request.encode();
  auto decoded = GetBoundProfilePackageRequestView::decode(der);
  ASSERT_TRUE(decoded) << decoded.error().message();
  EXPECT_EQ(std::get<1>(decoded->prepare_download_response.result).download_error_code, 127u);
  testing::expect_strict(testing::codec_of<GetBoundProfilePackageRequestView>(), der);
}

}  // namespace
}  // namespace smdp::asn1
