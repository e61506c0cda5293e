// SPDX-License-Identifier: Apache-2.0
// ES9+ request bodies (SGP.22 §6.5.2) built from the generated sessions parse back to
// the session's values.
#include <gtest/gtest.h>

#include <variant>

#include "es9/authenticate_client.h"
#include "es9/cancel_session.h"
#include "es9/get_bound_profile_package.h"
#include "es9/handle_notification.h"
#include "es9/initiate_authentication.h"
#include "es9_fixtures.h"
#include "json/fields.h"
#include "json/status.h"

namespace smdp::es9 {
namespace {

using namespace testing;  // Session, and core's codes and types, json's readers

Bytes bytes(ByteView v) { return Bytes(v.begin(), v.end()); }

class Requests : public ::testing::TestWithParam<const char*> {
 protected:
  Session s{GetParam()};
};

TEST_P(Requests, when_initiate_authentication_body_then_fields_decoded) {
  auto r = parse_initiate_authentication_request(s.initiate_authentication_body());
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r->euicc_challenge, s.value("euiccChallenge"));
  EXPECT_EQ(r->smdp_address, s.text("serverAddress"));
  EXPECT_EQ(bytes(r->euicc_info1.view.raw), s.der("euiccInfo1.der"));
  EXPECT_FALSE(r->euicc_info1.view.euicc_ci_pkid_list_for_signing.empty());
}

TEST_P(Requests, when_authenticate_client_body_then_fields_decoded) {
  auto r = parse_authenticate_client_request(s.authenticate_client_body());
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r->transaction_id, s.value("transactionId"));
  const auto* ok = std::get_if<0>(&r->authenticate_server_response.view.result);
  ASSERT_NE(ok, nullptr);
  EXPECT_EQ(bytes(ok->euicc_signed1.transaction_id), s.value("transactionId"));
  EXPECT_EQ(bytes(ok->euicc_signed1.server_challenge), s.value("serverChallenge"));
  EXPECT_EQ(ok->euicc_signed1.server_address, s.text("serverAddress"));
  EXPECT_EQ(bytes(r->authenticate_server_response.view.raw),
            s.der("authenticateServerResponse.der"));
}

TEST_P(Requests, when_get_bound_profile_package_body_then_fields_decoded) {
  auto r = parse_get_bound_profile_package_request(s.get_bound_profile_package_body());
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r->transaction_id, s.value("transactionId"));
  const auto* ok = std::get_if<0>(&r->prepare_download_response.view.result);
  ASSERT_NE(ok, nullptr);
  EXPECT_EQ(bytes(ok->euicc_signed2.transaction_id), s.value("transactionId"));
  EXPECT_EQ(bytes(ok->euicc_signed2.euicc_otpk), s.value("euicc_otPK"));
}

TEST_P(Requests, when_handle_notification_body_then_installation_result_decoded) {
  auto r = parse_handle_notification_request(s.handle_notification_body());
  ASSERT_TRUE(r) << r.error().message();
  const auto* pir = std::get_if<0>(&r->pending_notification.view.notification);
  ASSERT_NE(pir, nullptr);
  EXPECT_EQ(bytes(pir->profile_installation_result_data.transaction_id), s.value("transactionId"));
  EXPECT_EQ(bytes(r->pending_notification.view.raw), s.der("profileInstallationResult.der"));
}

TEST_P(Requests, when_cancel_session_body_then_fields_decoded) {
  auto r = parse_cancel_session_request(s.cancel_session_body());
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r->transaction_id, s.value("transactionId"));
  const auto* ok = std::get_if<0>(&r->cancel_session_response.view.result);
  ASSERT_NE(ok, nullptr);
  EXPECT_EQ(ok->euicc_cancel_session_signed.reason, asn1::kCancelPostponed);
  EXPECT_EQ(bytes(r->cancel_session_response.view.raw), s.cancel_session_response());
}

TEST_P(Requests, when_header_present_then_ignored) {
  auto body = nlohmann::json::parse(s.authenticate_client_body());
  body["header"] = {{"functionRequesterIdentifier", 7}};
  EXPECT_TRUE(parse_authenticate_client_request(body.dump()));
}

TEST_P(Requests, when_transaction_id_upper_case_then_accepted) {
  auto body = nlohmann::json::parse(s.authenticate_client_body());
  body["transactionId"] = "0123456789ABCDEF0123456789ABCDEF";
  auto r = parse_authenticate_client_request(body.dump());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->transaction_id, s.value("transactionId"));
}

TEST_P(Requests, when_parsed_request_moved_and_copied_then_views_stay_valid) {
  auto parsed = parse_authenticate_client_request(s.authenticate_client_body());
  ASSERT_TRUE(parsed);
  AuthenticateClientRequest copy;
  {
    AuthenticateClientRequest moved = std::move(*parsed);
    copy = moved;
    parsed = std::unexpected(Error{});  // the original is gone
  }
  EXPECT_EQ(bytes(copy.authenticate_server_response.view.raw),
            s.der("authenticateServerResponse.der"));
  EXPECT_EQ(copy.authenticate_server_response.view.raw.data(),
            copy.authenticate_server_response.der->data());
}

INSTANTIATE_TEST_SUITE_P(Sessions, Requests, ::testing::ValuesIn(testing::kSessions));

}  // namespace
}  // namespace smdp::es9
