// SPDX-License-Identifier: Apache-2.0
// The JSON request an outbox message is delivered as (SGP.22 §5.3.5 and §6.5.2.5
// ES2+.HandleDownloadProgressInfo; §5.8.1, §5.8.2 ES12.RegisterEvent, DeleteEvent):
// the stored binding-neutral event (core/outbox_event.h) rendered with its `header`.
// A body stored by an older version (its finished JSON request without header) is
// sent as it is, with the header added, so rows written before an upgrade are still
// delivered.
#pragma once

#include <string>
#include <string_view>

#include "base/error.h"
#include "core/outbox_event.h"

namespace smdp::json {

// The request body for `stored` (an OutboxMessage body) with
// header {functionRequesterIdentifier, functionCallIdentifier}; invalid_argument when
// the stored body is neither a v=1 event nor a JSON object.
Result<std::string> render_outbox_request(std::string_view stored, std::string_view requester_id,
                                          std::string_view function_call_id);

// The JSON body of an event, without header:
//   download_progress  {eid?, iccid, profileType, timestamp, notificationPointId,
//                       notificationPointStatus, resultData?}
//   register_event     {eid, rspServerAddress, eventId, forwardingIndicator: false}
//   delete_event       {eid, eventId}
std::string render_outbox_event(const core::OutboxEvent& event);

}  // namespace smdp::json
