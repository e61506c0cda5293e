// SPDX-License-Identifier: Apache-2.0
// The dispatcher role with a message bus (`smdpp serve --bus nats://...`): takes the
// relay's tokens ({"id","attempts"} of an outbox message, bus/relay.h) from the durable
// consumer "dispatchers" (bus/nats.h), which every dispatcher instance shares, and
// delivers each message with the rules of bus/dispatcher.h (Dispatcher::attempt: one
// HTTPS attempt, the outcome recorded in the outbox). At least once: a token is
// acknowledged only after the outcome is recorded, and redelivered to any dispatcher
// when its holder dies first. The store stays the truth: a token whose message is no
// longer pending with that many attempts (delivered meanwhile, or a duplicate
// publication) is acknowledged without a delivery; a token that cannot be checked (the
// store is down) is redelivered a second later.
#pragma once

#include <chrono>

#include "bus/dispatcher.h"
#include "bus/nats.h"
#include "bus/poller.h"
#include "core/outbox.h"
#include "http/metrics.h"

namespace smdp::bus {

class JetStreamDispatcher {
 public:
  // All references must outlive it; `metrics` may be null.
  JetStreamDispatcher(JetStream& bus, Dispatcher& delivery, core::OutboxStore& outbox,
                      http::Registry* metrics);
  ~JetStreamDispatcher() { stop(); }
  JetStreamDispatcher(const JetStreamDispatcher&) = delete;
  JetStreamDispatcher& operator=(const JetStreamDispatcher&) = delete;

  // Fetches up to `batch` tokens (waiting at most `wait` for the first) and handles
  // them; returns how many messages were delivered. Not concurrently with itself.
  int run_once(int batch = 16, std::chrono::milliseconds wait = std::chrono::milliseconds{1000});

  void start();
  void stop() { poller_.stop(); }

 private:
  // One token: acknowledged, or not (redelivered later); returns its outcome label and
  // sets `delivered` when the attempt delivered the message.
  const char* handle(Fetched& message, bool& delivered);

  JetStream& bus_;
  Dispatcher& delivery_;
  core::OutboxStore& outbox_;
  http::Counter* consumed_ = nullptr;
  Poller poller_;  // last: stops before what its passes use
};

}  // namespace smdp::bus
