// SPDX-License-Identifier: Apache-2.0
// The outbox through NATS JetStream (`smdpp serve --bus`, bus/relay.h,
// bus/jetstream_dispatcher.h) against a real nats-server: HandleDownloadProgressInfo
// (SGP.22 §5.3.5) still arrives once per point and in order per ICCID; nothing is lost
// when no relay runs at commit time or the bus is down; a token that no longer matches
// its message is not delivered again; the domain events reach subscribers.
#include <nats/nats.h>

#include <thread>

#include "bus/nats.h"
#include "es2_fixture.h"
#include "nats_server.h"

namespace smdp::e2e {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

class BusTest : public Es2Test {
 protected:
  void SetUp() override {
    Es2Test::SetUp();
    nats_ = std::make_unique<testing::NatsServer>();
  }

  // The service with the bus, its relay and its dispatcher (tweak: before start).
  void start_bus(bool relay = true) {
    start_es2([&](server::ServiceConfig& c) {
      c.bus = bus::NatsConfig{.url = nats_->url(), .timeout = 2000ms, .ack_wait = 5s};
      c.relay = relay;
      c.dispatch = true;
    });
  }

  // Waits until `iccid` has `n` points at mno_ (or 15 s).
  Points wait_for_points(const std::string& iccid, std::size_t n) {
    const auto deadline = std::chrono::steady_clock::now() + 15s;
    while (points(*mno_, iccid).size() < n && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(20ms);
    return points(*mno_, iccid);
  }

  std::string downloaded_order() {
    const auto [iccid, matching_id] = order();
    auto c = card();
    EXPECT_TRUE(download(c, "1$" + std::string(kAddress) + "$" + matching_id).ok());
    return iccid;
  }

  std::unique_ptr<testing::NatsServer> nats_;
};

const Points kDownloadedAndInstalled{{3, "Executed-Success"}, {4, "Executed-Success"}};

TEST_F(BusTest, when_the_bus_carries_the_outbox_then_each_point_arrives_once_in_order) {
  start_bus();
  const std::string iccid = downloaded_order();
  EXPECT_EQ(wait_for_points(iccid, 2), kDownloadedAndInstalled);
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(mno_->raw_count(), 2);
  const auto delivered = outbox(core::OutboxState::delivered);
  EXPECT_EQ(delivered.size(), 2u);
  EXPECT_TRUE(outbox(core::OutboxState::pending).empty());
}

// A crash between commit and publication: the rows wait in the store until a relay runs.
TEST_F(BusTest, when_no_relay_ran_at_commit_then_a_later_relay_publishes_what_waited) {
  start_bus(/*relay=*/false);
  const std::string iccid = downloaded_order();
  std::this_thread::sleep_for(500ms);
  EXPECT_TRUE(points(*mno_, iccid).empty());
  EXPECT_EQ(outbox(core::OutboxState::pending).size(), 2u);
  start_bus(/*relay=*/true);
  EXPECT_EQ(wait_for_points(iccid, 2), kDownloadedAndInstalled);
}

TEST_F(BusTest, when_the_bus_is_down_then_the_outbox_waits_and_drains_when_it_is_back) {
  start_bus();
  nats_->stop();
  const std::string iccid = downloaded_order();
  std::this_thread::sleep_for(500ms);
  EXPECT_TRUE(points(*mno_, iccid).empty());
  nats_->start();
  EXPECT_EQ(wait_for_points(iccid, 2), kDownloadedAndInstalled);
  EXPECT_TRUE(outbox(core::OutboxState::pending).empty());
}

TEST_F(BusTest, when_a_token_no_longer_matches_its_message_then_it_is_not_delivered_again) {
  start_bus();
  const std::string iccid = downloaded_order();
  ASSERT_EQ(wait_for_points(iccid, 2).size(), 2u);
  const auto delivered = outbox(core::OutboxState::delivered);
  ASSERT_FALSE(delivered.empty());
  auto bus = bus::JetStream::connect({.url = nats_->url()});
  ASSERT_TRUE(bus) << bus.error().message();
  // Attempts 0: the relay's first publication of a message since delivered.
  const std::string token = json{{"id", delivered.front().id}, {"attempts", 0}}.dump();
  ASSERT_TRUE((*bus)->publish("smdp.outbox.es2", token, "test-replay"));
  ASSERT_TRUE((*bus)->publish("smdp.outbox.es2", "not a token", "test-garbage"));
  std::this_thread::sleep_for(1500ms);
  EXPECT_EQ(mno_->raw_count(), 2);
}

// Domain events: a subscriber on smdp.event.> sees the order's states and the finished
// download, each with its id, as JSON.
TEST_F(BusTest, when_an_order_is_downloaded_then_subscribers_see_its_domain_events) {
  natsConnection* nc = nullptr;
  ASSERT_EQ(natsConnection_ConnectTo(&nc, nats_->url().c_str()), NATS_OK);
  natsSubscription* sub = nullptr;
  ASSERT_EQ(natsConnection_SubscribeSync(&sub, nc, "smdp.event.>"), NATS_OK);
  start_bus();
  const std::string iccid = downloaded_order();
  std::vector<std::pair<std::string, json>> seen;
  for (;;) {
    natsMsg* m = nullptr;
    if (natsSubscription_NextMsg(&m, sub, 5000) != NATS_OK) break;
    seen.emplace_back(natsMsg_GetSubject(m),
                      json::parse(std::string(natsMsg_GetData(m),
                                              static_cast<std::size_t>(natsMsg_GetDataLength(m)))));
    natsMsg_Destroy(m);
    if (seen.back().first == "smdp.event.download.finished") break;
  }
  natsSubscription_Destroy(sub);
  natsConnection_Destroy(nc);
  std::vector<std::string> subjects;
  for (const auto& [subject, body] : seen)
    if (body.value("iccid", "") == iccid) subjects.push_back(subject);
  EXPECT_EQ(subjects,
            (std::vector<std::string>{"smdp.event.order.allocated", "smdp.event.order.released",
                                      "smdp.event.order.downloaded", "smdp.event.order.installed",
                                      "smdp.event.download.finished"}));
  ASSERT_FALSE(seen.empty());
  EXPECT_TRUE(seen.back().second["id"].is_number_integer());
  EXPECT_EQ(seen.back().second["result"], "installed");
}

}  // namespace
}  // namespace smdp::e2e
