// SPDX-License-Identifier: Apache-2.0
// ES9+.HandleNotification JSON binding (SGP.22 §5.6.4, §6.5.2.9).
#include "es9/handle_notification.h"

#include "json/fields.h"
#include "json/status.h"

namespace smdp::es9 {

Result<core::HandleNotificationRequest> parse_handle_notification_request(
    std::string_view json_body) {
  auto body = json::parse_body(json_body);
  if (!body) return std::unexpected(std::move(body.error()));
  auto notification = json::get_der<asn1::PendingNotificationView>(*body, "pendingNotification");
  if (!notification) return std::unexpected(std::move(notification.error()));
  return core::HandleNotificationRequest{std::move(*notification)};
}

}  // namespace smdp::es9
