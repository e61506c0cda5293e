// SPDX-License-Identifier: Apache-2.0
#include "bus/jetstream_dispatcher.h"

#include <nlohmann/json.hpp>
#include <string>

#include "base/log.h"

namespace smdp::bus {
namespace {

struct Token {
  std::int64_t id = 0;
  int attempts = 0;
};

std::optional<Token> read_token(std::string_view data) {
  const nlohmann::json j = nlohmann::json::parse(data, nullptr, false);
  if (!j.is_object() || !j.contains("id") || !j.contains("attempts") ||
      !j["id"].is_number_integer() || !j["attempts"].is_number_integer())
    return std::nullopt;
  return Token{j["id"].get<std::int64_t>(), j["attempts"].get<int>()};
}

}  // namespace

JetStreamDispatcher::JetStreamDispatcher(JetStream& bus, Dispatcher& delivery,
                                         core::OutboxStore& outbox, http::Registry* metrics)
    : bus_(bus), delivery_(delivery), outbox_(outbox) {
  if (metrics != nullptr)
    consumed_ = &metrics->counter("smdp_bus_consumed_total",
                                  "Outbox tokens a dispatcher took from the bus, by outcome "
                                  "(attempted, stale, malformed, deferred).",
                                  {"outcome"});
}

int JetStreamDispatcher::run_once(int batch, std::chrono::milliseconds wait) {
  auto fetched = bus_.fetch(batch, wait);
  if (!fetched) {
    log::warn("dispatcher.fetch", {{"error", fetched.error().message()}});
    return 0;
  }
  int delivered = 0;
  for (Fetched& message : *fetched) {
    bool done = false;
    const char* outcome = handle(message, done);
    if (done) ++delivered;
    if (consumed_ != nullptr) consumed_->inc({outcome});
  }
  return delivered;
}

const char* JetStreamDispatcher::handle(Fetched& message, bool& delivered) {
  const std::optional<Token> token = read_token(message.data());
  if (!token.has_value()) {
    message.ack();  // not ours: dropped
    return "malformed";
  }
  auto row = outbox_.get_outbox(token->id);
  if (!row) {
    message.nak(std::chrono::milliseconds{1000});
    return "deferred";
  }
  std::optional<core::OutboxMessage> current = std::move(*row);
  if (!current.has_value() || current->state != core::OutboxState::pending ||
      current->attempts != token->attempts) {
    message.ack();
    return "stale";
  }
  delivered = delivery_.attempt(std::move(*current)).outcome == Verdict::Outcome::delivered;
  message.ack();
  return "attempted";
}

void JetStreamDispatcher::start() {
  // The fetch waits for work itself; the interval only paces retries while the bus is down.
  poller_.start(std::chrono::milliseconds{500}, [this] { return run_once(); });
}

}  // namespace smdp::bus
