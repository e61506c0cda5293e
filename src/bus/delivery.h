// SPDX-License-Identifier: Apache-2.0
// The delivery rules of the outbox dispatcher (bus/dispatcher.h), as pure functions so
// that they are tested without sockets:
// - what a peer's answer means (SGP.22 §6.5.1: HTTP 204, or 200 with a
//   FunctionExecutionStatus; §5.8.1/§5.8.2: the SM-DS's "already exists" / "no such
//   event" codes mean an earlier attempt got through);
// - when a failed attempt is retried (exponential back-off, capped) or given up.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/outbox.h"

namespace smdp::bus {

// One delivery attempt's outcome: delivered, retried later, or refused by the peer
// (retrying cannot help). `detail` goes to last_error and the log.
struct Verdict {
  enum class Outcome { delivered, retry, refused } outcome = Outcome::retry;
  std::string detail;
};

// The verdict on an HTTP answer to `function` (status and body): 204 or 200 with
// Executed-Success/-WithWarning or no readable status: delivered; 200 with Failed:
// refused, except registerEvent answered 8.9.5/3.3 and deleteEvent answered 8.9.5/3.9
// (delivered); any other HTTP status: retry.
Verdict classify_answer(std::string_view function, int http_status, std::string_view body);

struct RetryPolicy {
  std::chrono::seconds initial_backoff{2};
  std::chrono::seconds max_backoff{600};
  std::chrono::seconds give_up_after{std::chrono::hours{72}};
};

// `message` after an attempt at `now` with `verdict`: attempts + 1; delivered (with
// delivered_at, last_error cleared), or undeliverable (refused, or older than
// give_up_after), or pending again at now + initial_backoff * 2^(attempts-1), capped at
// max_backoff.
core::OutboxMessage after_attempt(core::OutboxMessage message, const Verdict& verdict,
                                  core::TimePoint now, const RetryPolicy& policy);

}  // namespace smdp::bus
