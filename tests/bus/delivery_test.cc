// SPDX-License-Identifier: Apache-2.0
// The outbox delivery rules (bus/delivery.h): how a peer's answer is judged (SGP.22
// §6.5.1; §5.8.1/§5.8.2 for the SM-DS's idempotence codes) and the retry schedule.
#include "bus/delivery.h"

#include <gtest/gtest.h>

namespace smdp::bus {
namespace {

using Outcome = Verdict::Outcome;
using namespace std::chrono_literals;

std::string answer(std::string_view status, std::string_view subject = "",
                   std::string_view reason = "") {
  std::string fes = R"({"status":")" + std::string(status) + "\"";
  if (!subject.empty())
    fes += R"(,"statusCodeData":{"subjectCode":")" + std::string(subject) + R"(","reasonCode":")" +
           std::string(reason) + "\"}";
  return R"({"header":{"functionExecutionStatus":)" + fes + "}}}";
}

TEST(ClassifyAnswer, when_204_or_success_then_delivered) {
  EXPECT_EQ(classify_answer("handleDownloadProgressInfo", 204, "").outcome, Outcome::delivered);
  EXPECT_EQ(classify_answer("handleDownloadProgressInfo", 200, answer("Executed-Success")).outcome,
            Outcome::delivered);
  EXPECT_EQ(
      classify_answer("handleDownloadProgressInfo", 200, answer("Executed-WithWarning")).outcome,
      Outcome::delivered);
  EXPECT_EQ(classify_answer("handleDownloadProgressInfo", 200, "").outcome, Outcome::delivered);
}

TEST(ClassifyAnswer, when_failed_then_refused_with_the_code) {
  const Verdict v =
      classify_answer("handleDownloadProgressInfo", 200, answer("Failed", "1.2", "4.2"));
  EXPECT_EQ(v.outcome, Outcome::refused);
  EXPECT_NE(v.detail.find("1.2/4.2"), std::string::npos);
}

TEST(ClassifyAnswer, when_smds_says_event_exists_or_is_gone_then_delivered) {
  EXPECT_EQ(classify_answer("registerEvent", 200, answer("Failed", "8.9.5", "3.3")).outcome,
            Outcome::delivered);
  EXPECT_EQ(classify_answer("deleteEvent", 200, answer("Failed", "8.9.5", "3.9")).outcome,
            Outcome::delivered);
  // The same codes for the other function mean a refusal.
  EXPECT_EQ(classify_answer("deleteEvent", 200, answer("Failed", "8.9.5", "3.3")).outcome,
            Outcome::refused);
}

TEST(ClassifyAnswer, when_other_http_status_then_retry) {
  for (int status : {0, 301, 400, 404, 500, 503})
    EXPECT_EQ(classify_answer("registerEvent", status, "").outcome, Outcome::retry) << status;
}

TEST(ClassifyAnswer, when_status_has_wrong_json_types_then_no_throw) {
  EXPECT_EQ(classify_answer("registerEvent", 200,
                            R"({"header":{"functionExecutionStatus":{"status":7}}})")
                .outcome,
            Outcome::delivered);
}

core::OutboxMessage fresh(core::TimePoint created) {
  core::OutboxMessage m;
  m.id = 1;
  m.created_at = created;
  m.next_attempt_at = created;
  return m;
}

TEST(AfterAttempt, when_delivered_then_delivered_at_now_and_error_cleared) {
  const core::TimePoint t0{std::chrono::seconds{1'000'000}};
  core::OutboxMessage m = fresh(t0);
  m.last_error = "earlier";
  m = after_attempt(m, {Outcome::delivered, "204"}, t0 + 5s, {});
  EXPECT_EQ(m.state, core::OutboxState::delivered);
  EXPECT_EQ(m.attempts, 1);
  EXPECT_EQ(m.delivered_at, t0 + 5s);
  EXPECT_TRUE(m.last_error.empty());
}

TEST(AfterAttempt, when_retried_then_backoff_doubles_up_to_the_cap) {
  const core::TimePoint t0{std::chrono::seconds{1'000'000}};
  const RetryPolicy policy{2s, 10s, 1h};
  core::OutboxMessage m = fresh(t0);
  std::vector<std::chrono::seconds> waits;
  for (int i = 0; i < 5; ++i) {
    m = after_attempt(m, {Outcome::retry, "HTTP 503"}, t0, policy);
    EXPECT_EQ(m.state, core::OutboxState::pending);
    waits.push_back(std::chrono::duration_cast<std::chrono::seconds>(m.next_attempt_at - t0));
  }
  EXPECT_EQ(waits, (std::vector<std::chrono::seconds>{2s, 4s, 8s, 10s, 10s}));
  EXPECT_EQ(m.last_error, "HTTP 503");
  EXPECT_EQ(m.attempts, 5);
}

TEST(AfterAttempt, when_refused_or_too_old_then_undeliverable) {
  const core::TimePoint t0{std::chrono::seconds{1'000'000}};
  const RetryPolicy policy{2s, 10s, 1h};
  EXPECT_EQ(after_attempt(fresh(t0), {Outcome::refused, "refused"}, t0, policy).state,
            core::OutboxState::undeliverable);
  EXPECT_EQ(after_attempt(fresh(t0), {Outcome::retry, "HTTP 503"}, t0 + 1h, policy).state,
            core::OutboxState::undeliverable);
  EXPECT_EQ(after_attempt(fresh(t0), {Outcome::retry, "HTTP 503"}, t0 + 1h - 1s, policy).state,
            core::OutboxState::pending);
}

}  // namespace
}  // namespace smdp::bus
