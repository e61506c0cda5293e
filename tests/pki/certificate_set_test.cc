// SPDX-License-Identifier: Apache-2.0
#include "pki/certificate_set.h"

#include "pki_fixtures.h"

namespace smdp::pki {
namespace {
using namespace smdp::pki::testing;
using smdp::testing::hex;

CredentialPaths sgp26_credentials(const std::string& curve) {
  return {.dpauth_cert = certs("DPauth/CERT_S_SM_DPauth_ECDSA_" + curve + ".der"),
          .dpauth_key = certs("DPauth/SK_S_SM_DPauth_ECDSA_" + curve + ".pem"),
          .dppb_cert = certs("DPpb/CERT_S_SM_DPpb_ECDSA_" + curve + ".der"),
          .dppb_key = certs("DPpb/SK_S_SM_DPpb_ECDSA_" + curve + ".pem"),
          .tls_cert = certs("DPtls/CERT_S_SM_DP_VARO_TLS_" + curve + ".der"),
          .tls_key = certs("DPtls/SK_S_SM_DP_TLS_" + curve + ".pem")};
}

CertificateSetConfig sgp26_config() {
  return {.ci_certs = {ci_path("NIST"), ci_path("BRP")},
          .credentials = {sgp26_credentials("NIST"), sgp26_credentials("BRP")}};
}

std::error_code code_of(const Result<CertificateSet>& r) {
  return r ? std::error_code{} : r.error().code;
}

TEST(CertificateSet, when_sgp26_credentials_of_both_curves_then_found_by_ci_ski) {
  auto set = CertificateSet::load(sgp26_config(), kSgp26Now);
  ASSERT_TRUE(set) << set.error().message();
  const Bytes nist = hex("F54172BDF98A95D65CBEB88A38A1C11D800A85C3");
  const Bytes brp = hex("C0BC70BA36929D43B467FF57570530E57AB8FCD8");
  EXPECT_EQ(set->signing_ci_skis(), (std::vector<Bytes>{nist, brp}));
  for (const auto& [ski, curve] : {std::pair{nist, crypto::Curve::nist_p256},
                                   std::pair{brp, crypto::Curve::brainpool_p256r1}}) {
    const Credential* dpauth = set->dpauth_for(ski);
    const Credential* dppb = set->dppb_for(ski);
    const Credential* tls = set->tls_for(ski);
    ASSERT_TRUE(dpauth && dppb && tls);
    EXPECT_TRUE(dpauth->cert.has_policy(Role::dp_auth));
    EXPECT_TRUE(dppb->cert.has_policy(Role::dp_pb));
    EXPECT_TRUE(tls->cert.has_policy(Role::dp_tls));
    EXPECT_EQ(dpauth->key.curve(), curve);
    // The key signs what the certificate's key verifies.
    const Bytes msg = hex("5f3740");
    auto sig = dppb->key.sign(msg);
    ASSERT_TRUE(sig);
    EXPECT_TRUE(dppb->cert.public_key().verify(msg, *sig));
  }
  EXPECT_EQ(set->dpauth_for(hex("00")), nullptr);
  EXPECT_EQ(set->cis().all().size(), 2u);
}

TEST(CertificateSet, when_tls_omitted_then_loaded_without_tls) {
  auto config = sgp26_config();
  for (auto& c : config.credentials) c.tls_cert = c.tls_key = "";
  auto set = CertificateSet::load(config, kSgp26Now);
  ASSERT_TRUE(set) << set.error().message();
  EXPECT_EQ(set->tls_for(set->signing_ci_skis().front()), nullptr);
}

TEST(CertificateSet, when_key_belongs_to_another_certificate_then_refused_naming_the_file) {
  auto config = sgp26_config();
  config.credentials[0].dpauth_key = certs("DPpb/SK_S_SM_DPpb_ECDSA_NIST.pem");
  auto set = CertificateSet::load(config, kSgp26Now);
  EXPECT_EQ(code_of(set), Errc::key_mismatch);
  EXPECT_NE(set.error().message().find("SK_S_SM_DPpb_ECDSA_NIST.pem"), std::string::npos);
}

TEST(CertificateSet, when_key_on_the_other_curve_then_refused) {
  auto config = sgp26_config();
  config.credentials[1].dppb_key = certs("DPpb/SK_S_SM_DPpb_ECDSA_NIST.pem");
  EXPECT_EQ(code_of(CertificateSet::load(config, kSgp26Now)), Errc::key_mismatch);
}

TEST(CertificateSet, when_ci_of_a_credential_not_loaded_then_refused) {
  auto config = sgp26_config();
  config.ci_certs = {ci_path("NIST")};
  auto set = CertificateSet::load(config, kSgp26Now);
  EXPECT_EQ(code_of(set), Errc::unknown_ci);
  EXPECT_NE(set.error().message().find("DPauth"), std::string::npos);
}

TEST(CertificateSet, when_certificates_swap_roles_then_refused) {
  auto config = sgp26_config();
  std::swap(config.credentials[0].dpauth_cert, config.credentials[0].dppb_cert);
  std::swap(config.credentials[0].dpauth_key, config.credentials[0].dppb_key);
  EXPECT_EQ(code_of(CertificateSet::load(config, kSgp26Now)), Errc::wrong_role);
}

TEST(CertificateSet, when_credential_expired_then_refused) {
  EXPECT_EQ(code_of(CertificateSet::load(sgp26_config(), at(2030, 4, 1))), Errc::expired);
  auto config = sgp26_config();
  config.credentials[0].tls_cert = certs("DPtls/CERT_S_SM_DP2_TLS.der");  // expired 2025-08
  config.credentials[0].tls_key = certs("DPtls/SK_S_SM_DP2_TLS_NIST.pem");
  EXPECT_EQ(code_of(CertificateSet::load(config, kSgp26Now)), Errc::expired);
}

TEST(CertificateSet, when_same_ci_given_twice_then_duplicate) {
  auto config = sgp26_config();
  config.ci_certs.push_back(ci_path("NIST"));
  EXPECT_EQ(code_of(CertificateSet::load(config, kSgp26Now)), Errc::duplicate);
  config = sgp26_config();
  config.credentials.push_back(sgp26_credentials("NIST"));
  EXPECT_EQ(code_of(CertificateSet::load(config, kSgp26Now)), Errc::duplicate);
}

TEST(CertificateSet, when_ci_is_not_a_ci_then_refused) {
  auto config = sgp26_config();
  config.ci_certs = {eum_path("NIST")};
  EXPECT_EQ(code_of(CertificateSet::load(config, kSgp26Now)), Errc::wrong_role);
  config.ci_certs = {certs("invalid/CERT_UNKNOWN_CI_ECDSA_NIST.der")};
  EXPECT_EQ(code_of(CertificateSet::load(config, kSgp26Now)), Errc::missing_key_identifier);
}

TEST(CertificateSet, when_file_missing_then_io_error) {
  auto config = sgp26_config();
  config.credentials[0].dppb_cert = "/nonexistent.der";
  EXPECT_EQ(code_of(CertificateSet::load(config, kSgp26Now)), Errc::io_error);
  config = sgp26_config();
  config.credentials[0].dppb_key = "/nonexistent.pem";
  EXPECT_EQ(code_of(CertificateSet::load(config, kSgp26Now)), crypto::Errc::io_error);
}

}  // namespace
}  // namespace smdp::pki
