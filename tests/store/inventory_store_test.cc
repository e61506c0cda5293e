// SPDX-License-Identifier: Apache-2.0
// core::InventoryStore on SQLite: templates, profile types, batch import with duplicate
// ICCIDs/IMSIs, allocation by profile type (oldest first, never the same profile to
// two callers), the low-stock event once per crossing, counts, precompute candidates,
// events, and the migration of a version-1 file.
#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>
#include <vector>

#include "store_fixture.h"

namespace smdp::store::testing {
namespace {

using core::ProfileState;
using core::StoreErrc;

core::TemplateRecord a_template(const std::string& name) {
  core::TemplateRecord t;
  t.name = name;
  t.package = {0xA0, 0x03, 0x80, 0x01, 0x01};
  t.sha256 = Bytes(32, 0x5A);
  t.created_at = at(1'700'000'000);
  return t;
}

core::ProfileTypeRecord a_type(const std::string& name, int threshold = 0) {
  core::ProfileTypeRecord t;
  t.name = name;
  t.template_name = "tpl";
  t.variables = "iccid,imsi,ki,opc";
  t.metadata = {0xBF, 0x25, 0x03, 0x5A, 0x01, 0x00};
  t.low_stock_threshold = threshold;
  t.precompute = 2;
  t.max_download_attempts = 5;
  t.created_at = at(1'700'000'100);
  return t;
}

// The n-th subscription of a type: ICCID and IMSI derived from n.
core::ProfileRecord subscription(const std::string& type, int n) {
  core::ProfileRecord p;
  p.iccid = "89000000000000" + std::to_string(100000 + n);
  p.state = ProfileState::available;
  p.profile_type = type;
  p.imsi = "00101" + std::to_string(1000000000 + n);
  p.sealed_values = Bytes{0x01, static_cast<std::uint8_t>(n), 0xEE};
  p.updated_at = at(1'700'000'200);
  return p;
}

class InventoryStoreTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    ASSERT_TRUE(store_->add_template(a_template("tpl")));
  }

  void add_type(const std::string& name, int threshold = 0) {
    auto r = store_->add_profile_type(a_type(name, threshold));
    ASSERT_TRUE(r) << r.error().message();
  }

  void add_stock(const std::string& type, int from, int count) {
    std::vector<core::ProfileRecord> batch;
    for (int i = from; i < from + count; ++i) batch.push_back(subscription(type, i));
    auto skipped = store_->add_profiles(batch);
    ASSERT_TRUE(skipped) << skipped.error().message();
    ASSERT_TRUE(skipped->empty());
  }

  std::vector<core::InventoryEvent> events() {
    auto e = store_->list_events(0, 1000);
    EXPECT_TRUE(e);
    return e ? *e : std::vector<core::InventoryEvent>{};
  }
};

TEST_P(InventoryStoreTest, when_template_added_then_get_returns_it_and_list_omits_package) {
  auto got = store_->get_template("tpl");
  ASSERT_TRUE(got && got->has_value());
  EXPECT_EQ((*got)->package, a_template("tpl").package);
  EXPECT_EQ((*got)->sha256, Bytes(32, 0x5A));
  EXPECT_EQ((*got)->created_at, at(1'700'000'000));
  ASSERT_TRUE(store_->add_template(a_template("another")));
  auto list = store_->list_templates();
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].name, "another");  // by name
  EXPECT_EQ((*list)[1].name, "tpl");
  EXPECT_TRUE((*list)[1].package.empty());
  EXPECT_EQ((*list)[1].sha256, Bytes(32, 0x5A));
  auto none = store_->get_template("nope");
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->has_value());
}

TEST_P(InventoryStoreTest, when_template_name_exists_then_add_template_conflicts) {
  auto r = store_->add_template(a_template("tpl"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, StoreErrc::conflict);
}

TEST_P(InventoryStoreTest, when_profile_type_added_then_every_field_reads_back) {
  auto with_ttl = a_type("with-ttl", 7);
  with_ttl.order_ttl = std::chrono::seconds{86400};
  ASSERT_TRUE(store_->add_profile_type(with_ttl));
  add_type("plain");
  auto got = store_->get_profile_type("with-ttl");
  ASSERT_TRUE(got && got->has_value());
  const auto& t = **got;
  EXPECT_EQ(t.template_name, "tpl");
  EXPECT_EQ(t.variables, "iccid,imsi,ki,opc");
  EXPECT_EQ(t.metadata, with_ttl.metadata);
  EXPECT_EQ(t.low_stock_threshold, 7);
  EXPECT_EQ(t.precompute, 2);
  EXPECT_EQ(t.max_download_attempts, 5);
  EXPECT_EQ(t.order_ttl, std::chrono::seconds{86400});
  EXPECT_EQ(t.created_at, at(1'700'000'100));
  auto list = store_->list_profile_types();
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].name, "plain");
  EXPECT_FALSE((*list)[0].order_ttl.has_value());
  auto none = store_->get_profile_type("nope");
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->has_value());
}

TEST_P(InventoryStoreTest, when_profile_type_exists_or_template_unknown_then_add_fails) {
  add_type("gtp");
  auto dup = store_->add_profile_type(a_type("gtp"));
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, StoreErrc::conflict);
  auto orphan = a_type("orphan");
  orphan.template_name = "missing";
  auto r = store_->add_profile_type(orphan);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, StoreErrc::not_found);
}

