// SPDX-License-Identifier: Apache-2.0
// What the store keeps for a while only (core/store.h): bound packages kept for a
// retry until bound_until, and unknown-matchingId counts per EID with their block.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "store_fixture.h"

namespace smdp::store::testing {
namespace {

class RetentionStoreTest : public StoreTest {};

constexpr const char* kGuessingEid = "89049032123451234512345678901235";
constexpr const char* kQuietEid = "89049032000000000000000000000019";

core::ProfileRecord with_bound_package(const std::string& iccid, std::int64_t until) {
  auto p = released_profile(iccid);
  p.state = core::ProfileState::downloaded;
  p.bound_euicc_otpk = Bytes(65, 0x04);
  p.bound_package = Bytes(12'700, 0xBF);
  p.bound_until = at(until);
  return p;
}

TEST_P(RetentionStoreTest, when_purging_retained_then_only_packages_past_their_window_are_dropped) {
  auto expired = with_bound_package("8900000000000000001", 1'000);
  auto kept = with_bound_package("8900000000000000002", 3'000);
  ASSERT_TRUE(store_->add_profile(expired));
  ASSERT_TRUE(store_->add_profile(kept));
  auto purged = store_->purge_retained(at(2'000));
  ASSERT_TRUE(purged) << purged.error().message();
  EXPECT_EQ(*purged, 1);
  auto dropped = store_->get_profile(expired.iccid);
  ASSERT_TRUE(dropped && dropped->has_value());
  EXPECT_TRUE((*dropped)->bound_package.empty());
  EXPECT_TRUE((*dropped)->bound_euicc_otpk.empty());
  EXPECT_FALSE((*dropped)->bound_until);
  EXPECT_EQ((*dropped)->state, core::ProfileState::downloaded);  // the order itself stays
  EXPECT_EQ((*dropped)->version, 2);  // a concurrent compare-and-swap sees the change
  auto still = store_->get_profile(kept.iccid);
  ASSERT_TRUE(still && still->has_value());
  EXPECT_EQ((*still)->bound_package, kept.bound_package);
  EXPECT_EQ((*still)->version, 1);
}

TEST_P(RetentionStoreTest, when_unknown_matching_ids_reach_the_limit_then_the_eid_is_blocked) {
  const core::GuessLimit limit{.max_failures = 3, .window = std::chrono::seconds{100}};
  for (std::int64_t t : {1'000, 1'010}) {
    auto counted = store_->count_unknown_matching_id(kGuessingEid, at(t), limit);
    ASSERT_TRUE(counted) << counted.error().message();
    EXPECT_FALSE(*counted);
  }
  auto third = store_->count_unknown_matching_id(kGuessingEid, at(1'020), limit);
  ASSERT_TRUE(third);
  EXPECT_EQ(*third, at(1'120));  // blocked for a window from the third failure
  auto blocked = store_->matching_id_blocked_until(kGuessingEid);
  ASSERT_TRUE(blocked);
  EXPECT_EQ(*blocked, at(1'120));
  auto other = store_->matching_id_blocked_until(kQuietEid);
  ASSERT_TRUE(other);
  EXPECT_FALSE(*other);
}

TEST_P(RetentionStoreTest, when_the_window_ends_then_the_count_starts_again) {
  const core::GuessLimit limit{.max_failures = 3, .window = std::chrono::seconds{100}};
  ASSERT_TRUE(store_->count_unknown_matching_id(kGuessingEid, at(1'000), limit));
  ASSERT_TRUE(store_->count_unknown_matching_id(kGuessingEid, at(1'050), limit));
  // The window began at 1000: at 1100 it has ended, this failure is the first of a new one.
  for (std::int64_t t : {1'100, 1'150}) {
    auto counted = store_->count_unknown_matching_id(kGuessingEid, at(t), limit);
    ASSERT_TRUE(counted);
    EXPECT_FALSE(*counted) << t;
  }
  EXPECT_EQ(query_int("SELECT failures FROM matching_id_failures"), 2);
  auto third = store_->count_unknown_matching_id(kGuessingEid, at(1'199), limit);
  ASSERT_TRUE(third);
  EXPECT_EQ(*third, at(1'299));
}

TEST_P(RetentionStoreTest,
       when_purging_retained_then_ended_counts_go_and_blocks_stay_until_they_end) {
  const core::GuessLimit limit{.max_failures = 2, .window = std::chrono::seconds{100}};
  ASSERT_TRUE(store_->count_unknown_matching_id(kGuessingEid, at(1'000), limit));
  ASSERT_TRUE(
      store_->count_unknown_matching_id(kGuessingEid, at(1'090), limit));  // blocked to 1190
  ASSERT_TRUE(store_->count_unknown_matching_id(kQuietEid, at(1'000), limit));
  auto purged = store_->purge_retained(at(1'150));
  ASSERT_TRUE(purged);
  EXPECT_EQ(*purged, 1);  // kQuietEid's window ended; kGuessingEid's block has not
  EXPECT_EQ(query_int("SELECT count(*) FROM matching_id_failures"), 1);
  ASSERT_TRUE(store_->purge_retained(at(1'190)));
  EXPECT_EQ(query_int("SELECT count(*) FROM matching_id_failures"), 0);
}

// Two store objects on one file (as two front instances): every attempt counts once.
TEST_P(RetentionStoreTest, when_two_instances_count_concurrently_then_no_attempt_is_lost) {
  auto second = SqlStore::open(location_);
  ASSERT_TRUE(second) << second.error().message();
  const core::GuessLimit limit{.max_failures = 1'000, .window = std::chrono::seconds{3'600}};
  constexpr int kPerThread = 25;
  std::vector<std::thread> threads;
  for (core::Store* s :
       {static_cast<core::Store*>(store_.get()), static_cast<core::Store*>(second->get())}) {
    for (int t = 0; t < 2; ++t) {
      threads.emplace_back([s, &limit] {
        for (int i = 0; i < kPerThread; ++i)
          EXPECT_TRUE(s->count_unknown_matching_id(kGuessingEid, at(1'000), limit));
      });
    }
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(query_int("SELECT failures FROM matching_id_failures"), 4 * kPerThread);
}

TEST_P(RetentionStoreTest, when_a_lease_runs_then_only_its_holder_renews_it_until_it_expires) {
  const std::chrono::seconds minute{60};
  auto a = store_->acquire_lease("housekeeping", "a", at(1000), minute);
  ASSERT_TRUE(a) << a.error().message();
  EXPECT_TRUE(*a);
  EXPECT_FALSE(*store_->acquire_lease("housekeeping", "b", at(1030), minute));  // a's runs
  EXPECT_TRUE(*store_->acquire_lease("other-task", "b", at(1030), minute));     // per name
  EXPECT_TRUE(*store_->acquire_lease("housekeeping", "a", at(1030), minute));   // renewed to 1090
  EXPECT_FALSE(*store_->acquire_lease("housekeeping", "b", at(1089), minute));
  EXPECT_TRUE(*store_->acquire_lease("housekeeping", "b", at(1090), minute));  // expired
  EXPECT_FALSE(*store_->acquire_lease("housekeeping", "a", at(1100), minute));
}

TEST_P(RetentionStoreTest, when_instances_race_for_a_free_lease_then_exactly_one_gets_it) {
  auto second = SqlStore::open(location_);
  ASSERT_TRUE(second) << second.error().message();
  std::atomic<int> held{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      SqlStore& store = i % 2 == 0 ? *store_ : **second;
      auto r = store.acquire_lease("housekeeping", "holder-" + std::to_string(i), at(1000),
                                   std::chrono::seconds{60});
      if (r && *r) ++held;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(held.load(), 1);
}

SMDP_STORE_ENGINES(RetentionStoreTest);

}  // namespace
}  // namespace smdp::store::testing
