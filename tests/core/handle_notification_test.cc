// SPDX-License-Identifier: Apache-2.0
// ES9+.HandleNotification in process (SGP.22 §5.6.4; §3.5; ProfileInstallationResult
// §5.7.6, OtherSignedNotification §5.7.9): never refused (the binding answers 204), so
// the outcome is what was recorded: a verified PIR ends the download (Installed or
// Error), a replay is a duplicate, a forged or unknown one is ignored and changes
// nothing, and a store fault is ignored too, leaving the order for the eUICC's retry.
#include "asn1/common.h"
#include "asn1/notification.h"
#include "core/rsp_common.h"
#include "rsp_fixture.h"

namespace smdp::core::testing {
namespace {

using Kind = NotificationOutcome::Kind;

class HandleNotification : public RspTest {
 protected:
  // A profile downloaded by `c` (BPP delivered, not yet loaded).
  ProfileRecord downloaded(TestCard& c, int package = 0) {
    const auto p = register_profile({}, package);
    EXPECT_TRUE(initiate(c));
    EXPECT_TRUE(authenticate(c, p.matching_id));
    EXPECT_TRUE(get_bpp(c));
    return p;
  }
  // Flips the first byte of the part of the PIR's signed data that `pick` chooses;
  // re-signed as the card would when `resign_it`.
  static std::function<void(Bytes&)> change_pir(
      const TestCard& c,
      std::function<ByteView(const asn1::ProfileInstallationResultDataView&)> pick,
      bool resign_it) {
    return [&c, pick, resign_it](Bytes& der) {
      auto f = field<asn1::PendingNotificationView>(der);
      const auto& pir = std::get<asn1::ProfileInstallationResultView>(f.view.notification);
      const auto& data = pir.profile_installation_result_data;
      if (resign_it) {
        change_and_resign(f, pick(data), data.raw, pir.euicc_sign_pir, c.key);
      } else {
        const std::size_t at = offset_in(*f.der, pick(data));
        rewrite(f, [&](Bytes& copy) { copy[at] ^= 0x01; });
      }
      der = *f.der;
    };
  }
  // An OtherSignedNotification of eUICC kEidA (nist) for NotificationEvent bit `event`
  // (1 enable, 2 disable, 3 delete).
  static Bytes other_notification(std::uint64_t seq, std::size_t event, const std::string& iccid) {
    const auto& p = test_pki(Curve::nist);
    asn1::OtherSignedNotification n;
    n.tbs_other_notification.seq_number = seq;
    n.tbs_other_notification.profile_management_operation = asn1::make_bit_string({event});
    n.tbs_other_notification.notification_address = std::string(kAddress);
    n.tbs_other_notification.iccid = detail::iccid_to_octets(iccid);
    auto signature = p.euiccs[0].key.sign(n.tbs_other_notification.encode());
    if (!signature) throw std::runtime_error("sign");
    n.euicc_notification_signature.assign(signature->begin(), signature->end());
    n.euicc_certificate = p.euiccs[0].cert.der();
    n.eum_certificate = p.eum.cert.der();
    return n.encode();
  }
  NotificationOutcome send(Bytes der) {
    return server_->handle_notification({field<asn1::PendingNotificationView>(std::move(der))});
  }
};

TEST_F(HandleNotification,
       when_installation_succeeds_on_either_curve_then_the_profile_is_installed) {
  for (Curve curve : kCurves) {
    SCOPED_TRACE(curve_name(curve));
    auto c = card(curve, curve == Curve::nist ? kEidA : kEidB);  // each numbers from 1
    const auto p = downloaded(c, static_cast<int>(curve));
    const auto n = notify(c);
    EXPECT_EQ(n.kind, Kind::recorded) << n.reason;
    EXPECT_EQ(n.event, "install");
    EXPECT_EQ(n.result, "installed");
    EXPECT_EQ(n.iccid, p.iccid);
    const auto now = profile(p.iccid);
    EXPECT_EQ(now.state, ProfileState::installed);
    EXPECT_EQ(now.result, "installed");
    EXPECT_FALSE(now.session_transaction_id);
    EXPECT_EQ(session(c.transaction_id)->state, SessionState::completed);
  }
}

TEST_F(HandleNotification, when_notification_is_replayed_then_it_is_recorded_once) {
  auto c = card();
  const auto p = downloaded(c);
  ASSERT_EQ(notify(c).kind, Kind::recorded);
  EXPECT_EQ(notify(c).kind, Kind::duplicate);
  EXPECT_EQ(profile(p.iccid).state, ProfileState::installed);
}

TEST_F(HandleNotification, when_notification_is_forged_then_it_is_ignored_until_the_real_one) {
  auto c = card();
  const auto p = downloaded(c);
  EXPECT_EQ(notify(c, flip_first_signature).kind, Kind::ignored);
  EXPECT_EQ(profile(p.iccid).state, ProfileState::downloaded);
  EXPECT_TRUE(held(p.iccid));
  EXPECT_EQ(notify(c).kind, Kind::recorded);
  EXPECT_EQ(profile(p.iccid).state, ProfileState::installed);
}

TEST_F(HandleNotification, when_installation_failed_then_the_profile_is_in_error_with_its_reason) {
  auto c = card();
  const auto p = downloaded(c);
  load(c, [](Bytes& bpp) { bpp[bpp.size() - 1] ^= 0x01; });  // a MAC no longer verifies
  ASSERT_TRUE(c.card.installed_profiles().empty());
  const auto n = notify(c);
  EXPECT_EQ(n.kind, Kind::recorded) << n.reason;
  EXPECT_TRUE(n.result.starts_with("error:")) << n.result;
  const auto now = profile(p.iccid);
  EXPECT_EQ(now.state, ProfileState::error);
  EXPECT_EQ(now.result, n.result);
  EXPECT_FALSE(now.session_transaction_id);
}

TEST_F(HandleNotification, when_the_transaction_is_unknown_then_it_is_ignored) {
  auto c = card();
  const auto p = downloaded(c);
  const auto n = notify(c, change_pir(
                               c, [](const auto& d) { return d.transaction_id; }, false));
  EXPECT_EQ(n.kind, Kind::ignored);
  EXPECT_EQ(n.reason, "unknown transactionId");
  EXPECT_EQ(profile(p.iccid).state, ProfileState::downloaded);
}

TEST_F(HandleNotification, when_the_signed_iccid_is_not_the_sessions_then_it_is_ignored) {
  auto c = card();
  const auto p = downloaded(c);
  const auto n =
      notify(c, change_pir(
                    c, [](const auto& d) { return *d.notification_metadata.iccid; }, true));
  EXPECT_EQ(n.kind, Kind::ignored);
  EXPECT_EQ(n.reason, "the ICCID differs from the session's");
  EXPECT_EQ(profile(p.iccid).state, ProfileState::downloaded);
}

TEST_F(HandleNotification, when_two_euiccs_send_the_same_seq_number_then_both_are_recorded) {
  auto a = card(Curve::nist, kEidA);
  auto b = card(Curve::nist, kEidB);
  const auto pa = downloaded(a, 1);
  const auto pb = downloaded(b, 2);
  EXPECT_EQ(notify(a).kind, Kind::recorded);
  EXPECT_EQ(notify(b).kind, Kind::recorded);
  EXPECT_EQ(profile(pa.iccid).state, ProfileState::installed);
  EXPECT_EQ(profile(pb.iccid).state, ProfileState::installed);
}

TEST_F(HandleNotification, when_an_other_signed_notification_verifies_then_it_is_recorded_once) {
  auto c = card();
  const auto p = downloaded(c);
  ASSERT_EQ(notify(c).kind, Kind::recorded);
  const Bytes enable = other_notification(100, 1, p.iccid);
  const auto n = send(enable);
  EXPECT_EQ(n.kind, Kind::recorded) << n.reason;
  EXPECT_EQ(n.event, "enable");
  EXPECT_EQ(n.iccid, p.iccid);
  EXPECT_EQ(send(enable).kind, Kind::duplicate);
  Bytes forged = other_notification(101, 3, p.iccid);
  flip_first_signature(forged);
  EXPECT_EQ(send(forged).kind, Kind::ignored);
  EXPECT_EQ(profile(p.iccid).state, ProfileState::installed);  // the eUICC's state is its own
}

TEST_F(HandleNotification, when_recording_fails_then_it_is_ignored_and_the_retry_installs) {
  auto c = card();
  const auto p = downloaded(c);
  for (auto [method, errc] : {std::pair{"get_session", StoreErrc::unavailable},
                              std::pair{"get_profile", StoreErrc::unavailable},
                              std::pair{"record_notification", StoreErrc::unavailable},
                              std::pair{"record_notification", StoreErrc::conflict}}) {
    SCOPED_TRACE(method);
    store_->fail(method, errc);
    const auto n = notify(c);
    EXPECT_EQ(n.kind, Kind::ignored);
    EXPECT_TRUE(n.reason.starts_with("store: ")) << n.reason;
    EXPECT_EQ(profile(p.iccid).state, ProfileState::downloaded);
    EXPECT_TRUE(held(p.iccid));
  }
  EXPECT_EQ(store_->failures(), 4);
  EXPECT_EQ(notify(c).kind, Kind::recorded);
  EXPECT_EQ(profile(p.iccid).state, ProfileState::installed);
}

}  // namespace
}  // namespace smdp::core::testing