TEST_P(InventoryStoreTest, when_batch_added_then_profiles_read_back_with_inventory_fields) {
  add_type("gtp");
  std::vector<core::ProfileRecord> batch{subscription("gtp", 1), subscription("gtp", 2)};
  auto skipped = store_->add_profiles(batch);
  ASSERT_TRUE(skipped) << skipped.error().message();
  EXPECT_TRUE(skipped->empty());
  EXPECT_EQ(batch[0].version, 1);
  EXPECT_EQ(batch[1].version, 1);
  auto got = store_->get_profile(batch[1].iccid);
  ASSERT_TRUE(got && got->has_value());
  expect_same(**got, batch[1]);
  EXPECT_EQ((*got)->profile_type, "gtp");
  EXPECT_EQ((*got)->imsi, batch[1].imsi);
  EXPECT_EQ((*got)->sealed_values, batch[1].sealed_values);
  EXPECT_TRUE((*got)->protected_package.empty());
  auto empty = std::vector<core::ProfileRecord>{};
  auto none = store_->add_profiles(empty);
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

TEST_P(InventoryStoreTest, when_iccid_or_imsi_already_stored_then_row_skipped_and_rest_inserted) {
  add_type("gtp");
  add_stock("gtp", 1, 2);
  auto same_iccid = subscription("gtp", 1);
  same_iccid.imsi = "001019999999999";
  auto same_imsi = subscription("gtp", 3);
  same_imsi.imsi = subscription("gtp", 2).imsi;
  auto twice = subscription("gtp", 5);  // the same row twice in one batch
  std::vector<core::ProfileRecord> batch{same_iccid, subscription("gtp", 4), same_imsi, twice,
                                         twice};
  auto skipped = store_->add_profiles(batch);
  ASSERT_TRUE(skipped) << skipped.error().message();
  EXPECT_EQ(*skipped, (std::vector<std::size_t>{0, 2, 4}));
  EXPECT_EQ(batch[0].version, 0);
  EXPECT_EQ(batch[1].version, 1);
  EXPECT_EQ(query_int("SELECT count(*) FROM profiles"), 4);
  auto kept = store_->get_profile(subscription("gtp", 1).iccid);
  ASSERT_TRUE(kept && kept->has_value());
  EXPECT_EQ((*kept)->imsi, subscription("gtp", 1).imsi);  // not overwritten
}

TEST_P(InventoryStoreTest, when_a_row_names_an_unknown_type_then_whole_batch_fails) {
  add_type("gtp");
  std::vector<core::ProfileRecord> batch{subscription("gtp", 1), subscription("nope", 2)};
  auto r = store_->add_profiles(batch);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, StoreErrc::not_found);
  EXPECT_EQ(query_int("SELECT count(*) FROM profiles"), 0);
}

