// SPDX-License-Identifier: Apache-2.0
// Outbox events rendered as JSON requests (json/outbox_request.h; SGP.22 §5.3.5,
// §5.8.1, §5.8.2): the same bodies earlier versions stored as finished JSON, and
// rows stored by those versions still rendered (an upgrade loses no callback).
#include "json/outbox_request.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "json/status.h"

namespace smdp::json {
namespace {

using core::OutboxEvent;
using core::OutboxEventKind;

OutboxEvent progress(int point) {
  OutboxEvent e;
  e.kind = OutboxEventKind::download_progress;
  e.timestamp = "2026-12-07T10:00:00Z";
  e.iccid = "8949990000000000001F";
  e.profile_type = "gtp";
  e.eid = "89049032123451234512345678901235";
  e.notification_point = point;
  return e;
}

TEST(OutboxRequest, when_success_point_rendered_then_handle_download_progress_info_body) {
  EXPECT_EQ(render_outbox_event(progress(3)),
            R"({"eid":"89049032123451234512345678901235","iccid":"8949990000000000001F",)"
            R"("notificationPointId":3,"notificationPointStatus":{"status":"Executed-Success"},)"
            R"("profileType":"gtp","timestamp":"2026-12-07T10:00:00Z"})");
}

TEST(OutboxRequest, when_failed_point_rendered_then_status_code_data_and_result_data) {
  OutboxEvent e = progress(4);
  e.subject = "8.1";
  e.reason = "4.2";
  e.message = "installation failed";
  e.result_data = {0xBF, 0x37, 0x00};
  const auto body = nlohmann::json::parse(render_outbox_event(e));
  EXPECT_EQ(body["notificationPointStatus"],
            nlohmann::json::parse(R"({"status":"Failed","statusCodeData":{"subjectCode":"8.1",)"
                                  R"("reasonCode":"4.2","message":"installation failed"}})"));
  EXPECT_EQ(body["resultData"], "vzcA");
}

TEST(OutboxRequest, when_es12_events_rendered_then_register_and_delete_bodies) {
  OutboxEvent e;
  e.kind = OutboxEventKind::register_event;
  e.eid = "89049032123451234512345678901235";
  e.event_id = "MATCH-1";
  e.rsp_server_address = "smdp.example.com";
  EXPECT_EQ(render_outbox_event(e),
            R"({"eid":"89049032123451234512345678901235","eventId":"MATCH-1",)"
            R"("forwardingIndicator":false,"rspServerAddress":"smdp.example.com"})");
  e.kind = OutboxEventKind::delete_event;
  EXPECT_EQ(render_outbox_event(e),
            R"({"eid":"89049032123451234512345678901235","eventId":"MATCH-1"})");
}

TEST(OutboxRequest, when_stored_event_rendered_then_header_added) {
  auto body = render_outbox_request(core::encode_outbox_event(progress(1)), "smdp.example.com",
                                    "smdp.example.com:7:1");
  ASSERT_TRUE(body) << body.error().message();
  const auto parsed = nlohmann::json::parse(*body);
  EXPECT_EQ(parsed["header"]["functionRequesterIdentifier"], "smdp.example.com");
  EXPECT_EQ(parsed["header"]["functionCallIdentifier"], "smdp.example.com:7:1");
  EXPECT_EQ(parsed["notificationPointId"], 1);
}

// A row written by the previous version holds its JSON request without header.
TEST(OutboxRequest, when_row_from_previous_version_then_sent_as_stored_with_header) {
  const std::string legacy =
      R"({"iccid":"8949990000000000001F","notificationPointId":3,)"
      R"("notificationPointStatus":{"status":"Executed-Success"},"profileType":"gtp",)"
      R"("timestamp":"2026-12-07T10:00:00Z"})";
  auto body = render_outbox_request(legacy, "smdp.example.com", "id-1");
  ASSERT_TRUE(body) << body.error().message();
  auto parsed = nlohmann::json::parse(*body);
  parsed.erase("header");
  EXPECT_EQ(parsed, nlohmann::json::parse(legacy));
}

TEST(OutboxRequest, when_stored_body_is_neither_then_refused) {
  EXPECT_FALSE(render_outbox_request("v=1&kind=nonsense", "a", "b"));
  EXPECT_FALSE(render_outbox_request("{not json", "a", "b"));
  EXPECT_FALSE(render_outbox_request("[1,2]", "a", "b"));
}

TEST(ExecutionStatus, when_peer_answer_has_wrong_types_then_read_without_throwing) {
  EXPECT_EQ(read_execution_status(R"({"header":{"functionExecutionStatus":{"status":5}}})"),
            (std::pair<std::string, std::string>{"", ""}));
  EXPECT_EQ(read_execution_status(
                R"({"header":{"functionExecutionStatus":{"status":"Failed","statusCodeData":)"
                R"({"subjectCode":"8.9.5","reasonCode":3.3}}}})"),
            (std::pair<std::string, std::string>{"Failed", "8.9.5/"}));
  EXPECT_EQ(read_execution_status("not json"), (std::pair<std::string, std::string>{"", ""}));
}

}  // namespace
}  // namespace smdp::json
