// SPDX-License-Identifier: Apache-2.0
// The outbox (DESIGN.md principle 4): every message the SM-DP+ owes a peer — an ES2+
// HandleDownloadProgressInfo to an operator (SGP.22 §5.3.5), an ES12 RegisterEvent or
// DeleteEvent to an SM-DS (§5.8.1, §5.8.2) — is appended in the same transaction as
// the state change that caused it, and delivered at least once afterwards by the
// dispatcher (bus/dispatcher.h), in append order per ordering key.
//
// Contract of every implementation (as core::Store: one transaction per call):
// - append assigns increasing ids; a message's body never changes after append.
// - claim_outbox returns due messages (state pending, next_attempt_at <= now, not
//   leased), each the OLDEST pending message of its ordering key, and leases them until
//   now + lease so that no other dispatcher instance claims them meanwhile. A message
//   behind an undeliverable one is not blocked by it.
// - finish_outbox records a delivery attempt's outcome (delivered, retry later, or
//   undeliverable) and drops the lease.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "core/clock.h"

namespace smdp::core {

enum class OutboxState { pending, delivered, undeliverable };
std::string_view to_string(OutboxState state);  // "pending", "delivered", "undeliverable"
std::optional<OutboxState> outbox_state_from_string(std::string_view text);

struct OutboxMessage {
  std::int64_t id = 0;       // set by the store, increasing
  std::string interface;     // "es2" (to an operator) or "es12" (to an SM-DS)
  std::string destination;   // the operator's name, or the SM-DS address
  std::string function;      // "handleDownloadProgressInfo", "registerEvent", "deleteEvent"
  std::string ordering_key;  // delivered in id order per key (the ICCID)
  // The event, encoded (core/outbox_event.h); rows written by versions before it hold
  // the JSON request without header (is_legacy_json_body). No secrets.
  std::string body;
  OutboxState state = OutboxState::pending;
  int attempts = 0;
  TimePoint created_at{};
  TimePoint next_attempt_at{};
  std::optional<TimePoint> delivered_at{};
  std::string last_error{};  // of the last failed attempt, for the operator
};

class OutboxStore {
 public:
  virtual ~OutboxStore() = default;

  // Appends on its own (for messages that come with no state change, such as a refused
  // eligibility check); sets each message's id.
  virtual Result<void> append_outbox(std::span<OutboxMessage> messages) = 0;

  virtual Result<std::vector<OutboxMessage>> claim_outbox(TimePoint now, std::chrono::seconds lease,
                                                          std::size_t limit) = 0;

  // `message` carries the new state, attempts, next_attempt_at, delivered_at and
  // last_error; not_found when the id does not exist.
  virtual Result<void> finish_outbox(const OutboxMessage& message) = 0;

  // The message `id` as stored now; nullopt when it does not exist. (The bus dispatcher
  // checks a message it received against it: bus/jetstream_dispatcher.h.)
  virtual Result<std::optional<OutboxMessage>> get_outbox(std::int64_t id) = 0;

  // Newest first; `state` nullopt: any.
  virtual Result<std::vector<OutboxMessage>> list_outbox(std::optional<OutboxState> state,
                                                         std::size_t limit) = 0;

  // An undeliverable message back to pending, due at `now`; false when the id is not
  // undeliverable.
  virtual Result<bool> requeue_outbox(std::int64_t id, TimePoint now) = 0;
};

}  // namespace smdp::core
