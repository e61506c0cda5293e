// SPDX-License-Identifier: Apache-2.0
// ES9+.InitiateAuthentication in process (SGP.22 §5.6.1; §3.0.1 steps 6-10): the SM-DP+
// address, the SVN, the choice of CI from euiccInfo1's lists (8.8.1/3.8, 8.8.3/3.1,
// 8.8.2/3.1, 8.8.4/3.7), the signed serverSigned1 and the session it opens, and a store
// fault (1.2/4.2, §5.1.6.5).
#include "asn1/initiate_authentication.h"

#include "asn1/euicc_info.h"
#include "der/writer.h"
#include "rsp_fixture.h"

namespace smdp::core::testing {
namespace {

class InitiateAuthentication : public RspTest {
 protected:
  // A request whose euiccInfo1 (SVN 2.3.0) lists these SKIs.
  InitiateAuthenticationRequest with_ci_lists(TestCard& c, std::vector<Bytes> for_verification,
                                              std::vector<Bytes> for_signing) {
    auto request = initiate_request(c);
    asn1::EUICCInfo1 info1;
    info1.svn = Bytes{2, 3, 0};
    info1.euicc_ci_pkid_list_for_verification = std::move(for_verification);
    info1.euicc_ci_pkid_list_for_signing = std::move(for_signing);
    request.euicc_info1 = field<asn1::EUICCInfo1View>(info1.encode());
    return request;
  }
  static Bytes ski(Curve c) { return *test_pki(c).ci.cert.subject_key_identifier(); }
  static Bytes other_ski() {
    auto ci = pki::issue_ci(crypto::Curve::nist_p256, test_pki_params(), crypto::system_rng());
    if (!ci) throw std::runtime_error("issue_ci");
    return *ci->cert.subject_key_identifier();
  }
};

TEST_F(InitiateAuthentication, when_euicc_initiates_on_either_curve_then_a_signed_session_opens) {
  for (Curve curve : kCurves) {
    SCOPED_TRACE(curve_name(curve));
    auto c = card(curve);
    const auto request = initiate_request(c);
    auto r = server_->initiate_authentication(request);
    ASSERT_TRUE(r) << code(r) << " " << r.error().message;
    const auto& p = test_pki(curve);
    EXPECT_EQ(r->transaction_id.size(), 16u);
    EXPECT_EQ(r->server_certificate, p.dpauth.cert.der());
    EXPECT_EQ(r->euicc_ci_pkid_to_be_used, der::tlv(0x04, ski(curve)));
    ASSERT_EQ(r->server_signature1.size(), 3u + 64u);
    EXPECT_TRUE(p.dpauth.cert.public_key().verify(r->server_signed1,
                                                  ByteView(r->server_signature1).subspan(3)));
    auto signed1 = asn1::ServerSigned1View::decode(r->server_signed1);
    ASSERT_TRUE(signed1);
    EXPECT_EQ(Bytes(signed1->euicc_challenge.begin(), signed1->euicc_challenge.end()),
              request.euicc_challenge);
    EXPECT_EQ(signed1->server_address, kAddress);

    const auto s = session(r->transaction_id);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->state, SessionState::initiated);
    EXPECT_EQ(s->expires_at, clock_.now() + std::chrono::seconds{600});
    EXPECT_EQ(s->ci_pkid, ski(curve));
    EXPECT_EQ(Bytes(signed1->server_challenge.begin(), signed1->server_challenge.end()),
              s->server_challenge);
  }
}

TEST_F(InitiateAuthentication, when_smdp_address_differs_only_in_case_then_it_is_accepted) {
  auto c = card();
  auto r = initiate(c, [](auto& req) { req.smdp_address = "TestSMDPplus1.EXAMPLE.com"; });
  EXPECT_TRUE(r) << code(r);
}

TEST_F(InitiateAuthentication, when_smdp_address_is_not_ours_then_8_8_1_3_8) {
  auto c = card();
  auto r = initiate(c, [](auto& req) { req.smdp_address = "other-smdp.example.com"; });
  EXPECT_EQ(code(r), "8.8.1/3.8");
  EXPECT_EQ(store_->calls("create_session"), 0);
}

TEST_F(InitiateAuthentication, when_svn_major_is_not_2_then_8_8_3_3_1) {
  auto c = card();
  auto r = initiate(c, [](InitiateAuthenticationRequest& req) {
    const std::size_t at = offset_in(*req.euicc_info1.der, req.euicc_info1.view.svn);
    rewrite(req.euicc_info1, [&](Bytes& der) { der[at] = 3; });
  });
  EXPECT_EQ(code(r), "8.8.3/3.1");
  EXPECT_EQ(store_->calls("create_session"), 0);
}

TEST_F(InitiateAuthentication, when_euicc_trusts_only_an_unknown_ci_then_8_8_2_3_1) {
  auto other_ci = pki::issue_ci(crypto::Curve::nist_p256, test_pki_params(), crypto::system_rng());
  ASSERT_TRUE(other_ci);
  auto c = card(Curve::nist, kEidA, [&](euicc::CardConfig& config) {
    config.ci_certificates = {other_ci->cert.der()};
  });
  EXPECT_EQ(code(initiate(c)), "8.8.2/3.1");
  EXPECT_EQ(store_->calls("create_session"), 0);
}

TEST_F(InitiateAuthentication, when_no_dpauth_chains_to_a_ci_the_euicc_verifies_then_8_8_4_3_7) {
  auto c = card();
  // It signs under our NIST CI but can verify only a CI we hold nothing for.
  auto r = server_->initiate_authentication(with_ci_lists(c, {other_ski()}, {ski(Curve::nist)}));
  EXPECT_EQ(code(r), "8.8.4/3.7");
  // A CI it verifies but does not sign under is not chosen either.
  r = server_->initiate_authentication(with_ci_lists(c, {ski(Curve::brp)}, {ski(Curve::nist)}));
  EXPECT_EQ(code(r), "8.8.4/3.7");
  EXPECT_EQ(store_->calls("create_session"), 0);
}

TEST_F(InitiateAuthentication, when_euicc_lists_several_cis_then_its_first_usable_one_is_chosen) {
  auto c = card();
  auto r = server_->initiate_authentication(with_ci_lists(
      c, {other_ski(), ski(Curve::brp), ski(Curve::nist)}, {ski(Curve::nist), ski(Curve::brp)}));
  ASSERT_TRUE(r) << code(r);
  EXPECT_EQ(r->server_certificate, test_pki(Curve::brp).dpauth.cert.der());
  EXPECT_EQ(session(r->transaction_id)->ci_pkid, ski(Curve::brp));
}

TEST_F(InitiateAuthentication, when_the_store_fails_to_create_the_session_then_1_2_4_2) {
  auto c = card();
  store_->fail("create_session", StoreErrc::unavailable);
  EXPECT_EQ(code(initiate(c)), "1.2/4.2");
  EXPECT_EQ(store_->failures(), 1);
  EXPECT_TRUE(initiate(c));  // the LPA's retry opens a session
}

TEST_F(InitiateAuthentication, when_the_transaction_id_collides_then_1_2_4_2) {
  auto c = card();
  store_->fail("create_session", StoreErrc::conflict);
  EXPECT_EQ(code(initiate(c)), "1.2/4.2");
  EXPECT_TRUE(initiate(c));  // a retry draws another transactionId
}

}  // namespace
}  // namespace smdp::core::testing
