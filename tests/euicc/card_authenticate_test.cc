// SPDX-License-Identifier: Apache-2.0
// The software eUICC's GetEUICCInfo and AuthenticateServer (SGP.22 §5.7.8, §5.7.13):
// every AuthenticateErrorCode the card must return, against the SGP.26 test PKI.
#include <gtest/gtest.h>

#include "asn1/euicc_info.h"
#include "card_fixture.h"
#include "pki/issuer.h"
#include "pki/test_pki.h"

namespace smdp::euicc::test {
namespace {

class CardAuth : public ::testing::TestWithParam<std::string> {
 protected:
  Sgp26 pki{GetParam()};
  ReplayRng rng;
  Card card{pki.config(), rng};

  // Sends a request built from `p` (challenge drawn now unless given) and returns the
  // AuthenticateErrorCode, or -1 on success.
  std::int64_t attempt(AuthParams p, const pki::Credential& dp, ByteView ski,
                       std::string_view address = kAddress, std::chrono::sys_seconds now = kNow) {
    if (p.euicc_challenge.empty()) p.euicc_challenge = card.get_euicc_challenge();
    auto r = card.authenticate_server(authenticate_server_request(p, dp, ski), address, now);
    EXPECT_TRUE(r) << r.error().message();
    return r ? auth_error(*r) : -2;
  }
  ByteView ski() const { return *pki.ci.subject_key_identifier(); }
};

TEST_P(CardAuth, when_info_requested_then_both_decode_and_name_the_ci) {
  const Bytes info1_der = card.get_euicc_info1();
  auto info1 = asn1::EUICCInfo1View::decode(info1_der);
  ASSERT_TRUE(info1) << info1.error().message();
  EXPECT_EQ(Bytes(info1->svn.begin(), info1->svn.end()), hex("020300"));
  ASSERT_EQ(info1->euicc_ci_pkid_list_for_verification.size(), 1u);
  EXPECT_TRUE(std::ranges::equal(info1->euicc_ci_pkid_list_for_verification[0], ski()));
  ASSERT_EQ(info1->euicc_ci_pkid_list_for_signing.size(), 1u);
  EXPECT_TRUE(std::ranges::equal(info1->euicc_ci_pkid_list_for_signing[0], ski()));

  const Bytes info2_der = card.get_euicc_info2();
  auto info2 = asn1::EUICCInfo2View::decode(info2_der);
  ASSERT_TRUE(info2) << info2.error().message();
  EXPECT_EQ(Bytes(info2->profile_version.begin(), info2->profile_version.end()), hex("020301"));
  EXPECT_EQ(Bytes(info2->svn.begin(), info2->svn.end()), hex("020300"));
  // 81 installed applications = 0, 82 free NVM = 2'000'000, 83 free volatile memory.
  EXPECT_EQ(to_hex(info2->ext_card_resource).substr(0, 18), "8101008204001e8480");
  EXPECT_TRUE(asn1::has_bit(info2->rsp_capability, 0));
  ASSERT_EQ(info2->euicc_ci_pkid_list_for_verification.size(), 1u);
  EXPECT_TRUE(std::ranges::equal(info2->euicc_ci_pkid_list_for_verification[0], ski()));
}

TEST_P(CardAuth, when_server_authentic_then_signed1_verifies_with_euicc_certificate) {
  AuthParams p;
  p.euicc_challenge = card.get_euicc_challenge();
  // The LPA's address may differ in case from serverAddress (FQDNs are case-insensitive).
  auto r = card.authenticate_server(authenticate_server_request(p, pki.dpauth, ski()),
                                    "TestSMDPplus1.example.COM", kNow);
  ASSERT_TRUE(r) << r.error().message();
  const auto ok = auth_ok(*r);
  EXPECT_TRUE(pki.euicc.public_key().verify(ok.euicc_signed1.raw, ok.euicc_signature1));
  EXPECT_TRUE(std::ranges::equal(ok.euicc_signed1.transaction_id, p.transaction_id));
  EXPECT_EQ(ok.euicc_signed1.server_address, kAddress);
  EXPECT_TRUE(std::ranges::equal(ok.euicc_signed1.server_challenge, p.server_challenge));
  EXPECT_EQ(ok.euicc_signed1.euicc_info2.encode(), card.get_euicc_info2());
  EXPECT_EQ(ok.euicc_signed1.ctx_params1.encode(), ctx_params1().encode());
  EXPECT_TRUE(std::ranges::equal(ok.euicc_certificate, pki.euicc.der()));
  EXPECT_TRUE(std::ranges::equal(ok.eum_certificate, pki.config().eum_certificate));
}

TEST_P(CardAuth, when_ci_not_held_then_ci_pk_unknown) {
  Bytes other = Bytes(ski().begin(), ski().end());
  other[0] ^= 0xFF;
  EXPECT_EQ(attempt({}, pki.dpauth, other), 7);
}

TEST_P(CardAuth, when_dpauth_from_another_ci_then_invalid_certificate) {
  pki::TestPkiParams params{.now = kNow};
  auto other = pki::create_test_pki(pki.ci.curve(), {}, params, rng);
  ASSERT_TRUE(other) << other.error().message();
  EXPECT_EQ(attempt({}, other->dpauth, ski()), 1);
}

TEST_P(CardAuth, when_server_signed1_tampered_then_invalid_signature) {
  AuthParams p;
  p.tamper_after_signing = true;
  EXPECT_EQ(attempt(p, pki.dpauth, ski()), 2);
}

TEST_P(CardAuth, when_challenge_differs_then_euicc_challenge_mismatch) {
  Bytes wrong = card.get_euicc_challenge();
  wrong[15] ^= 1;
  AuthParams p;
  p.euicc_challenge = wrong;
  EXPECT_EQ(attempt(p, pki.dpauth, ski()), 6);
}

TEST_P(CardAuth, when_no_challenge_outstanding_then_no_session_context) {
  // The challenge is spent by the first attempt; replaying the request is refused.
  AuthParams p;
  p.euicc_challenge = card.get_euicc_challenge();
  const Bytes req = authenticate_server_request(p, pki.dpauth, ski());
  ASSERT_EQ(auth_error(*card.authenticate_server(req, kAddress, kNow)), -1);
  EXPECT_EQ(auth_error(*card.authenticate_server(req, kAddress, kNow)), 4);
}

TEST_P(CardAuth, when_server_address_differs_then_undefined_error) {
  EXPECT_EQ(attempt({}, pki.dpauth, ski(), "other.example.com"), 127);
}

TEST_P(CardAuth, when_dpauth_expired_or_not_yet_valid_then_invalid_certificate) {
  const auto after = pki.dpauth.cert.not_after() + 1s;
  EXPECT_EQ(attempt({}, pki.dpauth, ski(), kAddress, after), 1);
  const auto before = pki.dpauth.cert.not_before() - 1s;
  EXPECT_EQ(attempt({}, pki.dpauth, ski(), kAddress, before), 1);
  EXPECT_EQ(attempt({}, pki.dpauth, ski(), kAddress, pki.dpauth.cert.not_after()), -1);
}

TEST_P(CardAuth, when_certificate_of_another_role_then_invalid_oid) {
  // CERT.DPpb: right CI, right key usage, but the policy of DPpb, not DPauth.
  EXPECT_EQ(attempt({}, pki.dppb, ski()), 5);
}

TEST_P(CardAuth, when_dpauth_has_no_smdp_oid_then_invalid_oid) {
  pki::TestPkiParams params{.now = kNow};
  pki::CertificateTemplate t = pki::test_template(pki::Role::dp_auth, params);
  t.registered_id.clear();
  const pki::Credential ci = pki.ci_credential();
  auto cert = pki::issue_certificate(t, pki.dpauth.key.public_key(), &ci.cert, ci.key, rng);
  ASSERT_TRUE(cert) << cert.error().message();
  EXPECT_EQ(attempt({}, pki::Credential{*cert, pki.dpauth.key}, ski()), 5);
}

TEST_P(CardAuth, when_request_not_der_then_result_error) {
  (void)card.get_euicc_challenge();
  EXPECT_FALSE(card.authenticate_server(hex("bf380100"), kAddress, kNow));
  EXPECT_FALSE(card.authenticate_server(hex("300100"), kAddress, kNow));
}

TEST(CardConfigTest, when_eid_not_32_digits_then_construction_throws) {
  Sgp26 pki("NIST");
  CardConfig c = pki.config();
  c.eid = "8904903212345123451234567890123X";
  EXPECT_THROW(Card(c, crypto::system_rng()), std::invalid_argument);
}

INSTANTIATE_TEST_SUITE_P(Curves, CardAuth, ::testing::Values("NIST", "BRP"));

}  // namespace
}  // namespace smdp::euicc::test
