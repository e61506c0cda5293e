// SPDX-License-Identifier: Apache-2.0
// ES9+.HandleNotification in the JSON binding (SGP.22 §5.6.4, §6.5.2.9): request
// {pendingNotification}; the answer is always HTTP 204 with an empty body, so there is
// no response renderer.
#pragma once

#include <string_view>

#include "asn1/notification.h"
#include "es9/request.h"

namespace smdp::es9 {

struct HandleNotificationRequest {
  // ProfileInstallationResult (BF37) or OtherSignedNotification (30).
  DerField<asn1::PendingNotificationView> pending_notification;
};

// Parses a request body; errors as in es9/request.h, naming the field. The caller still
// answers 204 on error (and logs it).
Result<HandleNotificationRequest> parse_handle_notification_request(std::string_view json_body);

}  // namespace smdp::es9
