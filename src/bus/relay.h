// SPDX-License-Identifier: Apache-2.0
// The relay role (DESIGN.md principle 1: "the relay publishes committed rows to
// JetStream"). The store stays the source of truth; the relay publishes what it
// committed (bus/nats.h has the streams):
// - Outbox messages (core/outbox.h): claimed as the polling dispatcher claims them (due,
//   the oldest pending message of its ICCID, leased), so that one message per ICCID is
//   in flight and they go out in order; published as a token
//   {"id":<outbox id>,"attempts":<attempts so far>} on smdp.outbox.<interface>
//   (Nats-Msg-Id "outbox-<id>-<attempts>"). A dispatcher delivers it and records the
//   outcome, which drops the lease (bus/jetstream_dispatcher.h). Retries come back
//   through the relay when their back-off ends. When no dispatcher finishes a message
//   within the lease, the relay publishes it again; when a publication fails, the lease
//   is dropped at once and the next pass tries again.
// - Domain events (core/domain_events.h): the oldest unpublished, in id order, on their
//   subjects (Nats-Msg-Id "event-<id>"), bodies re-rendered compactly with the event's
//   "id" added, then marked published.
// A crash between commit and publication loses nothing (the rows wait in the store); a
// crash between publication and marking publishes again, which the stream's duplicate
// window or the dispatcher's check absorbs. One relay works at a time, through the store
// lease "relay"; others stand by and take over when its lease runs out.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include "bus/nats.h"
#include "bus/poller.h"
#include "core/clock.h"
#include "core/domain_events.h"
#include "core/outbox.h"
#include "core/store.h"
#include "http/metrics.h"

namespace smdp::bus {

struct RelayConfig {
  std::string holder;  // this instance's name in the lease (host:pid)
  std::chrono::milliseconds poll_interval{200};
  std::chrono::seconds outbox_lease{120};  // as DispatcherConfig::lease
  std::chrono::seconds relay_lease{15};    // how long a silent relay keeps the role
  std::size_t batch = 256;
};

class Relay {
 public:
  // All references must outlive the relay; `metrics` may be null.
  Relay(RelayConfig config, JetStream& bus, core::Store& store, core::OutboxStore& outbox,
        core::DomainEventStore& events, const core::Clock& clock, http::Registry* metrics);
  ~Relay() { stop(); }
  Relay(const Relay&) = delete;
  Relay& operator=(const Relay&) = delete;

  // One pass (when this instance holds the relay lease): returns how many rows were
  // published. Not concurrently with itself.
  int run_once();

  // run_once() every poll_interval on a background thread; stop() waits for the pass.
  void start();
  void stop() { poller_.stop(); }

 private:
  bool hold_lease();
  int publish_outbox();
  int publish_events();

  RelayConfig config_;
  JetStream& bus_;
  core::Store& store_;
  core::OutboxStore& outbox_;
  core::DomainEventStore& events_;
  const core::Clock& clock_;
  http::Counter* published_ = nullptr;
  core::TimePoint held_until_{};
  Poller poller_;  // last: stops before what its passes use
};

}  // namespace smdp::bus
