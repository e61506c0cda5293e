// SPDX-License-Identifier: Apache-2.0
// ES9+.HandleNotification (SGP.22 §5.6.4): always 204; only a verified notification
// changes the order, and a replayed one changes nothing.
#include "e2e_fixture.h"
#include "es9_messages.h"
#include "tamper.h"
#include "testdata.h"

namespace smdp::e2e {
namespace {

class Notification : public E2e {};

TEST_F(Notification, when_notification_is_replayed_then_it_is_accepted_once) {
  const auto p = register_profile();
  auto c = card();
  const auto r = download(c, activation_code(p));
  ASSERT_TRUE(r.ok());
  const auto& sent = r.exchanges.back();
  ASSERT_EQ(sent.function, "handleNotification");
  EXPECT_EQ(post("handleNotification", sent.request_body).status, 204);
  EXPECT_EQ(profile(p.iccid).state, core::ProfileState::installed);
  EXPECT_NE(metrics().find("smdp_downloads_total{result=\"installed\"} 1\n"), std::string::npos);
}

TEST_F(Notification, when_notification_is_garbage_then_204) {
  EXPECT_EQ(post("handleNotification", R"({"pendingNotification":"AAAA"})").status, 204);
  EXPECT_EQ(post("handleNotification", "nonsense").status, 204);
}

TEST_F(Notification, when_bpp_is_retried_with_the_same_otpk_then_the_same_bpp_returns) {
  const auto p = register_profile();
  auto c = card();
  lpa::DownloadOptions o;
  o.stop_after = lpa::Step::get_bound_profile_package;
  const auto r = download(c, activation_code(p), o);
  ASSERT_EQ(r.failure->error.code, lpa::LpaErrc::stopped);
  const auto& gbpp = r.exchanges.back();
  ASSERT_EQ(gbpp.function, "getBoundProfilePackage");
  const auto again = post("getBoundProfilePackage", gbpp.request_body);
  EXPECT_EQ(again.body, gbpp.response_body);
}

}  // namespace
}  // namespace smdp::e2e
