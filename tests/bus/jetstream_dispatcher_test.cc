// SPDX-License-Identifier: Apache-2.0
// The bus dispatcher (bus/jetstream_dispatcher.h) when the store cannot be read: the
// token it took is handed back to the bus (nak, redelivered after a second), nothing is
// attempted or recorded meanwhile, and once the store answers the message is attempted
// exactly once. A real nats-server and SQLite file; the outage is injected at the
// store's interface (a file-backed store cannot be "unreachable" as PostgreSQL can).
#include "bus/jetstream_dispatcher.h"

#include "bus/relay.h"
#include "bus_fixture.h"
#include "http/metrics.h"

namespace smdp::bus {
namespace {

using namespace std::chrono_literals;

// The real store, but get_outbox fails while `down` (the database unreachable).
class Unreachable final : public core::OutboxStore {
 public:
  explicit Unreachable(core::OutboxStore& real) : real_(real) {}
  bool down = true;

  Result<void> append_outbox(std::span<core::OutboxMessage> m) override {
    return real_.append_outbox(m);
  }
  Result<std::vector<core::OutboxMessage>> claim_outbox(core::TimePoint now,
                                                        std::chrono::seconds lease,
                                                        std::size_t limit) override {
    return real_.claim_outbox(now, lease, limit);
  }
  Result<void> finish_outbox(const core::OutboxMessage& m) override {
    return real_.finish_outbox(m);
  }
  Result<std::optional<core::OutboxMessage>> get_outbox(std::int64_t id) override {
    if (down) return fail(core::StoreErrc::unavailable, "connection refused");
    return real_.get_outbox(id);
  }
  Result<std::vector<core::OutboxMessage>> list_outbox(std::optional<core::OutboxState> state,
                                                       std::size_t limit) override {
    return real_.list_outbox(state, limit);
  }
  Result<bool> requeue_outbox(std::int64_t id, core::TimePoint now) override {
    return real_.requeue_outbox(id, now);
  }

 private:
  core::OutboxStore& real_;
};

class JetStreamDispatcherTest : public testing::BusStoreTest {};

TEST_F(JetStreamDispatcherTest, when_the_store_is_unreachable_then_the_token_waits_on_the_bus) {
  append("8949990000000000001", "no-such-operator");
  Relay relay({.holder = "relay:1"}, *bus_, *store_, *store_, *store_, clock_, nullptr);
  ASSERT_EQ(relay.run_once(), 1);

  Unreachable outbox(*store_);
  http::Registry metrics;
  DispatcherConfig config;
  config.requester_id = "smdp.example.com";
  Dispatcher delivery(config, outbox, *store_, clock_, nullptr);
  JetStreamDispatcher dispatcher(*bus_, delivery, outbox, &metrics);
  dispatcher.run_once(8, 2000ms);
  EXPECT_NE(metrics.render().find("smdp_bus_consumed_total{outcome=\"deferred\"} 1"),
            std::string::npos)
      << metrics.render();
  auto row = store_->get_outbox(1);
  ASSERT_TRUE(row && row->has_value());
  EXPECT_EQ((*row)->attempts, 0);  // not attempted

  outbox.down = false;
  dispatcher.run_once(8, 5000ms);  // redelivered a second after the nak
  EXPECT_NE(metrics.render().find("smdp_bus_consumed_total{outcome=\"attempted\"} 1"),
            std::string::npos)
      << metrics.render();
  row = store_->get_outbox(1);
  ASSERT_TRUE(row && row->has_value());
  EXPECT_EQ((*row)->attempts, 1);  // attempted once: the operator is unknown
}

}  // namespace
}  // namespace smdp::bus
