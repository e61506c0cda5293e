// SPDX-License-Identifier: Apache-2.0
#include "pki/issuer.h"

#include <openssl/x509v3.h>

#include "fixed_rng.h"
#include "pki/eid.h"
#include "pki/euicc_chain.h"
#include "pki/test_pki.h"
#include "pki_fixtures.h"

namespace smdp::pki {
namespace {
using namespace smdp::pki::testing;
using crypto::Curve;

const TimePoint kNow = at(2026, 11, 26);

TestPkiParams params() {
  TestPkiParams p;
  p.now = kNow;
  return p;
}

// Extensions in order, by OpenSSL short name, with their criticality.
std::vector<std::pair<std::string, bool>> extension_profile(const Certificate& c) {
  std::vector<std::pair<std::string, bool>> out;
  for (int i = 0; i < X509_get_ext_count(c.x509()); ++i) {
    X509_EXTENSION* e = X509_get_ext(c.x509(), i);
    out.emplace_back(OBJ_nid2sn(OBJ_obj2nid(X509_EXTENSION_get_object(e))),
                     X509_EXTENSION_get_critical(e) == 1);
  }
  return out;
}

TestPki make_pki(Curve curve, const std::vector<std::string>& eids) {
  auto pki = create_test_pki(curve, eids, params(), crypto::system_rng());
  if (!pki) throw std::runtime_error(pki.error().message());
  return std::move(*pki);
}

CiSet cis_of(const Certificate& ci) {
  CiSet cis;
  if (auto r = cis.add(ci); !r) throw std::runtime_error(r.error().message());
  return cis;
}

TEST(Issuer, when_test_pki_created_for_each_curve_then_chain_and_credentials_verify) {
  const std::vector<std::string> eids = {std::string(kSgp26Eid),
                                         "89049032000000000000000000000066"};
  for (Curve curve : {Curve::nist_p256, Curve::brainpool_p256r1}) {
    TestPki pki = make_pki(curve, eids);
    EXPECT_EQ(pki.ci.cert.curve(), curve);
    const CiSet cis = cis_of(pki.ci.cert);
    for (std::size_t i = 0; i < eids.size(); ++i) {
      auto r = verify_euicc_chain(cis, pki.eum.cert.der(), pki.euiccs[i].cert.der(),
                                  {.now = kNow,
                                   .selected_ci_ski = pki.ci.cert.subject_key_identifier(),
                                   .expected_eid = eids[i]});
      ASSERT_TRUE(r) << r.error().message();
      EXPECT_EQ(r->eid, eids[i]);
      EXPECT_TRUE(pki.euiccs[i].key_matches());
    }
    CertificateSet set(cis);
    auto added = set.add(pki.dpauth, pki.dppb, pki.tls, kNow);
    ASSERT_TRUE(added) << added.error().message();
    EXPECT_NE(set.dppb_for(*pki.ci.cert.subject_key_identifier()), nullptr);
  }
}

TEST(Issuer, when_test_pki_created_then_extensions_mirror_the_sgp26_certificates) {
  TestPki pki = make_pki(Curve::nist_p256, {std::string(kSgp26Eid)});
  const std::pair<const Certificate*, std::string> pairs[] = {
      {&pki.ci.cert, ci_path("NIST")},
      {&pki.eum.cert, eum_path("NIST")},
      {&pki.euiccs[0].cert, euicc_path("NIST")},
      {&pki.dpauth.cert, certs("DPauth/CERT_S_SM_DPauth_ECDSA_NIST.der")},
      {&pki.dppb.cert, certs("DPpb/CERT_S_SM_DPpb_ECDSA_NIST.der")},
      {&pki.tls.cert, certs("DPtls/CERT_S_SM_DP_VARO_TLS_NIST.der")},
  };
  for (const auto& [generated, sgp26] : pairs) {
    EXPECT_EQ(extension_profile(*generated), extension_profile(load(sgp26))) << sgp26;
    EXPECT_EQ(generated->policy_oids(), load(sgp26).policy_oids()) << sgp26;
    EXPECT_EQ(generated->key_usage(), load(sgp26).key_usage()) << sgp26;
    EXPECT_EQ(X509_get_version(generated->x509()), X509_VERSION_3);
    EXPECT_EQ(X509_get_signature_nid(generated->x509()), NID_ecdsa_with_SHA256);
  }
}

TEST(Issuer, when_test_pki_created_then_role_specific_values_are_set) {
  TestPki pki = make_pki(Curve::brainpool_p256r1, {std::string(kSgp26Eid)});
  EXPECT_TRUE(pki.ci.cert.is_ca());
  EXPECT_EQ(pki.ci.cert.subject(), pki.ci.cert.issuer());
  EXPECT_EQ(pki.ci.cert.authority_key_identifier(), std::nullopt);
  EXPECT_TRUE(pki.eum.cert.is_ca());
  EXPECT_EQ(X509_get_pathlen(pki.eum.cert.x509()), 0);
  EXPECT_EQ(pki.eum.cert.permitted_eid_prefixes(), std::vector<std::string>{"89049032"});
  EXPECT_EQ(pki.eum.cert.authority_key_identifier(), pki.ci.cert.subject_key_identifier());
  EXPECT_EQ(pki.euiccs[0].cert.eid(), std::string(kSgp26Eid));
  EXPECT_FALSE(pki.euiccs[0].cert.is_ca());
  using namespace std::chrono;
  EXPECT_EQ(pki.euiccs[0].cert.not_after(),
            sys_days{year{9999} / December / 31} + 23h + 59min + 59s);
  EXPECT_EQ(pki.ci.cert.not_before(), kNow - days{1});
  EXPECT_EQ(X509_check_host(pki.tls.cert.x509(), "testsmdpplus1.example.com", 0, 0, nullptr), 1);
  EXPECT_EQ(X509_check_host(pki.tls.cert.x509(), "other.example.com", 0, 0, nullptr), 0);
  EXPECT_EQ(X509_get_extended_key_usage(pki.tls.cert.x509()),
            static_cast<std::uint32_t>(XKU_SSL_SERVER | XKU_SSL_CLIENT));
  // Serial numbers: positive, 16 octets, different.
  const ASN1_INTEGER* a = X509_get0_serialNumber(pki.dpauth.cert.x509());
  const ASN1_INTEGER* b = X509_get0_serialNumber(pki.dppb.cert.x509());
  EXPECT_EQ(ASN1_STRING_length(a), 16);
  EXPECT_EQ(ASN1_STRING_type(a), V_ASN1_INTEGER);
  EXPECT_NE(ASN1_INTEGER_cmp(a, b), 0);
}

TEST(Issuer, when_eum_and_euicc_issued_under_the_sgp26_ci_then_the_sgp26_chain_check_accepts_them) {
  for (const char* curve : kCurves) {
    auto ci_key = crypto::EcPrivateKey::from_pem_file(
        certs(std::string("CertificateIssuer/SK_CI_ECDSA_") + curve + ".pem"));
    ASSERT_TRUE(ci_key);
    const Credential ci{load(ci_path(curve)), *ci_key};
    ASSERT_TRUE(ci.key_matches());
    TestPkiParams p = params();
    p.eid_prefix = "8904903200001";
    auto eum = issue_eum(ci, p, crypto::system_rng());
    ASSERT_TRUE(eum) << eum.error().message();
    const std::string eid = *make_eid(p.eid_prefix, "99999999999999999999");
    auto euicc = issue_euicc(*eum, eid, p, crypto::system_rng());
    ASSERT_TRUE(euicc) << euicc.error().message();
    auto r = verify_euicc_chain(sgp26_cis(), eum->cert.der(), euicc->cert.der(),
                                {.now = kNow, .selected_ci_ski = ci.cert.subject_key_identifier()});
    ASSERT_TRUE(r) << curve << ": " << r.error().message();
    EXPECT_EQ(r->eid, eid);
    // And an SM-DP+ credential group under the same CI.
    auto dpauth = issue_dp(Role::dp_auth, ci, p, crypto::system_rng());
    auto dppb = issue_dp(Role::dp_pb, ci, p, crypto::system_rng());
    ASSERT_TRUE(dpauth && dppb);
    CertificateSet set(sgp26_cis());
    EXPECT_TRUE(set.add(*dpauth, *dppb, std::nullopt, kNow));
  }
}

TEST(Issuer, when_eid_outside_the_issued_eum_range_then_refused) {
  TestPki pki = make_pki(Curve::nist_p256, {});
  TestPkiParams p = params();
  auto outsider = issue_euicc(pki.eum, "89049033123451234512345678901234", p, crypto::system_rng());
  ASSERT_TRUE(outsider);
  auto r = verify_euicc_chain(cis_of(pki.ci.cert), pki.eum.cert.der(), outsider->cert.der(),
                              {.now = kNow});
  EXPECT_EQ(r.error().code, ChainErrc::eid_outside_eum_range);
}

TEST(Issuer, when_certificates_chain_to_the_other_curves_ci_then_refused) {
  TestPki nist = make_pki(Curve::nist_p256, {std::string(kSgp26Eid)});
  TestPki brp = make_pki(Curve::brainpool_p256r1, {std::string(kSgp26Eid)});
  CiSet both = cis_of(nist.ci.cert);
  ASSERT_TRUE(both.add(brp.ci.cert));
  auto& rng = crypto::system_rng();
  const TestPkiParams p = params();

  // A brainpool EUM key signed by the NIST CI.
  auto brp_key = crypto::EcPrivateKey::generate(Curve::brainpool_p256r1, rng);
  auto eum = issue_certificate(test_template(Role::eum, p), brp_key->public_key(), &nist.ci.cert,
                               nist.ci.key, rng);
  ASSERT_TRUE(eum) << eum.error().message();
  const Credential mixed_eum{*eum, *brp_key};
  auto euicc = issue_euicc(mixed_eum, kSgp26Eid, p, rng);
  ASSERT_TRUE(euicc);
  auto r = verify_euicc_chain(both, eum->der(), euicc->cert.der(), {.now = kNow});
  EXPECT_EQ(r.error().code, ChainErrc::eum_wrong_curve);

  // A brainpool eUICC key under the NIST EUM.
  auto euicc_key = crypto::EcPrivateKey::generate(Curve::brainpool_p256r1, rng);
  auto mixed_euicc = issue_certificate(test_template(Role::euicc, p, kSgp26Eid),
                                       euicc_key->public_key(), &nist.eum.cert, nist.eum.key, rng);
  ASSERT_TRUE(mixed_euicc);
  r = verify_euicc_chain(both, nist.eum.cert.der(), mixed_euicc->der(), {.now = kNow});
  EXPECT_EQ(r.error().code, ChainErrc::euicc_wrong_curve);

  // A NIST chain when the BRP CI was selected.
  r = verify_euicc_chain(both, nist.eum.cert.der(), nist.euiccs[0].cert.der(),
                         {.now = kNow, .selected_ci_ski = brp.ci.cert.subject_key_identifier()});
  EXPECT_EQ(r.error().code, ChainErrc::ci_unknown);

  // A NIST DPauth key signed by the BRP CI.
  auto nist_key = crypto::EcPrivateKey::generate(Curve::nist_p256, rng);
  auto dpauth = issue_certificate(test_template(Role::dp_auth, p), nist_key->public_key(),
                                  &brp.ci.cert, brp.ci.key, rng);
  ASSERT_TRUE(dpauth);
  CertificateSet set(both);
  auto added = set.add(Credential{*dpauth, *nist_key}, brp.dppb, std::nullopt, kNow);
  EXPECT_EQ(added.error().code, Errc::wrong_curve);
}

TEST(Issuer, when_template_does_not_fit_then_invalid_argument) {
  TestPki pki = make_pki(Curve::nist_p256, {});
  auto& rng = crypto::system_rng();
  const TestPkiParams p = params();
  auto key = crypto::EcPrivateKey::generate(Curve::nist_p256, rng);
  auto code = [](const Result<Certificate>& r) { return r ? std::error_code{} : r.error().code; };
  // eUICC signed with a key that is not the EUM's.
  EXPECT_EQ(code(issue_certificate(test_template(Role::euicc, p, kSgp26Eid), key->public_key(),
                                   &pki.eum.cert, pki.ci.key, rng)),
            Errc::invalid_argument);
  // EID not 32 digits.
  EXPECT_EQ(code(issue_certificate(test_template(Role::euicc, p, "8904"), key->public_key(),
                                   &pki.eum.cert, pki.eum.key, rng)),
            Errc::invalid_argument);
  // A CI with an issuer; an EUM without one.
  EXPECT_EQ(code(issue_certificate(test_template(Role::ci, p), key->public_key(), &pki.ci.cert,
                                   pki.ci.key, rng)),
            Errc::invalid_argument);
  EXPECT_EQ(
      code(issue_certificate(test_template(Role::eum, p), key->public_key(), nullptr, *key, rng)),
      Errc::invalid_argument);
  // EID prefix not digits.
  TestPkiParams bad = p;
  bad.eid_prefix = "8904x";
  EXPECT_EQ(code(issue_certificate(test_template(Role::eum, bad), key->public_key(), &pki.ci.cert,
                                   pki.ci.key, rng)),
            Errc::invalid_argument);
  // EIDs given to create_test_pki outside the prefix.
  auto outside = create_test_pki(
      Curve::nist_p256, std::vector<std::string>{"89049033123451234512345678901234"}, p, rng);
  EXPECT_EQ(outside.error().code, Errc::invalid_argument);
}

TEST(Issuer, when_rng_replayed_then_same_keys_and_serials) {
  auto issue = [] {
    smdp::testing::FixedRng rng(
        smdp::testing::hex("7c2385f3f913a6c6963f635ff564b09d28206034e868791e17e2ec8d7f226e64"
                           "0123456789abcdef0123456789abcdef"));
    auto ci = issue_ci(Curve::nist_p256, params(), rng);
    if (!ci) throw std::runtime_error(ci.error().message());
    return std::move(*ci);
  };
  Credential a = issue();
  Credential b = issue();
  EXPECT_EQ(a.key.public_key().point(), b.key.public_key().point());
  EXPECT_EQ(ASN1_INTEGER_cmp(X509_get0_serialNumber(a.cert.x509()),
                             X509_get0_serialNumber(b.cert.x509())),
            0);
}

}  // namespace
}  // namespace smdp::pki
