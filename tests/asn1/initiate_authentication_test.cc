// SPDX-License-Identifier: Apache-2.0
#include "asn1/initiate_authentication.h"

#include <gtest/gtest.h>

#include "session.h"
#include "strictness.h"

namespace smdp::asn1 {
namespace {
using smdp::testing::hex;
using testing::hex_of;

class InitiateAuthentication : public ::testing::TestWithParam<const char*> {
 protected:
  testing::Session session{GetParam()};
};

TEST_P(InitiateAuthentication, when_request_decoded_then_challenge_address_and_info1_match) {
  const Bytes der = session.der("initiateAuthenticationRequest.der");
  auto request = InitiateAuthenticationRequestView::decode(der);
  ASSERT_TRUE(request) << request.error().message();
  EXPECT_EQ(hex_of(request->euicc_challenge), session.text("euiccChallenge"));
  EXPECT_EQ(request->smdp_address, session.text("serverAddress"));
  EXPECT_EQ(hex_of(request->euicc_info1.raw), hex_of(session.der("euiccInfo1.der")));
}

TEST_P(InitiateAuthentication, when_server_signed1_decoded_then_fields_match_session) {
  const Bytes der = session.der("serverSigned1.der");
  auto signed1 = ServerSigned1View::decode(der);
  ASSERT_TRUE(signed1) << signed1.error().message();
  EXPECT_EQ(hex_of(signed1->transaction_id), session.text("transactionId"));
  EXPECT_EQ(hex_of(signed1->euicc_challenge), session.text("euiccChallenge"));
  EXPECT_EQ(signed1->server_address, session.text("serverAddress"));
  EXPECT_EQ(hex_of(signed1->server_challenge), session.text("serverChallenge"));
  EXPECT_EQ(hex_of(signed1->raw), hex_of(der));
}

TEST_P(InitiateAuthentication, when_ok_decoded_then_signed_part_signature_and_cert_spans_match) {
  const Bytes der = session.der("initiateAuthenticationOkEs9.der");
  auto ok = InitiateAuthenticationOkEs9View::decode(der);
  ASSERT_TRUE(ok) << ok.error().message();
  EXPECT_EQ(hex_of(ok->transaction_id), session.text("transactionId"));
  EXPECT_EQ(hex_of(ok->server_signed1.raw), hex_of(session.der("serverSigned1.der")));
  EXPECT_EQ(hex_of(ok->server_signature1_tlv), hex_of(session.der("serverSignature1.der")));
  EXPECT_EQ(ok->server_signature1.size(), 64u);
  EXPECT_EQ(hex_of(ok->server_certificate),
            hex_of(session.certificate("DPauth/CERT_S_SM_DPauth_ECDSA")));
}

TEST_P(InitiateAuthentication, when_ok_wrapped_in_response_choice_then_round_trip) {
  const Bytes ok_der = session.der("initiateAuthenticationOkEs9.der");
  auto ok = InitiateAuthenticationOkEs9View::decode(ok_der);
  ASSERT_TRUE(ok);
  const Bytes der = InitiateAuthenticationResponseView{*ok, {}}.encode();
  auto response = InitiateAuthenticationResponseView::decode(der);
  ASSERT_TRUE(response) << response.error().message();
  ASSERT_EQ(response->result.index(), 0u);
  // BF39 { A0 <contents of the SEQUENCE> }: the implicit [0] replaces the 30.
  Bytes retagged = ok_der;
  retagged[0] = 0xA0;
  EXPECT_EQ(hex_of(std::get<0>(response->result).raw), hex_of(retagged));
  EXPECT_EQ(to_hex(ByteView(der).first(2)), "bf39");
  testing::expect_strict(testing::codec_of<InitiateAuthenticationResponseView>(), der);
}

INSTANTIATE_TEST_SUITE_P(Asn1, InitiateAuthentication, ::testing::ValuesIn(testing::kSessions));

TEST(InitiateAuthenticationResponse, when_error_code_then_integer_alternative) {
  const Bytes der = InitiateAuthenticationResponse{std::uint64_t{3}, {}}.encode();
  EXPECT_EQ(to_hex(der), "bf3903810103");
  auto response = InitiateAuthenticationResponseView::decode(der);
  ASSERT_TRUE(response);
  EXPECT_EQ(std::get<1>(response->result), 3u);
  testing::expect_strict(testing::codec_of<InitiateAuthenticationResponseView>(), der);
}

TEST(InitiateAuthenticationResponse, when_unknown_alternative_then_rejected) {
  auto response = InitiateAuthenticationResponseView::decode(hex("bf3903820103"));
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, Errc::unknown_alternative);
}

TEST(ServerSigned1, when_built_then_decodes_to_same_fields) {
  ServerSigned1 built{hex("01"), Bytes(16, 0xAA), "smdp.example.com", Bytes(16, 0xBB), {}, {}};
  const Bytes der = built.encode();
  auto decoded = ServerSigned1View::decode(der);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(hex_of(decoded->transaction_id), "01");
  EXPECT_EQ(decoded->server_address, "smdp.example.com");
  testing::expect_strict(testing::codec_of<ServerSigned1View>(), der);
}

TEST(ServerSigned1, when_transaction_id_empty_or_over_16_then_size_constraint) {
  for (const Bytes& id : {Bytes{}, Bytes(17, 0x01)}) {
    ServerSigned1 built{id, Bytes(16, 0xAA), "a.example", Bytes(16, 0xBB), {}, {}};
    auto decoded = ServerSigned1View::decode(built.encode());
    ASSERT_FALSE(decoded) << id.size();
    EXPECT_EQ(decoded.error().code, Errc::size_constraint);
    EXPECT_EQ(decoded.error().context.rfind("ServerSigned1.transactionId", 0), 0u);
  }
  ServerSigned1 challenge15{hex("01"), Bytes(15, 0xAA), "a.example", Bytes(16, 0xBB), {}, {}};
  EXPECT_FALSE(ServerSigned1View::decode(challenge15.encode()));
}

}  // namespace
}  // namespace smdp::asn1
