// SPDX-License-Identifier: Apache-2.0
// NATS JetStream (DESIGN.md "bus: ... NATS JetStream"), on libnats (nats.c): the
// connection of a relay or a dispatcher (bus/relay.h, bus/jetstream_dispatcher.h), the
// two streams and the dispatchers' durable consumer. Whichever role connects first
// creates what is missing:
//   SMDP_OUTBOX  subjects smdp.outbox.>  work queue (a message is removed once a
//                dispatcher acknowledged it), file storage, duplicate window 60 s;
//   SMDP_EVENTS  subjects smdp.event.>   kept 7 days (subscribers read at their pace),
//                file storage, duplicate window 120 s;
//   consumer "dispatchers" on SMDP_OUTBOX: durable, pull, explicit acknowledgement,
//                redelivered after NatsConfig::ack_wait without one, without limit.
// The connection reconnects forever; publishing while it is down fails (the relay keeps
// the rows and tries again), fetching returns nothing.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace smdp::bus {

enum class BusErrc {
  unavailable = 1,  // no server, no stream acknowledgement in time, a refusal
};

}  // namespace smdp::bus
SMDP_DECLARE_ERROR_ENUM(smdp::bus, BusErrc)

namespace smdp::bus {

inline constexpr std::string_view kOutboxStream = "SMDP_OUTBOX";
inline constexpr std::string_view kEventStream = "SMDP_EVENTS";
inline constexpr std::string_view kDispatchersConsumer = "dispatchers";

struct NatsConfig {
  std::string url;                          // "nats://host:port", several comma-separated
  std::string name = "smdpp";               // the connection's name, as the server shows it
  std::chrono::milliseconds timeout{5000};  // connecting, a publication's acknowledgement
  std::chrono::seconds ack_wait{60};        // a dispatcher's time to deliver one message
};

// "nats://host:port" URLs are redacted like database URLs: no user or password in logs.
std::string redacted_bus_url(std::string_view url);

// One message fetched from the consumer; acknowledged (done: removed from the work
// queue) or not (redelivered after ack_wait, or after `delay` with nak()).
class Fetched {
 public:
  explicit Fetched(void* message) : message_(message) {}
  Fetched(Fetched&& other) noexcept;
  Fetched& operator=(Fetched&&) = delete;
  Fetched(const Fetched&) = delete;
  ~Fetched();
  std::string_view subject() const;
  std::string_view data() const;
  void ack();
  void nak(std::chrono::milliseconds delay);

 private:
  void* message_;  // natsMsg*
};

class JetStream {
 public:
  // Connects to config.url; when no server answers yet, keeps trying in the background
  // (connected() is false meanwhile) so that a role can start before the bus.
  static Result<std::unique_ptr<JetStream>> connect(const NatsConfig& config);
  ~JetStream();
  JetStream(const JetStream&) = delete;
  JetStream& operator=(const JetStream&) = delete;

  bool connected() const;

  // Creates the streams and the consumer when missing (idempotent).
  Result<void> ensure_streams();

  // Publishes and waits for the stream's acknowledgement. `message_id` (Nats-Msg-Id)
  // makes a second publication within the stream's duplicate window a no-op.
  Result<void> publish(const std::string& subject, std::string_view data,
                       const std::string& message_id);

  // Up to `batch` messages of the dispatchers' consumer, waiting at most `wait` for the
  // first; none when the wait ends or the connection is down.
  Result<std::vector<Fetched>> fetch(int batch, std::chrono::milliseconds wait);

 private:
  struct Impl;
  explicit JetStream(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace smdp::bus
