// SPDX-License-Identifier: Apache-2.0
// Domain events (core/domain_events.h): written by the store's triggers in the
// transaction of a profile's state change, read oldest first and marked published by the
// relay; the same subjects and bodies on both engines.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <vector>

#include "store_fixture.h"

namespace smdp::store::testing {
namespace {

using nlohmann::json;

class DomainEventStoreTest : public StoreTest {
 protected:
  std::vector<core::DomainEvent> unpublished() {
    auto events = store_->unpublished_events(100);
    EXPECT_TRUE(events) << events.error().message();
    return events ? *events : std::vector<core::DomainEvent>{};
  }

  void move_to(core::ProfileRecord& p, core::ProfileState state, std::string result = {}) {
    p.state = state;
    if (!result.empty()) p.result = std::move(result);
    auto updated = store_->update(nullptr, &p);
    ASSERT_TRUE(updated) << updated.error().message();
  }
};

TEST_P(DomainEventStoreTest, when_an_order_changes_state_then_one_event_names_both_states) {
  auto p = released_profile("8900000000000000001");
  p.eid = "89049032123451234512345678901235";
  ASSERT_TRUE(store_->add_profile(p));
  EXPECT_TRUE(unpublished().empty());  // a new profile is no state change

  move_to(p, core::ProfileState::downloaded);
  const auto events = unpublished();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].subject, "smdp.event.order.downloaded");
  const json body = json::parse(events[0].body);
  EXPECT_EQ(body["iccid"], p.iccid);
  EXPECT_EQ(body["eid"], *p.eid);
  EXPECT_TRUE(body["profileType"].is_null());
  EXPECT_EQ(body["from"], "Released");
  EXPECT_EQ(body["to"], "Downloaded");
  EXPECT_EQ(body["at"].get<std::string>().size(), 20u);  // YYYY-MM-DDThh:mm:ssZ
}

TEST_P(DomainEventStoreTest, when_an_order_is_installed_then_the_download_finished_event_follows) {
  auto p = released_profile("8900000000000000002");
  ASSERT_TRUE(store_->add_profile(p));
  move_to(p, core::ProfileState::downloaded);
  move_to(p, core::ProfileState::installed, "installed");
  const auto events = unpublished();
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[1].subject, "smdp.event.order.installed");
  EXPECT_EQ(events[2].subject, "smdp.event.download.finished");
  EXPECT_LT(events[0].id, events[1].id);
  EXPECT_LT(events[1].id, events[2].id);
  const json finished = json::parse(events[2].body);
  EXPECT_EQ(finished["state"], "Installed");
  EXPECT_EQ(finished["result"], "installed");
  EXPECT_TRUE(finished["eid"].is_null());
}

TEST_P(DomainEventStoreTest, when_a_write_keeps_the_state_then_no_event) {
  auto p = released_profile("8900000000000000003");
  ASSERT_TRUE(store_->add_profile(p));
  p.download_attempts = 1;
  ASSERT_TRUE(store_->update(nullptr, &p));
  EXPECT_TRUE(unpublished().empty());
}

TEST_P(DomainEventStoreTest, when_a_compare_and_swap_fails_then_no_event) {
  auto p = released_profile("8900000000000000004");
  ASSERT_TRUE(store_->add_profile(p));
  auto stale = p;
  move_to(p, core::ProfileState::downloaded);
  stale.state = core::ProfileState::error;
  EXPECT_FALSE(store_->update(nullptr, &stale));
  EXPECT_EQ(unpublished().size(), 1u);  // the downloaded one only
}

TEST_P(DomainEventStoreTest, when_events_are_marked_published_then_they_are_not_returned_again) {
  auto p = released_profile("8900000000000000005");
  ASSERT_TRUE(store_->add_profile(p));
  move_to(p, core::ProfileState::downloaded);
  move_to(p, core::ProfileState::error, "error:8/3");
  auto events = unpublished();
  ASSERT_EQ(events.size(), 3u);
  const std::vector<std::int64_t> first{events[0].id};
  ASSERT_TRUE(store_->mark_events_published(first, at(1'700'000'000)));
  ASSERT_TRUE(store_->mark_events_published(first, at(1'700'000'001)));  // idempotent
  events = unpublished();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].subject, "smdp.event.order.error");

  auto limited = store_->unpublished_events(1);
  ASSERT_TRUE(limited);
  ASSERT_EQ(limited->size(), 1u);
  EXPECT_EQ(limited->front().id, events[0].id);  // oldest first
}

TEST_P(DomainEventStoreTest, when_purging_then_published_events_go_after_a_day) {
  auto p = released_profile("8900000000000000006");
  ASSERT_TRUE(store_->add_profile(p));
  move_to(p, core::ProfileState::downloaded);
  move_to(p, core::ProfileState::released);
  auto events = unpublished();
  ASSERT_EQ(events.size(), 2u);
  const std::vector<std::int64_t> first{events[0].id};
  const core::TimePoint now = core::SystemClock().now();
  ASSERT_TRUE(store_->mark_events_published(first, now - std::chrono::hours{25}));
  ASSERT_TRUE(store_->purge_retained(now));
  EXPECT_EQ(query_int("SELECT count(*) FROM domain_events"), 1);  // the unpublished one stays
  ASSERT_TRUE(store_->purge_retained(now + std::chrono::hours{24 * 8}));
  EXPECT_EQ(query_int("SELECT count(*) FROM domain_events"), 0);
}

SMDP_STORE_ENGINES(DomainEventStoreTest);

}  // namespace
}  // namespace smdp::store::testing
