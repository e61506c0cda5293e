// SPDX-License-Identifier: Apache-2.0
// Delivery rules of the outbox dispatcher (bus/delivery.h).
#include "bus/delivery.h"

#include <algorithm>
#include <cstdint>

#include "json/status.h"

namespace smdp::bus {

Verdict classify_answer(std::string_view function, int http_status, std::string_view body) {
  using Outcome = Verdict::Outcome;
  if (http_status == 204) return {Outcome::delivered, "204"};
  if (http_status != 200) return {Outcome::retry, "HTTP " + std::to_string(http_status)};
  const auto [status, code] = json::read_execution_status(body);
  if (status.empty() || status == "Executed-Success" || status == "Executed-WithWarning")
    return {Outcome::delivered, "200 " + status};
  // An earlier attempt got through (§5.8.1/§5.8.2 codes of the SM-DS).
  if ((function == "registerEvent" && code == "8.9.5/3.3") ||
      (function == "deleteEvent" && code == "8.9.5/3.9"))
    return {Outcome::delivered, "200 " + status + " " + code};
  return {Outcome::refused, "refused: " + status + " " + code};
}

core::OutboxMessage after_attempt(core::OutboxMessage message, const Verdict& verdict,
                                  core::TimePoint now, const RetryPolicy& policy) {
  message.attempts += 1;
  if (verdict.outcome == Verdict::Outcome::delivered) {
    message.state = core::OutboxState::delivered;
    message.delivered_at = now;
    message.last_error.clear();
    return message;
  }
  message.last_error = verdict.detail;
  const bool expired = now - message.created_at >= policy.give_up_after;
  if (verdict.outcome == Verdict::Outcome::refused || expired) {
    message.state = core::OutboxState::undeliverable;
    return message;
  }
  const int doublings = std::min(message.attempts - 1, 20);
  message.next_attempt_at =
      now + std::min<std::chrono::seconds>(policy.initial_backoff * (std::int64_t{1} << doublings),
                                           policy.max_backoff);
  return message;
}

}  // namespace smdp::bus
