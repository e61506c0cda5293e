// SPDX-License-Identifier: Apache-2.0
// The ES9+ ASN.1 binding's edge (es9_asn1/binding.h, SGP.22 §6.6): each request
// alternative decoded into core's request with the received bytes, the implicit [1] of
// CancelSessionRequestEs9 turned back into the eUICC's BF41, bodies that are not a
// RemoteProfileProvisioningRequest refused, and results rendered so that the response
// decodes as RemoteProfileProvisioningResponse carrying exactly those bytes.
#include "es9_asn1/binding.h"

#include <gtest/gtest.h>

#include "asn1/remote_provisioning.h"
#include "testdata_json.h"

namespace smdp::es9_asn1 {
namespace {

using smdp::testing::hex;

class Asn1Binding : public ::testing::TestWithParam<const char*> {
 protected:
  const smdp::testing::Session s{GetParam()};
  template <class R>
  R parsed(const Bytes& inner) {
    auto r = parse_request(asn1::wrap_remote_provisioning(inner));
    EXPECT_TRUE(r) << r.error().message();
    if (!r) return R{};
    EXPECT_TRUE(std::holds_alternative<R>(*r)) << r->index();
    return std::holds_alternative<R>(*r) ? std::get<R>(*r) : R{};
  }
};

TEST_P(Asn1Binding, when_requests_arrive_then_core_gets_their_fields_as_received) {
  const Bytes initiate = s.der("initiateAuthenticationRequest.der");
  const auto ia = parsed<core::InitiateAuthenticationRequest>(initiate);
  EXPECT_EQ(ia.euicc_challenge, s.value("euiccChallenge"));
  EXPECT_EQ(ia.smdp_address, s.text("serverAddress"));
  EXPECT_EQ(*ia.euicc_info1.der, s.der("euiccInfo1.der"));
  const auto ac = parsed<core::AuthenticateClientRequest>(s.der("authenticateClientRequest.der"));
  EXPECT_EQ(ac.transaction_id, s.value("transactionId"));
  EXPECT_EQ(*ac.authenticate_server_response.der, s.der("authenticateServerResponse.der"));
  const auto gb =
      parsed<core::GetBoundProfilePackageRequest>(s.der("getBoundProfilePackageRequest.der"));
  EXPECT_EQ(gb.transaction_id, s.value("transactionId"));
  EXPECT_EQ(*gb.prepare_download_response.der, s.der("prepareDownloadResponse.der"));
}

TEST_P(Asn1Binding, when_a_notification_arrives_then_core_gets_the_pending_notification) {
  const Bytes pir = s.der("profileInstallationResult.der");
  auto pending = asn1::PendingNotificationView::decode(pir);
  ASSERT_TRUE(pending);
  const auto n = parsed<core::HandleNotificationRequest>(
      asn1::HandleNotificationView{*pending, {}, {}}.encode());
  EXPECT_EQ(*n.pending_notification.der, pir);
}

INSTANTIATE_TEST_SUITE_P(Sessions, Asn1Binding, ::testing::ValuesIn(smdp::testing::kSessions));

// BF41 { 80 tid, A1 { A0 {...} } }: core keeps BF41 { A0 {...} }, the eUICC's message.
TEST(Asn1BindingCancel, when_cancel_session_arrives_then_its_response_is_the_euiccs_bf41) {
  const Bytes euicc_response = hex("bf4103810105");  // cancelSessionResponseError 5
  const Bytes request = hex("bf410980020102a103810105");
  auto r = parse_request(asn1::wrap_remote_provisioning(request));
  ASSERT_TRUE(r) << r.error().message();
  const auto& cancel = std::get<core::CancelSessionRequest>(*r);
  EXPECT_EQ(cancel.transaction_id, hex("0102"));
  EXPECT_EQ(*cancel.cancel_session_response.der, euicc_response);
  EXPECT_EQ(function_of(*r), Function::cancel_session);
}

TEST(Asn1BindingRefusals, when_the_body_is_not_a_request_envelope_then_an_error) {
  for (const Bytes& body : {Bytes{}, hex("7b7d"), hex("a200"), hex("a2053003020101"),
                            asn1::wrap_remote_provisioning(hex("bf3903810101")),  // a response
                            hex("a203bf3900ff")}) {
    SCOPED_TRACE(to_hex(body));
    EXPECT_FALSE(parse_request(body));
  }
}

TEST(Asn1BindingResponses, when_results_are_rendered_then_they_decode_with_the_same_bytes) {
  const smdp::testing::Session s{"session_nist"};
  const Bytes ok_der = s.der("initiateAuthenticationOkEs9.der");
  auto ok = asn1::InitiateAuthenticationOkEs9View::decode(ok_der);
  ASSERT_TRUE(ok);
  const core::InitiateAuthenticationResult ia{
      Bytes(ok->transaction_id.begin(), ok->transaction_id.end()),
      Bytes(ok->server_signed1.raw.begin(), ok->server_signed1.raw.end()),
      Bytes(ok->server_signature1_tlv.begin(), ok->server_signature1_tlv.end()),
      concat(hex("0414"), ok->euicc_ci_pkid_to_be_used),
      Bytes(ok->server_certificate.begin(), ok->server_certificate.end())};
  // The rendered Ok alternative is the fixture's InitiateAuthenticationOkEs9, re-tagged A0.
  const Bytes rendered = render_response(ia);
  auto decoded = asn1::RemoteProfileProvisioningResponseView::decode(rendered);
  ASSERT_TRUE(decoded) << decoded.error().message();
  const auto& got =
      std::get<0>(std::get<asn1::InitiateAuthenticationResponseView>(decoded->response).result);
  EXPECT_EQ(to_hex(got.raw).substr(2), to_hex(ok_der).substr(2));

  const core::GetBoundProfilePackageResult gb{s.value("transactionId"),
                                              s.der("boundProfilePackage_session.der")};
  const Bytes bpp_der = render_response(gb);  // the view below points into it
  auto bpp = asn1::RemoteProfileProvisioningResponseView::decode(bpp_der);
  ASSERT_TRUE(bpp) << bpp.error().message();
  const auto& gb_ok =
      std::get<0>(std::get<asn1::GetBoundProfilePackageResponseView>(bpp->response).result);
  EXPECT_EQ(Bytes(gb_ok.bound_profile_package.begin(), gb_ok.bound_profile_package.end()),
            gb.bound_profile_package);

  EXPECT_EQ(to_hex(render_cancel_session_ok()), "a205bf4102a000");
}

TEST(Asn1BindingResponses, when_a_refusal_is_rendered_then_the_functions_error_alternative) {
  EXPECT_EQ(to_hex(render_error(Function::initiate_authentication, 1)), "a206bf3903810101");
  EXPECT_EQ(to_hex(render_error(Function::authenticate_client, 127)), "a206bf3b0381017f");
  EXPECT_EQ(to_hex(render_error(Function::get_bound_profile_package, 95)), "a206bf3a0381015f");
  EXPECT_EQ(to_hex(render_error(Function::cancel_session, 2)), "a206bf4103810102");
}

}  // namespace
}  // namespace smdp::es9_asn1
