// SPDX-License-Identifier: Apache-2.0
#include "bus/relay.h"

#include <nlohmann/json.hpp>
#include <vector>

#include "base/log.h"

namespace smdp::bus {

Relay::Relay(RelayConfig config, JetStream& bus, core::Store& store, core::OutboxStore& outbox,
             core::DomainEventStore& events, const core::Clock& clock, http::Registry* metrics)
    : config_(std::move(config)),
      bus_(bus),
      store_(store),
      outbox_(outbox),
      events_(events),
      clock_(clock) {
  if (metrics != nullptr)
    published_ =
        &metrics->counter("smdp_bus_published_total",
                          "Rows the relay published to the message bus, by stream.", {"stream"});
}

// Renewed when less than half of it is left, so that a relay writes the lease every
// relay_lease / 2, not on every pass.
bool Relay::hold_lease() {
  const core::TimePoint now = clock_.now();
  if (now + config_.relay_lease / 2 < held_until_) return true;
  auto held = store_.acquire_lease("relay", config_.holder, now, config_.relay_lease);
  if (!held) {
    log::warn("relay.lease_failed", {{"error", held.error().message()}});
    return false;
  }
  if (!*held) return false;
  held_until_ = now + config_.relay_lease;
  return true;
}

int Relay::publish_outbox() {
  auto claimed = outbox_.claim_outbox(clock_.now(), config_.outbox_lease, config_.batch);
  if (!claimed) {
    log::warn("relay.claim", {{"error", claimed.error().message()}});
    return 0;
  }
  int published = 0;
  for (core::OutboxMessage& message : *claimed) {
    const std::string token =
        nlohmann::json{{"id", message.id}, {"attempts", message.attempts}}.dump();
    auto sent = bus_.publish(
        "smdp.outbox." + message.interface, token,
        "outbox-" + std::to_string(message.id) + "-" + std::to_string(message.attempts));
    if (!sent) {
      // Unchanged but for the lease, due again at once: the next pass publishes it.
      log::warn("relay.publish",
                {{"id", std::to_string(message.id)}, {"error", sent.error().message()}});
      message.next_attempt_at = clock_.now();
      (void)outbox_.finish_outbox(message);
      continue;
    }
    ++published;
  }
  if (published_ != nullptr && published > 0) published_->inc({"outbox"}, published);
  return published;
}

int Relay::publish_events() {
  auto events = events_.unpublished_events(config_.batch);
  if (!events) {
    log::warn("relay.events", {{"error", events.error().message()}});
    return 0;
  }
  std::vector<std::int64_t> done;
  for (const core::DomainEvent& event : *events) {
    nlohmann::json body = nlohmann::json::parse(event.body, nullptr, false);
    if (!body.is_object()) body = nlohmann::json::object();  // written by our triggers only
    body["id"] = event.id;
    auto sent = bus_.publish(event.subject, body.dump(), "event-" + std::to_string(event.id));
    if (!sent) {
      log::warn("relay.publish",
                {{"event", std::to_string(event.id)}, {"error", sent.error().message()}});
      break;  // in id order: the rest waits for the next pass
    }
    done.push_back(event.id);
  }
  if (auto marked = events_.mark_events_published(done, clock_.now()); !marked) {
    log::warn("relay.mark", {{"error", marked.error().message()}});
    return 0;
  }
  if (published_ != nullptr && !done.empty())
    published_->inc({"events"}, static_cast<double>(done.size()));
  return static_cast<int>(done.size());
}

int Relay::run_once() {
  if (!bus_.connected() || !hold_lease()) return 0;
  return publish_outbox() + publish_events();
}

void Relay::start() {
  poller_.start(config_.poll_interval, [this] { return run_once(); });
}

}  // namespace smdp::bus
