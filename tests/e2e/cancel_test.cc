// SPDX-License-Identifier: Apache-2.0
// ES9+.CancelSession (SGP.22 §5.6.5) for every CancelSessionReason: postponed and
// timeout keep the order; the others end it in Error with the reason recorded.
#include "asn1/cancel_session.h"
#include "e2e_fixture.h"
#include "es9_messages.h"
#include "tamper.h"

namespace smdp::e2e {
namespace {

class Cancel : public E2e {
 protected:
  // Authenticates, then has the card cancel with `reason` and sends it to us.
  lpa::HttpResponse cancel_after_authentication(const core::ProfileRecord& p, euicc::Card& c,
                                                std::uint64_t reason,
                                                lpa::Step stop = lpa::Step::authenticate_client,
                                                bool tamper = false) {
    lpa::DownloadOptions o;
    o.stop_after = stop;
    const auto r = download(c, activation_code(p), o);
    EXPECT_EQ(r.failure->error.code, lpa::LpaErrc::stopped);
    auto response = c.cancel_session(lpa::cancel_session_request(r.transaction_id, reason));
    EXPECT_TRUE(response);
    if (tamper) flip_first_signature(*response);
    return post("cancelSession", lpa::render_cancel_session_request(r.transaction_id, *response));
  }
  void use_fresh_database(const std::string& name) {
    start_service(
        [&](server::ServiceConfig& c) { c.database_path = (dir_ / (name + ".db")).string(); });
  }
  static bool succeeded(const lpa::HttpResponse& r) {
    return r.status == 200 && r.body.find("Executed-Success") != std::string::npos;
  }
};

TEST_F(Cancel, when_reason_is_postponed_or_timeout_then_order_stays_downloadable) {
  for (std::uint64_t reason : {asn1::kCancelPostponed, asn1::kCancelTimeout}) {
    SCOPED_TRACE(reason);
    use_fresh_database("cancel-" + std::to_string(reason));
    const auto p = register_profile();
    auto c = card();
    EXPECT_TRUE(succeeded(cancel_after_authentication(p, c, reason)));
    EXPECT_EQ(profile(p.iccid).state, core::ProfileState::released);
    EXPECT_TRUE(download(c, activation_code(p)).ok());
  }
}

TEST_F(Cancel, when_reason_terminates_the_order_then_profile_is_in_error_with_the_reason) {
  for (std::uint64_t reason : {asn1::kCancelEndUserRejection, asn1::kCancelMetadataMismatch,
                               asn1::kCancelLoadBppExecutionError, asn1::kCancelUndefinedReason}) {
    SCOPED_TRACE(reason);
    use_fresh_database("cancel-" + std::to_string(reason));
    const auto p = register_profile();
    auto c = card();
    EXPECT_TRUE(succeeded(cancel_after_authentication(p, c, reason)));
    const auto after = profile(p.iccid);
    EXPECT_EQ(after.state, core::ProfileState::error);
    EXPECT_EQ(after.result, "cancelled:" + std::to_string(reason));
    EXPECT_EQ(codes(download(c, activation_code(p))), "8.2/1.2");
  }
}

TEST_F(Cancel, when_end_user_rejects_the_profile_then_lpa_cancels_and_order_is_ended) {
  const auto p = register_profile();
  auto c = card();
  lpa::DownloadOptions o;
  o.reject_consent = true;
  const auto r = download(c, activation_code(p), o);
  ASSERT_TRUE(r.failure);
  EXPECT_EQ(r.failure->error.code, lpa::LpaErrc::user_rejected);
  ASSERT_TRUE(r.cancel_session_status);
  EXPECT_EQ(profile(p.iccid).result, "cancelled:0");
}

TEST_F(Cancel, when_confirmation_code_is_not_given_then_lpa_postpones_and_order_stays) {
  core::ProfileRegistration reg;
  reg.confirmation_code = "2468";
  const auto p = register_profile(reg);
  auto c = card();
  const auto r = download(c, activation_code(p));
  ASSERT_TRUE(r.failure);
  EXPECT_EQ(r.failure->error.code, lpa::LpaErrc::confirmation_code_missing);
  EXPECT_EQ(profile(p.iccid).state, core::ProfileState::released);
  lpa::DownloadOptions o;
  o.confirmation_code = "2468";
  EXPECT_TRUE(download(c, activation_code(p), o).ok());
}

}  // namespace
}  // namespace smdp::e2e
