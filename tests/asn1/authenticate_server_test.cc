// SPDX-License-Identifier: Apache-2.0
#include "asn1/authenticate_server.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "session.h"
#include "strictness.h"

namespace smdp::asn1 {
namespace {
using smdp::testing::hex;
using testing::hex_of;

class AuthenticateServer : public ::testing::TestWithParam<const char*> {
 protected:
  testing::Session session{GetParam()};
};

TEST_P(AuthenticateServer, when_request_decoded_then_spans_match_the_es9_response) {
  const Bytes der = session.der("authenticateServerRequest.der");
  auto request = AuthenticateServerRequestView::decode(der);
  ASSERT_TRUE(request) << request.error().message();
  EXPECT_EQ(hex_of(request->server_signed1.raw), hex_of(session.der("serverSigned1.der")));
  EXPECT_EQ(hex_of(request->server_signature1_tlv), hex_of(session.der("serverSignature1.der")));
  EXPECT_EQ(hex_of(request->server_certificate),
            hex_of(session.certificate("DPauth/CERT_S_SM_DPauth_ECDSA")));
  EXPECT_EQ(request->euicc_ci_pkid_to_be_used.size(), 20u);
}

TEST_P(AuthenticateServer, when_response_decoded_then_euicc_signed1_matches_session) {
  const Bytes der = session.der("authenticateServerResponse.der");
  auto response = AuthenticateServerResponseView::decode(der);
  ASSERT_TRUE(response) << response.error().message();
  ASSERT_EQ(response->result.index(), 0u);
  const auto& ok = std::get<0>(response->result);
  const auto& signed1 = ok.euicc_signed1;
  EXPECT_EQ(hex_of(signed1.transaction_id), session.text("transactionId"));
  EXPECT_EQ(signed1.server_address, session.text("serverAddress"));
  EXPECT_EQ(hex_of(signed1.server_challenge), session.text("serverChallenge"));
  EXPECT_EQ(*signed1.ctx_params1.ctx_params_for_common_authentication.matching_id,
            session.text("matchingId"));
  // euiccSigned1 is the first element inside BF38 { A0 { ... } }; the signature follows.
  EXPECT_EQ(signed1.raw.data(), der.data() + 9);
  EXPECT_EQ(signed1.raw.data() + signed1.raw.size(), ok.euicc_signature1_tlv.data());
  EXPECT_EQ(hex_of(ok.euicc_signature1_tlv.first(3)), "5f3740");
  EXPECT_EQ(hex_of(ok.euicc_signature1), hex_of(ok.euicc_signature1_tlv.subspan(3)));
  EXPECT_EQ(hex_of(ok.euicc_certificate), hex_of(session.certificate("eUICC/CERT_EUICC_ECDSA")));
  EXPECT_EQ(hex_of(ok.eum_certificate), hex_of(session.certificate("EUM/CERT_EUM_ECDSA")));
  const std::string eid = session.text("eid");
  EXPECT_NE(std::ranges::search(ok.euicc_certificate, as_bytes(eid)).begin(),
            ok.euicc_certificate.end())
      << "EID in the eUICC certificate subject";
}

TEST_P(AuthenticateServer, when_signed_and_ok_parts_decoded_alone_then_strict) {
  const Bytes der = session.der("authenticateServerResponse.der");
  auto response = AuthenticateServerResponseView::decode(der);
  ASSERT_TRUE(response);
  const auto& ok = std::get<0>(response->result);
  testing::expect_strict(testing::codec_of<EuiccSigned1View>(),
                         testing::bytes_of(ok.euicc_signed1.raw));
  // Standalone, the Ok alternative is a SEQUENCE; inside the CHOICE it is retagged A0.
  EXPECT_EQ(ok.raw[0], 0xA0);
  Bytes standalone = testing::bytes_of(ok.raw);
  standalone[0] = 0x30;
  testing::expect_strict(testing::codec_of<AuthenticateResponseOkView>(), standalone);
}

TEST_P(AuthenticateServer, when_nested_field_invalid_then_error_names_the_path) {
  const Bytes der = session.der("authenticateServerResponse.der");
  auto response = AuthenticateServerResponseView::decode(der);
  ASSERT_TRUE(response);
  AuthenticateServerResponseView broken = *response;
  const Bytes short_svn = hex("0203");
  std::get<0>(broken.result).euicc_signed1.euicc_info2.svn = short_svn;
  const Bytes encoded = broken.encode();
  auto decoded = AuthenticateServerResponseView::decode(encoded);
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().code, Errc::size_constraint);
  EXPECT_EQ(decoded.error().context,
            "AuthenticateServerResponse.AuthenticateResponseOk.EuiccSigned1.EUICCInfo2.svn");
}

INSTANTIATE_TEST_SUITE_P(Asn1, AuthenticateServer, ::testing::ValuesIn(testing::kSessions));

TEST(AuthenticateServerResponse, when_error_alternative_then_round_trip) {
  AuthenticateServerResponse response{AuthenticateResponseError{hex("0102"), 6, {}, {}}, {}};
  const Bytes der = response.encode();
  EXPECT_EQ(to_hex(der),
            "bf3809a1078002010202010"
            "6");
  auto decoded = AuthenticateServerResponseView::decode(der);
  ASSERT_TRUE(decoded) << decoded.error().message();
  const auto& error = std::get<1>(decoded->result);
  EXPECT_EQ(hex_of(error.transaction_id), "0102");
  EXPECT_EQ(error.authenticate_error_code, 6u);
  testing::expect_strict(testing::codec_of<AuthenticateServerResponseView>(), der);
}

TEST(AuthenticateServerResponse, when_alternative_unknown_or_doubled_then_rejected) {
  auto unknown = AuthenticateServerResponseView::decode(hex("bf3802a200"));
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, Errc::unknown_alternative);
  auto doubled =
      AuthenticateServerResponseView::decode(hex("bf3810a106800101020106"
                                                 "a106800101020106"));
  ASSERT_FALSE(doubled);
  EXPECT_EQ(doubled.error().code, der::Errc::trailing_bytes);
}

}  // namespace
}  // namespace smdp::asn1