TEST_P(InventoryStoreTest, when_profile_updated_then_inventory_fields_are_written) {
  add_type("gtp");
  add_stock("gtp", 1, 1);
  auto p = **store_->get_profile(subscription("gtp", 1).iccid);
  p.protected_package = {1, 2, 3, 4};
  ASSERT_TRUE(store_->update(nullptr, &p));
  auto got = store_->get_profile(p.iccid);
  ASSERT_TRUE(got && got->has_value());
  EXPECT_EQ((*got)->protected_package, (Bytes{1, 2, 3, 4}));
  EXPECT_EQ((*got)->version, 2);
}

TEST_P(InventoryStoreTest, when_allocating_then_oldest_available_of_the_type_is_allocated) {
  add_type("gtp");
  add_type("other");
  add_stock("other", 100, 1);
  add_stock("gtp", 1, 2);
  auto first = store_->allocate_profile("gtp", at(1'700'001'000));
  ASSERT_TRUE(first && first->has_value()) << (first ? "" : first.error().message());
  EXPECT_EQ((*first)->iccid, subscription("gtp", 1).iccid);
  EXPECT_EQ((*first)->state, ProfileState::allocated);
  EXPECT_EQ((*first)->version, 2);
  EXPECT_EQ((*first)->updated_at, at(1'700'001'000));
  auto stored = store_->get_profile((*first)->iccid);
  ASSERT_TRUE(stored && stored->has_value());
  expect_same(**stored, **first);
  auto second = store_->allocate_profile("gtp", at(1'700'001'001));
  ASSERT_TRUE(second && second->has_value());
  EXPECT_EQ((*second)->iccid, subscription("gtp", 2).iccid);
  auto none = store_->allocate_profile("gtp", at(1'700'001'002));
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->has_value());
  auto other = store_->get_profile(subscription("other", 100).iccid);
  ASSERT_TRUE(other && other->has_value());
  EXPECT_EQ((*other)->state, ProfileState::available);
}

TEST_P(InventoryStoreTest, when_type_unknown_then_allocate_is_not_found) {
  auto r = store_->allocate_profile("nope", at(1));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, StoreErrc::not_found);
}

TEST_P(InventoryStoreTest, when_threads_allocate_concurrently_then_no_profile_is_given_twice) {
  constexpr int kStock = 120;
  constexpr int kThreads = 4;
  add_type("gtp");
  add_stock("gtp", 0, kStock);
  std::mutex mutex;
  std::vector<std::string> taken;
  std::atomic<int> errors{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (;;) {
        auto r = store_->allocate_profile("gtp", at(1'700'002'000));
        if (!r) {
          ++errors;
          return;
        }
        if (!r->has_value()) return;
        std::lock_guard lock(mutex);
        taken.push_back((*r)->iccid);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(taken.size(), static_cast<std::size_t>(kStock));
  EXPECT_EQ(std::set<std::string>(taken.begin(), taken.end()).size(),
            static_cast<std::size_t>(kStock));
  EXPECT_EQ(query_int("SELECT count(*) FROM profiles WHERE state = 'Allocated'"), kStock);
}

TEST_P(InventoryStoreTest, when_stock_crosses_below_threshold_then_one_event_per_crossing) {
  add_type("gtp", 3);
  add_stock("gtp", 0, 5);
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(store_->allocate_profile("gtp", at(1'700'003'000 + i)));
  // 5 -> 4 -> 3 -> 2 (crossed) -> 1 -> 0
  auto e = events();
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].type, "low_stock");
  EXPECT_EQ(e[0].profile_type, "gtp");
  EXPECT_EQ(e[0].detail, R"({"available":2,"threshold":3})");
  EXPECT_EQ(e[0].created_at, at(1'700'003'002));
  // ... and its domain event (core/domain_events.h), after the five allocations' own.
  auto published = store_->unpublished_events(100);
  ASSERT_TRUE(published);
  ASSERT_EQ(published->size(), 6u);
  EXPECT_EQ((*published)[0].subject, "smdp.event.order.allocated");
  EXPECT_EQ((*published)[3].subject, "smdp.event.stock.low");
  const auto low = nlohmann::json::parse((*published)[3].body);
  EXPECT_EQ(low["profileType"], "gtp");
  EXPECT_EQ(low["available"], 2);
  EXPECT_EQ(low["threshold"], 3);
  EXPECT_EQ(low["at"], "2023-11-14T23:03:22Z");                     // the inventory event's time
  ASSERT_TRUE(store_->allocate_profile("gtp", at(1'700'003'010)));  // none left: no event
  EXPECT_EQ(events().size(), 1u);

  add_stock("gtp", 10, 4);  // replenished to 4, falling again crosses again
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(store_->allocate_profile("gtp", at(1'700'004'000 + i)));
  e = events();
  ASSERT_EQ(e.size(), 2u);
  EXPECT_GT(e[1].id, e[0].id);
  EXPECT_EQ(e[1].created_at, at(1'700'004'001));
}

TEST_P(InventoryStoreTest, when_threshold_is_zero_then_no_event) {
  add_type("gtp", 0);
  add_stock("gtp", 0, 2);
  ASSERT_TRUE(store_->allocate_profile("gtp", at(1)));
  ASSERT_TRUE(store_->allocate_profile("gtp", at(2)));
  EXPECT_TRUE(events().empty());
}

TEST_P(InventoryStoreTest, when_events_listed_then_after_id_and_limit_apply) {
  add_type("a", 1);
  add_type("b", 1);
  add_type("c", 1);
  for (const char* t : {"a", "b", "c"}) {
    add_stock(t, t[0] * 10, 1);
    ASSERT_TRUE(store_->allocate_profile(t, at(5)));
  }
  auto all = store_->list_events(0, 10);
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 3u);
  auto page = store_->list_events((*all)[0].id, 1);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->size(), 1u);
  EXPECT_EQ((*page)[0].profile_type, "b");
  auto rest = store_->list_events((*all)[2].id, 10);
  ASSERT_TRUE(rest);
  EXPECT_TRUE(rest->empty());
}

TEST_P(InventoryStoreTest, when_counting_then_per_type_and_state_in_order) {
  add_type("gtp");
  add_type("alpha");
  add_stock("gtp", 0, 3);
  add_stock("alpha", 10, 1);
  auto registered = released_profile("8900000000000000001");
  ASSERT_TRUE(store_->add_profile(registered));
  ASSERT_TRUE(store_->allocate_profile("gtp", at(1)));
  auto counts = store_->inventory_counts();
  ASSERT_TRUE(counts);
  ASSERT_EQ(counts->size(), 4u);
  auto expect = [&](std::size_t i, const char* type, ProfileState state, std::int64_t n) {
    EXPECT_EQ((*counts)[i].profile_type, type) << i;
    EXPECT_EQ((*counts)[i].state, state) << i;
    EXPECT_EQ((*counts)[i].count, n) << i;
  };
  expect(0, "", ProfileState::released, 1);
  expect(1, "alpha", ProfileState::available, 1);
  expect(2, "gtp", ProfileState::available, 2);
  expect(3, "gtp", ProfileState::allocated, 1);
}

// Only the next `limit` profiles count: a pass must not precompute the whole stock.
TEST_P(InventoryStoreTest, when_precompute_candidates_listed_then_only_among_the_next_ones) {
  add_type("gtp");
  add_stock("gtp", 0, 4);
  auto first = **store_->get_profile(subscription("gtp", 0).iccid);
  first.protected_package = {9};
  ASSERT_TRUE(store_->update(nullptr, &first));
  auto got = store_->profiles_to_precompute("gtp", ProfileState::available, 2);
  ASSERT_TRUE(got);
  ASSERT_EQ(got->size(), 1u);  // of the 2 oldest, only the second lacks one
  EXPECT_EQ((*got)[0].iccid, subscription("gtp", 1).iccid);
  got = store_->profiles_to_precompute("gtp", ProfileState::available, 3);
  ASSERT_TRUE(got);
  ASSERT_EQ(got->size(), 2u);
  EXPECT_EQ((*got)[0].iccid, subscription("gtp", 1).iccid);
  EXPECT_EQ((*got)[1].iccid, subscription("gtp", 2).iccid);
  auto allocated = store_->profiles_to_precompute("gtp", ProfileState::allocated, 10);
  ASSERT_TRUE(allocated);
  EXPECT_TRUE(allocated->empty());
}

SMDP_STORE_ENGINES(InventoryStoreTest);

}  // namespace
}  // namespace smdp::store::testing
