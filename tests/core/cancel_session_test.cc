// SPDX-License-Identifier: Apache-2.0
// ES9+.CancelSession in process (SGP.22 §5.6.5; §3.1.3 "cancel session"; the eUICC's
// ES10b.CancelSession §5.7.14): postponed and timeout keep the order, every other
// CancelSessionReason ends it in Error; the session (8.10.1/3.9), the eUICC's signature
// (8.1/6.1), the smdpOid (8.8/3.10), and store faults (1.2/4.2; a lost compare-and-swap
// 8.10.1/3.9) that leave the order as it was.
#include "asn1/cancel_session.h"

#include "rsp_fixture.h"

namespace smdp::core::testing {
namespace {

class CancelSession : public RspTest {
 protected:
  // A profile whose order `c` authenticated for (and got the BPP of, with `bound`).
  ProfileRecord opened(TestCard& c, bool bound = false) {
    const auto p = register_profile();
    EXPECT_TRUE(initiate(c));
    EXPECT_TRUE(authenticate(c, p.matching_id));
    if (bound) {
      EXPECT_TRUE(get_bpp(c));
    }
    return p;
  }
  // Released and held by the card's session, as authenticateClient left it.
  void expect_untouched(const ProfileRecord& p, const TestCard& c) {
    const auto now = profile(p.iccid);
    EXPECT_EQ(now.state, ProfileState::released);
    EXPECT_EQ(now.session_transaction_id, to_hex(c.transaction_id));
    EXPECT_FALSE(now.result);
  }
  // Changes a byte of euiccCancelSessionSigned (the part `pick` chooses), re-signed.
  static Tamper<CancelSessionRequest> change_signed(
      const TestCard& c, std::function<ByteView(const asn1::EuiccCancelSessionSignedView&)> pick) {
    return [&c, pick](CancelSessionRequest& req) {
      const auto& ok =
          std::get<asn1::CancelSessionResponseOkView>(req.cancel_session_response.view.result);
      change_and_resign(req.cancel_session_response, pick(ok.euicc_cancel_session_signed),
                        ok.euicc_cancel_session_signed.raw, ok.euicc_cancel_session_signature,
                        c.key);
    };
  }
};

// §3.1.3, §5.6.5: postponed, timeout, and pprNotAllowed (the device's Rules
// Authorisation Table refused the profile's PPRs, §2.9.2.2) keep the order.
TEST_F(CancelSession, when_reason_is_postponed_timeout_or_ppr_not_allowed_then_order_stays) {
  for (Curve curve : kCurves) {
    for (std::uint64_t reason :
         {asn1::kCancelPostponed, asn1::kCancelTimeout, asn1::kCancelPprNotAllowed}) {
      for (bool bound : {false, true}) {
        SCOPED_TRACE(std::string(curve_name(curve)) + " reason " + std::to_string(reason) +
                     (bound ? " after the BPP" : ""));
        use_fresh_database("keep-" + std::to_string(reason) + curve_name(curve) +
                           std::to_string(bound));
        auto c = card(curve);
        const auto p = opened(c, bound);
        EXPECT_TRUE(cancel(c, reason));
        const auto now = profile(p.iccid);
        EXPECT_EQ(now.state, ProfileState::released);
        EXPECT_FALSE(now.session_transaction_id);
        EXPECT_EQ(session(c.transaction_id)->state, SessionState::cancelled);
        EXPECT_EQ(download(c, p.matching_id), "");
      }
    }
  }
}

TEST_F(CancelSession, when_reason_terminates_the_order_then_profile_is_in_error_with_the_reason) {
  for (std::uint64_t reason : {asn1::kCancelEndUserRejection, asn1::kCancelMetadataMismatch,
                               asn1::kCancelLoadBppExecutionError, asn1::kCancelUndefinedReason}) {
    SCOPED_TRACE(reason);
    use_fresh_database("end-" + std::to_string(reason));
    auto c = card();
    const auto p = opened(c);
    EXPECT_TRUE(cancel(c, reason));
    const auto now = profile(p.iccid);
    EXPECT_EQ(now.state, ProfileState::error);
    EXPECT_EQ(now.result, "cancelled:" + std::to_string(reason));
    EXPECT_FALSE(now.session_transaction_id);
    auto again = card();
    ASSERT_TRUE(initiate(again));
    EXPECT_EQ(code(authenticate(again, p.matching_id)), "8.2/1.2");
  }
}

TEST_F(CancelSession, when_cancelled_after_the_bpp_was_delivered_then_load_error_is_recorded) {
  auto c = card(Curve::brp);
  const auto p = opened(c, true);
  EXPECT_TRUE(cancel(c, asn1::kCancelLoadBppExecutionError));
  EXPECT_EQ(profile(p.iccid).state, ProfileState::error);
  EXPECT_EQ(profile(p.iccid).result, "cancelled:5");
}

TEST_F(CancelSession, when_cancel_signature_is_forged_then_8_1_6_1_and_order_is_untouched) {
  auto c = card();
  const auto p = opened(c);
  EXPECT_EQ(
      code(cancel(c, asn1::kCancelEndUserRejection,
                  [](auto& req) { rewrite(req.cancel_session_response, flip_first_signature); })),
      "8.1/6.1");
  expect_untouched(p, c);
}

TEST_F(CancelSession, when_smdp_oid_is_not_ours_then_8_8_3_10) {
  auto c = card();
  const auto p = opened(c);
  EXPECT_EQ(code(cancel(c, asn1::kCancelEndUserRejection,
                        change_signed(c, [](const auto& s) { return s.smdp_oid.last(1); }))),
            "8.8/3.10");
  expect_untouched(p, c);
}

TEST_F(CancelSession, when_signed_transaction_id_differs_then_8_10_1_3_9) {
  auto c = card();
  const auto p = opened(c);
  EXPECT_EQ(code(cancel(c, asn1::kCancelEndUserRejection,
                        change_signed(c, [](const auto& s) { return s.transaction_id; }))),
            "8.10.1/3.9");
  expect_untouched(p, c);
}

TEST_F(CancelSession, when_transaction_is_unknown_then_8_10_1_3_9) {
  auto c = card();
  c.transaction_id = Bytes(16, 0x42);  // no session of ours
  EXPECT_EQ(code(cancel(c, asn1::kCancelPostponed)), "8.10.1/3.9");
}

TEST_F(CancelSession, when_no_download_is_open_in_the_session_then_8_10_1_3_9) {
  auto c = card();
  const auto p = register_profile();
  ASSERT_TRUE(initiate(c));  // not authenticated yet
  EXPECT_EQ(code(cancel(c, asn1::kCancelPostponed)), "8.10.1/3.9");
  ASSERT_TRUE(authenticate(c, p.matching_id));
  ASSERT_TRUE(cancel(c, asn1::kCancelPostponed));
  EXPECT_EQ(code(cancel(c, asn1::kCancelPostponed)), "8.10.1/3.9");  // already cancelled
}

TEST_F(CancelSession, when_session_has_expired_then_8_10_1_3_9) {
  auto c = card();
  opened(c);
  clock_.advance(std::chrono::seconds{601});
  EXPECT_EQ(code(cancel(c, asn1::kCancelEndUserRejection)), "8.10.1/3.9");
}

TEST_F(CancelSession, when_euicc_could_not_cancel_then_8_10_1_3_9) {
  auto c = card();
  const auto p = opened(c);
  asn1::CancelSessionResponse error;
  error.result = std::uint64_t{5};  // invalidTransactionId
  EXPECT_EQ(code(cancel(c, asn1::kCancelEndUserRejection,
                        [&](auto& req) {
                          req.cancel_session_response =
                              field<asn1::CancelSessionResponseView>(error.encode());
                        })),
            "8.10.1/3.9");
  expect_untouched(p, c);
}

TEST_F(CancelSession,
       when_the_session_changes_concurrently_then_8_10_1_3_9_and_nothing_is_written) {
  auto c = card();
  const auto p = opened(c);
  store_->fail("update", StoreErrc::conflict);
  EXPECT_EQ(code(cancel(c, asn1::kCancelEndUserRejection)), "8.10.1/3.9");
  expect_untouched(p, c);
  EXPECT_EQ(session(c.transaction_id)->state, SessionState::authenticated);
}

TEST_F(CancelSession, when_the_store_fails_then_1_2_4_2_and_the_retry_cancels) {
  auto c = card();
  const auto p = opened(c);
  std::optional<CancelSessionRequest> sent;  // the card signs one cancellation only
  store_->fail("get_session", StoreErrc::unavailable);
  EXPECT_EQ(code(cancel(c, asn1::kCancelEndUserRejection, [&](auto& req) { sent = req; })),
            "1.2/4.2");
  expect_untouched(p, c);
  for (const char* method : {"get_profile", "update"}) {
    SCOPED_TRACE(method);
    store_->fail(method, StoreErrc::unavailable);
    EXPECT_EQ(code(server_->cancel_session(*sent)), "1.2/4.2");
    expect_untouched(p, c);
  }
  EXPECT_TRUE(server_->cancel_session(*sent));  // the LPA's retry
  EXPECT_EQ(profile(p.iccid).state, ProfileState::error);
}

}  // namespace
}  // namespace smdp::core::testing
