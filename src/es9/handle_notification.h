// SPDX-License-Identifier: Apache-2.0
// ES9+.HandleNotification in the JSON binding (SGP.22 §5.6.4, §6.5.2.9): request
// {pendingNotification}; no response body (HTTP 204).
#pragma once

#include <string_view>

#include "base/error.h"
#include "core/rsp_messages.h"

namespace smdp::es9 {

// Parses a request body; errors as in json/fields.h, naming the field.
Result<core::HandleNotificationRequest> parse_handle_notification_request(
    std::string_view json_body);

}  // namespace smdp::es9
