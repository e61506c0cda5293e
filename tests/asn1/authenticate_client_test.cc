// SPDX-License-Identifier: Apache-2.0
#include "asn1/authenticate_client.h"

#include <gtest/gtest.h>

#include "session.h"
#include "strictness.h"

namespace smdp::asn1 {
namespace {
using smdp::testing::hex;
using testing::hex_of;

class AuthenticateClient : public ::testing::TestWithParam<const char*> {
 protected:
  testing::Session session{GetParam()};
};

TEST_P(AuthenticateClient, when_request_decoded_then_carries_the_euicc_response) {
  const Bytes der = session.der("authenticateClientRequest.der");
  auto request = AuthenticateClientRequestView::decode(der);
  ASSERT_TRUE(request) << request.error().message();
  EXPECT_EQ(hex_of(request->transaction_id), session.text("transactionId"));
  EXPECT_EQ(hex_of(request->authenticate_server_response.raw),
            hex_of(session.der("authenticateServerResponse.der")));
}

TEST_P(AuthenticateClient, when_ok_decoded_then_metadata_signed2_and_signature_spans_match) {
  const Bytes der = session.der("authenticateClientOk.der");
  auto ok = AuthenticateClientOkView::decode(der);
  ASSERT_TRUE(ok) << ok.error().message();
  EXPECT_EQ(hex_of(ok->transaction_id), session.text("transactionId"));
  EXPECT_EQ(hex_of(ok->profile_metadata.raw), hex_of(session.der("storeMetadataRequest.der")));
  EXPECT_EQ(hex_of(ok->smdp_signed2.raw), hex_of(session.der("smdpSigned2.der")));
  EXPECT_EQ(hex_of(ok->smdp_signed2.transaction_id), session.text("transactionId"));
  EXPECT_FALSE(ok->smdp_signed2.cc_required_flag);
  EXPECT_EQ(hex_of(ok->smdp_signature2_tlv), hex_of(session.der("smdpSignature2.der")));
  EXPECT_EQ(hex_of(ok->smdp_certificate), hex_of(session.certificate("DPpb/CERT_S_SM_DPpb_ECDSA")));
}

TEST_P(AuthenticateClient, when_ok_wrapped_in_response_choice_then_round_trip) {
  const Bytes ok_der = session.der("authenticateClientOk.der");
  auto ok = AuthenticateClientOkView::decode(ok_der);
  ASSERT_TRUE(ok);
  const Bytes der = AuthenticateClientResponseEs9View{*ok, {}}.encode();
  auto response = AuthenticateClientResponseEs9View::decode(der);
  ASSERT_TRUE(response) << response.error().message();
  EXPECT_EQ(hex_of(std::get<0>(response->result).smdp_signed2.raw),
            hex_of(session.der("smdpSigned2.der")));
  testing::expect_strict(testing::codec_of<AuthenticateClientResponseEs9View>(), der);
}

INSTANTIATE_TEST_SUITE_P(Asn1, AuthenticateClient, ::testing::ValuesIn(testing::kSessions));

TEST(AuthenticateClientResponseEs9, when_error_code_then_integer_alternative) {
  const Bytes der = AuthenticateClientResponseEs9{std::uint64_t{8}, {}}.encode();
  EXPECT_EQ(to_hex(der), "bf3b03810108");
  auto response = AuthenticateClientResponseEs9View::decode(der);
  ASSERT_TRUE(response);
  EXPECT_EQ(std::get<1>(response->result), 8u);
  testing::expect_strict(testing::codec_of<AuthenticateClientResponseEs9View>(), der);
}

TEST(AuthenticateClientRequest, when_error_response_inside_then_round_trip) {
  AuthenticateClientRequest request{
      hex("0102"), {AuthenticateResponseError{hex("0102"), 127, {}, {}}, {}}, {}, {}};
  const Bytes der = request.encode();
  EXPECT_EQ(to_hex(der),
            "bf3b1080020102"
            "bf3809a1078002010202017f");
  auto decoded = AuthenticateClientRequestView::decode(der);
  ASSERT_TRUE(decoded) << decoded.error().message();
  EXPECT_EQ(std::get<1>(decoded->authenticate_server_response.result).authenticate_error_code,
            127u);
  testing::expect_strict(testing::codec_of<AuthenticateClientRequestView>(), der);
}

}  // namespace
}  // namespace smdp::asn1
