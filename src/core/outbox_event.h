// SPDX-License-Identifier: Apache-2.0
// What an outbox message says, binding-neutral (core/outbox.h): what happened, to which
// order, for whom. Written in the transaction of the state change that causes it and
// rendered to its interface's request only when dispatched (json/outbox_request.h for
// the JSON binding), so a binding change never rewrites stored rows.
//
// Stored encoding (OutboxMessage::body): "v=1&kind=...&key=value..." with keys in a
// fixed order, values percent-encoded (RFC 3986 unreserved characters kept), bytes as
// hex. decode_outbox_event accepts exactly what encode_outbox_event writes for v=1 and
// refuses anything else (a body written by an older version is its finished JSON
// request, recognised by its leading '{': is_legacy_json_body).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/bytes.h"
#include "base/error.h"

namespace smdp::core {

enum class OutboxEventKind {
  download_progress,  // ES2+.HandleDownloadProgressInfo (SGP.22 §5.3.5)
  register_event,     // ES12.RegisterEvent (§5.8.1)
  delete_event,       // ES12.DeleteEvent (§5.8.2)
};

struct OutboxEvent {
  OutboxEventKind kind = OutboxEventKind::download_progress;
  std::string timestamp;  // "YYYY-MM-DDThh:mm:ssZ", when it happened

  // download_progress.
  std::string iccid;         // as ES2+ spells it (F-padded to an even length)
  std::string profile_type;  // may be empty
  std::optional<std::string> eid;
  int notification_point = 0;  // 1..4, or an operator's vendor point (>= 5)
  // The point's status: Executed-Success when subject is empty, else Failed with
  // subject/reason and an optional message (no secrets).
  std::string subject;
  std::string reason;
  std::string message;
  Bytes result_data;  // ProfileInstallationResult DER (point 4), else empty

  // register_event and delete_event: the eventId (the order's matchingId) and, for
  // register_event, our address. eid is set for both.
  std::string event_id;
  std::string rsp_server_address;

  friend bool operator==(const OutboxEvent&, const OutboxEvent&) = default;
};

std::string encode_outbox_event(const OutboxEvent& event);

// invalid_argument (std::errc) for a body that is not a v=1 encoding.
Result<OutboxEvent> decode_outbox_event(std::string_view body);

// A body written before events were binding-neutral: a JSON request without header.
bool is_legacy_json_body(std::string_view body);

}  // namespace smdp::core
