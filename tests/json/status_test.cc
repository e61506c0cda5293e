// SPDX-License-Identifier: Apache-2.0
// Function execution status, failure bodies and parse-error codes (SGP.22 §6.5.1).
#include "json/status.h"

#include <gtest/gtest.h>

#include "json/fields.h"

namespace smdp::json {
namespace {

using namespace core;  // the status codes

TEST(Status, when_failure_rendered_then_body_is_exactly_the_header) {
  EXPECT_EQ(render_failure(kInvalidSmdpAddress, "unknown address"),
            R"({"header":{"functionExecutionStatus":{"status":"Failed","statusCodeData":)"
            R"({"message":"unknown address","reasonCode":"3.8","subjectCode":"8.8.1"}}}})");
}

TEST(Status, when_success_rendered_then_header_only) {
  EXPECT_EQ(render_body(FunctionStatus::success()),
            R"({"header":{"functionExecutionStatus":{"status":"Executed-Success"}}})");
}

TEST(Status, when_message_has_invalid_utf8_then_rendered_without_throwing) {
  const std::string body = render_failure(kExecutionError, "bad \xff byte");
  EXPECT_NE(body.find("\"1.2\""), std::string::npos);
  EXPECT_NE(body.find("\"4.2\""), std::string::npos);
}

TEST(Status, when_every_status_named_then_spec_spelling) {
  EXPECT_EQ(to_string(ExecutionStatus::kExecutedSuccess), "Executed-Success");
  EXPECT_EQ(to_string(ExecutionStatus::kExecutedWithWarning), "Executed-WithWarning");
  EXPECT_EQ(to_string(ExecutionStatus::kFailed), "Failed");
  EXPECT_EQ(to_string(ExecutionStatus::kExpired), "Expired");
}

TEST(Status, when_codes_listed_then_match_sgp22_tables) {
  EXPECT_EQ(kTransactionIdUnknown, (StatusCode{"8.10.1", "3.9"}));
  EXPECT_EQ(kEumCertificateInvalid, (StatusCode{"8.1.2", "6.1"}));
  EXPECT_EQ(kConfirmationCodeRetriesExceeded, (StatusCode{"8.2.7", "6.4"}));
  EXPECT_EQ(kDownloadOrderExpired, (StatusCode{"8.8.5", "4.10"}));  // not truncated to 4.1
  EXPECT_EQ(kSmdpOidMismatch, (StatusCode{"8.8", "3.10"}));         // not truncated to 3.1
  EXPECT_EQ(kInvalidParameter, (StatusCode{"1.6", "2.1"}));
  EXPECT_EQ(kMandatoryElementMissing, (StatusCode{"1.6", "2.2"}));
  EXPECT_EQ(kExecutionError, (StatusCode{"1.2", "4.2"}));
}

TEST(Status, when_parse_error_then_generic_codes_and_field_named) {
  const Error missing{make_error_code(Errc::missing_parameter), "transactionId"};
  const Error invalid{make_error_code(Errc::invalid_parameter), "euiccInfo1"};
  EXPECT_EQ(status_code(missing), kMandatoryElementMissing);
  EXPECT_EQ(status_code(invalid), kInvalidParameter);
  EXPECT_NE(render_failure(missing).find("transactionId"), std::string::npos);
}

}  // namespace
}  // namespace smdp::json
