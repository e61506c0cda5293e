// SPDX-License-Identifier: Apache-2.0
// Outbox events rendered to JSON requests (json/outbox_request.h).
#include "json/outbox_request.h"

#include <nlohmann/json.hpp>
#include <system_error>

#include "json/base64.h"
#include "json/status.h"

namespace smdp::json {
namespace {

// The event's request body as a JSON object, without header.
nlohmann::json event_body(const core::OutboxEvent& e) {
  nlohmann::json body = nlohmann::json::object();
  if (e.eid) body["eid"] = *e.eid;
  switch (e.kind) {
    case core::OutboxEventKind::download_progress: {
      FunctionStatus status;
      if (!e.subject.empty()) status = FunctionStatus::failed({e.subject, e.reason}, e.message);
      body["iccid"] = e.iccid;
      body["profileType"] = e.profile_type;
      body["timestamp"] = e.timestamp;
      body["notificationPointId"] = e.notification_point;
      body["notificationPointStatus"] = status.execution_status();
      if (!e.result_data.empty()) body["resultData"] = base64_encode(e.result_data);
      break;
    }
    case core::OutboxEventKind::register_event:
      body["rspServerAddress"] = e.rsp_server_address;
      body["eventId"] = e.event_id;
      body["forwardingIndicator"] = false;
      break;
    case core::OutboxEventKind::delete_event:
      body["eventId"] = e.event_id;
      break;
  }
  return body;
}

}  // namespace

std::string render_outbox_event(const core::OutboxEvent& e) { return dump(event_body(e)); }

Result<std::string> render_outbox_request(std::string_view stored, std::string_view requester_id,
                                          std::string_view function_call_id) {
  nlohmann::json body;
  if (core::is_legacy_json_body(stored)) {
    body = nlohmann::json::parse(stored, nullptr, false);
  } else {
    auto event = core::decode_outbox_event(stored);
    if (!event) return std::unexpected(event.error());
    body = event_body(*event);
  }
  if (!body.is_object())
    return fail(std::errc::invalid_argument, "stored body is not a JSON object");
  body["header"] = {{"functionRequesterIdentifier", requester_id},
                    {"functionCallIdentifier", function_call_id}};
  return dump(body);
}

}  // namespace smdp::json
