// SPDX-License-Identifier: Apache-2.0
// Domain events (DESIGN.md principle 1: "domain events are published for other services
// to subscribe to"): what happened to orders and stock, for billing, analytics and audit.
// The store writes them itself, in the transaction of the change (database triggers, so
// that no path that changes a profile's state can forget one), and the relay role
// (bus/relay.h) publishes them to the message bus. Subjects and bodies are listed in
// README "Message bus":
//   smdp.event.order.<state>        a profile's (order's) state changed; <state> is the
//                                    new state in lower case ("released", "installed" ...)
//   smdp.event.download.finished    the order reached Installed or Error, with its result
//   smdp.event.stock.low            a profile type's Available count fell below its
//                                    threshold
// Bodies are JSON objects. No secrets: ICCIDs, EIDs, states, results and counts only.
//
// Contract of every implementation (one transaction per call, as core::Store):
// - events get increasing ids in commit order of their transactions per ICCID (a later
//   change of one profile never gets a smaller id than an earlier one);
// - unpublished_events returns the oldest unpublished events, by id;
// - mark_events_published is idempotent; published events are purged a day later,
//   unpublished ones (no relay runs: the embedded default) after seven days
//   (core::Store::purge_retained).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "base/error.h"
#include "core/clock.h"

namespace smdp::core {

struct DomainEvent {
  std::int64_t id = 0;
  std::string subject;  // "smdp.event.order.installed" ...
  std::string body;     // a JSON object
  TimePoint created_at{};
};

class DomainEventStore {
 public:
  virtual ~DomainEventStore() = default;

  virtual Result<std::vector<DomainEvent>> unpublished_events(std::size_t limit) = 0;
  virtual Result<void> mark_events_published(std::span<const std::int64_t> ids, TimePoint now) = 0;
};

}  // namespace smdp::core
