// SPDX-License-Identifier: Apache-2.0
// What the SM-DP+ tells its peers about an order, as outbox messages (core/outbox.h):
// - ES2+.HandleDownloadProgressInfo to the operator that owns the profile (SGP.22
//   §5.3.5) at each notification point: 1 eligibility and retry-limit check, 2
//   confirmation failure, 3 BPP download, 4 BPP installation (resultData carries the
//   ProfileInstallationResult); plus the operator's configured vendor points (>= 5)
//   for the state changes the eUICC reports (enable, disable, delete);
// - ES12.RegisterEvent / DeleteEvent to the SM-DS named by the order (§5.8.1, §5.8.2);
//   the eventId is the order's matchingId.
//
// Bodies are binding-neutral events (core/outbox_event.h), rendered to their
// interface's request when dispatched. Timestamps: "YYYY-MM-DDThh:mm:ssZ".
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/bytes.h"
#include "base/error.h"
#include "core/inventory_store.h"
#include "core/operator_store.h"
#include "core/outbox.h"
#include "core/status.h"
#include "core/store.h"

namespace smdp::core {

enum class NotificationPoint : int {
  eligibility_check = 1,
  confirmation_failure = 2,
  bpp_download = 3,
  bpp_installation = 4,
};

// The outcome reported at a notification point: success, or failure with its code.
struct PointStatus {
  std::optional<StatusCode> failure;  // nullopt: Executed-Success
  std::string message;                // with a failure; no secrets
};

// "YYYY-MM-DDThh:mm:ssZ".
std::string format_timestamp(TimePoint t);

// An ICCID as ES2+ spells it (answers and callbacks alike, so the operator can match
// them): padded with F to an even length.
std::string padded_iccid(std::string_view iccid);

class Callbacks {
 public:
  // All must outlive this object. Thread-safe. Each profile type's operator is read once
  // and kept (a type never changes once added); the operator's record is read each time
  // (`smdpp operator update` takes effect at once).
  Callbacks(InventoryStore& inventory, OperatorStore& operators, OutboxStore& outbox);

  // The HandleDownloadProgressInfo for `point`, or nothing when the profile has no
  // profile type, its type no operator, or the operator no callback URL. `result_data`:
  // the ProfileInstallationResult DER (point 4 only), else empty.
  Result<std::vector<OutboxMessage>> progress(const ProfileRecord& profile, NotificationPoint point,
                                              const PointStatus& status, ByteView result_data,
                                              TimePoint now);

  // The vendor notification point the owning operator configured for `event`
  // ("enable", "disable", "delete"), as a HandleDownloadProgressInfo; nothing when none.
  Result<std::vector<OutboxMessage>> state_change(const ProfileRecord& profile,
                                                  std::string_view event, TimePoint now);

  // Appends messages that come with no state change (a refused eligibility check).
  Result<void> append(std::vector<OutboxMessage> messages);

 private:
  Result<std::optional<OperatorRecord>> owner(const ProfileRecord& profile);
  // The operator name of the type ("" for none), from the store once.
  Result<std::string> type_operator(const std::string& type);

  std::mutex mutex_;
  std::map<std::string, std::string, std::less<>> type_operators_;
  InventoryStore& inventory_;
  OperatorStore& operators_;
  OutboxStore& outbox_;
};

// ES12.RegisterEvent for a released order with an smds_address and a matching_id
// (eventId); nullopt otherwise. `rsp_server_address`: our SM-DP+ address.
std::optional<OutboxMessage> register_event(const ProfileRecord& profile,
                                            std::string_view rsp_server_address, TimePoint now);
// ES12.DeleteEvent for the same event, when the order has one; nullopt otherwise.
std::optional<OutboxMessage> delete_event(const ProfileRecord& profile, TimePoint now);

// "enable=6,disable=7,delete=8" -> the point for `event`; nullopt when absent or when the
// text is malformed (valid_state_change_points tells).
std::optional<int> state_change_point(std::string_view points, std::string_view event);
bool valid_state_change_points(std::string_view points);

}  // namespace smdp::core
