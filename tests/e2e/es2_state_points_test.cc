// SPDX-License-Identifier: Apache-2.0
// Profile state changes the eUICC reports over ES9+ handleNotification (SGP.22 §5.6.4,
// OtherSignedNotification: enable, disable, delete) reach the operator as
// HandleDownloadProgressInfo only at the vendor notification points it configured
// (values >= 5 conflict between vendors: SGP22-CODES.md, configurable, off by default).
#include "asn1/common.h"
#include "asn1/notification.h"
#include "core/rsp_common.h"
#include "crypto/ec.h"
#include "es2_fixture.h"
#include "json/base64.h"
#include "testdata.h"

namespace smdp::e2e {
namespace {

// The ES9+ handleNotification body of an OtherSignedNotification signed by eUICC kEidA
// (nist) for NotificationEvent bit `event_bit` (1 enable, 2 disable, 3 delete).
std::string other_notification(std::uint64_t seq, std::size_t event_bit, const std::string& iccid) {
  const auto dir = E2e::pki_dir() / "nist";
  const std::string euicc = "euicc-" + std::string(kEidA);
  asn1::OtherSignedNotification n;
  n.tbs_other_notification = asn1::NotificationMetadata{seq,
                                                        asn1::make_bit_string({event_bit}),
                                                        std::string(kAddress),
                                                        core::detail::iccid_to_octets(iccid),
                                                        {},
                                                        {}};
  auto key = crypto::EcPrivateKey::from_pem_file((dir / (euicc + ".key.pem")).string());
  EXPECT_TRUE(key);
  if (!key) return {};
  auto signature = key->sign(n.tbs_other_notification.encode());
  EXPECT_TRUE(signature);
  if (!signature) return {};
  n.euicc_notification_signature = Bytes(signature->begin(), signature->end());
  n.euicc_certificate = smdp::testing::read_file(dir / (euicc + ".der"));
  n.eum_certificate = smdp::testing::read_file(dir / "eum.der");
  return nlohmann::json{{"pendingNotification", smdp::json::base64_encode(n.encode())}}.dump();
}

class Es2StatePoints : public Es2Test {
 protected:
  // Orders for kEidA, downloads, then reports enable, disable and delete; returns the ICCID.
  std::string install_then_enable_disable_delete() {
    const auto [iccid, matching_id] = order("gtp", std::string(kEidA));
    auto c = card("nist", kEidA);
    const auto r = download(c, "1$" + std::string(kAddress) + "$" + matching_id);
    EXPECT_TRUE(r.ok()) << codes(r);
    std::uint64_t seq = 100;
    for (std::size_t event : {1U, 2U, 3U})
      EXPECT_EQ(post("handleNotification", other_notification(seq++, event, iccid)).status, 204);
    deliver();
    return iccid;
  }
};

TEST_F(Es2StatePoints, when_the_operator_configured_state_points_then_each_change_is_reported) {
  auto stored = service_->operators().get_operator(mno1().name);
  ASSERT_TRUE(stored && *stored);
  core::OperatorRecord op = **stored;
  op.state_change_points = "enable=6,disable=7,delete=8";
  ASSERT_TRUE(service_->operators().update_operator(op));

  const std::string iccid = install_then_enable_disable_delete();
  EXPECT_EQ(points(*mno_, iccid), (Points{{3, "Executed-Success"},
                                          {4, "Executed-Success"},
                                          {6, "Executed-Success"},
                                          {7, "Executed-Success"},
                                          {8, "Executed-Success"}}));
  const auto calls = mno_->calls();
  ASSERT_EQ(calls.size(), 5u);
  EXPECT_EQ(calls[2].body.value("eid", ""), kEidA);
  EXPECT_EQ(calls[2].body.value("profileType", ""), "gtp");
}

TEST_F(Es2StatePoints, when_no_state_points_are_configured_then_state_changes_are_not_sent) {
  const std::string iccid = install_then_enable_disable_delete();
  EXPECT_EQ(points(*mno_, iccid), (Points{{3, "Executed-Success"}, {4, "Executed-Success"}}));
}

}  // namespace
}  // namespace smdp::e2e
