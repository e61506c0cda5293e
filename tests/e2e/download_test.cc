// SPDX-License-Identifier: Apache-2.0
// Nominal downloads (SGP.22 §3.1.3) over HTTPS: both curves, with and without a
// confirmation code, session-key and PPK binding, activation code and default SM-DP+.
#include "e2e_fixture.h"

namespace smdp::e2e {
namespace {

// The whole download worked: the card holds exactly the registered package, the
// notification reached us, and the order is complete.
void expect_installed(E2e* t, euicc::Card& card, const lpa::DownloadResult& r,
                      const core::ProfileRecord& registered,
                      core::ProfileRecord (E2e::*get)(const std::string&)) {
  ASSERT_TRUE(r.ok()) << codes(r) << " " << r.failure->error.message();
  EXPECT_EQ(r.iccid, registered.iccid);
  EXPECT_EQ(r.notifications_sent, 1);
  ASSERT_EQ(card.installed_profiles().size(), 1u);
  EXPECT_EQ(card.installed_profiles()[0].profile_package, registered.profile_package);
  EXPECT_EQ(card.installed_profiles()[0].store_metadata, registered.profile_metadata);
  const core::ProfileRecord after = (t->*get)(registered.iccid);
  EXPECT_EQ(after.state, core::ProfileState::installed);
  EXPECT_EQ(after.result, "installed");
  EXPECT_FALSE(after.session_transaction_id);
}

class Download : public E2e {
 protected:
  void download_on(std::string_view curve) {
    const auto p = register_profile();
    auto c = card(curve);
    const auto r = download(c, activation_code(p));
    expect_installed(this, c, r, p, &Download::profile);
  }
};

TEST_F(Download, when_nist_euicc_downloads_by_activation_code_then_profile_is_installed) {
  download_on("nist");
}

TEST_F(Download, when_brainpool_euicc_downloads_then_profile_is_installed) { download_on("brp"); }

TEST_F(Download, when_ppk_binding_then_profile_is_installed_with_replace_session_keys) {
  start_service([](server::ServiceConfig& c) { c.rsp.binding_mode = core::BindingMode::ppk; });
  const auto p = register_profile();
  auto c = card("brp");
  const auto r = download(c, activation_code(p));
  expect_installed(this, c, r, p, &Download::profile);
  EXPECT_TRUE(c.installed_profiles()[0].used_ppk);
}

TEST_F(Download, when_confirmation_code_is_right_then_profile_is_installed) {
  core::ProfileRegistration reg;
  reg.confirmation_code = "4711";
  const auto p = register_profile(reg);
  EXPECT_TRUE(activation_code(p).ends_with("$$1")) << activation_code(p);
  auto c = card();
  lpa::DownloadOptions o;
  o.confirmation_code = "4711";
  const auto r = download(c, activation_code(p), o);
  expect_installed(this, c, r, p, &Download::profile);
}

TEST_F(Download, when_order_is_bound_to_eid_without_matching_id_then_default_smdp_flow_works) {
  core::ProfileRegistration reg;
  reg.eid = std::string(kEidB);
  reg.no_matching_id = true;
  const auto p = register_profile(reg);
  EXPECT_FALSE(p.matching_id);
  auto c = card("nist", kEidB);
  const auto r = download(c, "1$" + std::string(kAddress) + "$");
  expect_installed(this, c, r, p, &Download::profile);
}

TEST_F(Download, when_order_is_bound_to_eid_with_matching_id_then_that_euicc_downloads) {
  core::ProfileRegistration reg;
  reg.eid = std::string(kEidA);
  const auto p = register_profile(reg);
  auto c = card("brp", kEidA);
  const auto r = download(c, activation_code(p));
  expect_installed(this, c, r, p, &Download::profile);
}

TEST_F(Download, when_device_sends_a_tac_only_or_padded_imei_then_download_works) {
  for (const Bytes& imei :
       {Bytes{0x35, 0x29, 0x06, 0x11}, Bytes{0x35, 0x29, 0x06, 0x11, 0x12, 0x34, 0x56, 0xF7}}) {
    start_service([&](server::ServiceConfig& c) {
      c.database_path = (dir_ / ("imei-" + std::to_string(imei.size()) + ".db")).string();
    });
    const auto p = register_profile();
    auto c = card();
    lpa::DownloadOptions o;
    o.device_info.imei = imei;
    const auto r = download(c, activation_code(p), o);
    EXPECT_TRUE(r.ok()) << codes(r);
  }
}

TEST_F(Download, when_download_completes_then_metrics_count_it) {
  const auto p = register_profile();
  auto c = card();
  ASSERT_TRUE(download(c, activation_code(p)).ok());
  const std::string m = metrics();
  EXPECT_NE(m.find("smdp_downloads_total{result=\"installed\"} 1"), std::string::npos) << m;
  EXPECT_NE(m.find("smdp_es9_requests_total{function=\"getBoundProfilePackage\",status=\"Executed-"
                   "Success\"} 1"),
            std::string::npos)
      << m;
  // What the keys did (counters are per process: at least this download's).
  for (const char* use :
       {R"(smdp_key_operations_total{key="dpauth-prime256v1",operation="sign"})",
        R"(smdp_key_operations_total{key="dppb-prime256v1",operation="sign"})",
        R"(smdp_key_operations_total{key="tls-prime256v1",operation="tls-handshake"})"})
    EXPECT_NE(m.find(use), std::string::npos) << use << "\n" << m;
}

}  // namespace
}  // namespace smdp::e2e
