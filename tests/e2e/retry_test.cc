// SPDX-License-Identifier: Apache-2.0
// A download retried across RSP sessions over HTTPS (SGP.22 §3.1.3.2, §5.6.3
// smdpSigned2.bppEuiccOtpk): the software eUICC and LPA against the served SM-DP+.
#include <nlohmann/json.hpp>

#include "asn1/bpp.h"
#include "e2e_fixture.h"
#include "json/base64.h"

namespace smdp::e2e {
namespace {

class Retry : public E2e {};

// §3.1.3.2 over HTTPS: the GetBoundProfilePackage response was lost; the eUICC starts a
// new session, smdpSigned2 names its otPK (bppEuiccOtpk), the card reuses the key and
// installs the same binding (smdpOtpk), re-issued for the new transactionId.
TEST_F(Retry, when_the_bpp_response_is_lost_then_a_new_session_reuses_the_one_time_key) {
  const auto p = register_profile();
  auto c = card();
  lpa::DownloadOptions o;
  o.stop_after = lpa::Step::get_bound_profile_package;
  const auto first = download(c, activation_code(p), o);
  ASSERT_EQ(first.failure->error.code, lpa::LpaErrc::stopped);
  const core::ProfileRecord bound = profile(p.iccid);
  ASSERT_FALSE(bound.bound_euicc_otpk.empty());
  const auto again = download(c, activation_code(p));
  ASSERT_TRUE(again.ok()) << codes(again);
  EXPECT_EQ(profile(p.iccid).state, core::ProfileState::installed);
  ASSERT_EQ(c.installed_profiles().size(), 1u);
  EXPECT_EQ(c.installed_profiles()[0].profile_package, p.profile_package);
  auto response_of = [&](const lpa::DownloadResult& r, const char* function) {
    for (const auto& e : r.exchanges)
      if (e.function == function) return e.response_body;
    return std::string();
  };
  // The second BPP carries the first one's smdpOtpk.
  auto smdp_otpk = [&](const std::string& body) {
    const auto j = nlohmann::json::parse(body);
    auto der = json::base64_decode(j.at("boundProfilePackage").get<std::string>());
    EXPECT_TRUE(der);
    auto bpp = asn1::BoundProfilePackage::decode(*der);
    EXPECT_TRUE(bpp);
    auto isc = asn1::InitialiseSecureChannelRequest::decode(bpp->initialise_secure_channel);
    EXPECT_TRUE(isc);
    return isc->smdp_otpk;
  };
  EXPECT_EQ(smdp_otpk(response_of(again, "getBoundProfilePackage")),
            smdp_otpk(response_of(first, "getBoundProfilePackage")));
  EXPECT_TRUE(profile(p.iccid).bound_package.empty());  // final: dropped
}

}  // namespace
}  // namespace smdp::e2e
