// SPDX-License-Identifier: Apache-2.0
// core::OutboxStore on SQLite (core/outbox.h, DESIGN.md principle 4): append, claim in
// id order per ordering key (an older pending message blocks, an undeliverable one
// does not), leases, due times, finish, requeue, list; and the messages appended by
// update() and record_notification() in the same transaction as their state change.
#include <gtest/gtest.h>

#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "store_fixture.h"

namespace smdp::store::testing {
namespace {

using core::OutboxMessage;
using core::OutboxState;
using core::ProfileState;
using core::StoreErrc;
using std::chrono::seconds;

constexpr std::int64_t kT = 1'700'000'000;

OutboxMessage message(const std::string& key, const std::string& body,
                      core::TimePoint due = at(kT)) {
  OutboxMessage m;
  m.interface = "es2";
  m.destination = "mno1";
  m.function = "handleDownloadProgressInfo";
  m.ordering_key = key;
  m.body = body;
  m.created_at = at(kT);
  m.next_attempt_at = due;
  return m;
}

std::vector<std::string> bodies(const std::vector<OutboxMessage>& messages) {
  std::vector<std::string> out;
  for (const auto& m : messages) out.push_back(m.body);
  return out;
}

using Bodies = std::vector<std::string>;

class OutboxStoreTest : public StoreTest {
 protected:
  // Appends one message per body, in order.
  std::vector<OutboxMessage> append(std::vector<OutboxMessage> messages) {
    auto r = store_->append_outbox(messages);
    EXPECT_TRUE(r) << r.error().message();
    return messages;
  }

  Bodies claim(std::int64_t now, std::size_t limit = 10, seconds lease = seconds{30}) {
    auto r = store_->claim_outbox(at(now), lease, limit);
    EXPECT_TRUE(r) << r.error().message();
    return r ? bodies(*r) : Bodies{"<error>"};
  }

  void finish(OutboxMessage m, OutboxState state, std::int64_t now) {
    m.state = state;
    m.attempts += 1;
    if (state == OutboxState::delivered) m.delivered_at = at(now);
    m.next_attempt_at = at(now);
    auto r = store_->finish_outbox(m);
    ASSERT_TRUE(r) << r.error().message();
  }
};

TEST_P(OutboxStoreTest, when_appended_then_ids_increase_and_fields_read_back) {
  auto m = message("8900000000000000001", R"({"header":{}})");
  m.interface = "es12";
  m.destination = "smds.example.com";
  m.function = "registerEvent";
  auto got = append({m, message("8900000000000000002", "b")});
  ASSERT_EQ(got.size(), 2U);
  EXPECT_GT(got[0].id, 0);
  EXPECT_GT(got[1].id, got[0].id);

  auto list = store_->list_outbox(std::nullopt, 10);
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 2U);
  const OutboxMessage& stored = (*list)[1];  // newest first
  EXPECT_EQ(stored.id, got[0].id);
  EXPECT_EQ(stored.interface, "es12");
  EXPECT_EQ(stored.destination, "smds.example.com");
  EXPECT_EQ(stored.function, "registerEvent");
  EXPECT_EQ(stored.ordering_key, "8900000000000000001");
  EXPECT_EQ(stored.body, R"({"header":{}})");
  EXPECT_EQ(stored.state, OutboxState::pending);
  EXPECT_EQ(stored.attempts, 0);
  EXPECT_EQ(stored.created_at, at(kT));
  EXPECT_EQ(stored.next_attempt_at, at(kT));
  EXPECT_FALSE(stored.delivered_at.has_value());
  EXPECT_EQ(stored.last_error, "");
}

TEST_P(OutboxStoreTest, when_keys_interleaved_then_only_the_head_of_each_key_is_claimed) {
  auto m = append({message("A", "a1"), message("B", "b1"), message("A", "a2"), message("B", "b2")});
  EXPECT_EQ(claim(kT), (Bodies{"a1", "b1"}));
  // a1 delivered: a2 becomes the head; b1 still leased, so b2 stays blocked.
  finish(m[0], OutboxState::delivered, kT + 1);
  EXPECT_EQ(claim(kT + 1), (Bodies{"a2"}));
  // b1 to retry later: pending again, still the head of B, not due yet.
  auto b1 = m[1];
  b1.state = OutboxState::pending;
  b1.attempts = 1;
  b1.next_attempt_at = at(kT + 100);
  b1.last_error = "HTTP 503";
  ASSERT_TRUE(store_->finish_outbox(b1));
  EXPECT_EQ(claim(kT + 2), Bodies{});
  // b1 due again, and a2's lease (kT + 1 .. kT + 31) has expired: both, in id order.
  EXPECT_EQ(claim(kT + 100), (Bodies{"b1", "a2"}));
  auto list = store_->list_outbox(OutboxState::pending, 10);
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 3U);  // a2, b2, b1 pending; newest first
  EXPECT_EQ(bodies(*list), (Bodies{"b2", "a2", "b1"}));
  EXPECT_EQ((*list)[2].attempts, 1);
  EXPECT_EQ((*list)[2].last_error, "HTTP 503");
}

TEST_P(OutboxStoreTest, when_head_is_undeliverable_then_the_next_message_is_claimable) {
  auto m = append({message("A", "a1"), message("A", "a2")});
  EXPECT_EQ(claim(kT), (Bodies{"a1"}));
  finish(m[0], OutboxState::undeliverable, kT + 1);
  EXPECT_EQ(claim(kT + 1), (Bodies{"a2"}));
}

TEST_P(OutboxStoreTest, when_claimed_then_hidden_until_the_lease_expires) {
  append({message("A", "a1")});
  EXPECT_EQ(claim(kT, 10, seconds{30}), (Bodies{"a1"}));
  EXPECT_EQ(claim(kT + 29), Bodies{});
  EXPECT_EQ(claim(kT + 30), (Bodies{"a1"}));  // the dispatcher that claimed it died
}

TEST_P(OutboxStoreTest, when_not_due_then_skipped_and_its_key_blocked) {
  append({message("A", "a1", at(kT + 60)), message("A", "a2"), message("B", "b1")});
  EXPECT_EQ(claim(kT, 10, seconds{600}), (Bodies{"b1"}));
  EXPECT_EQ(claim(kT + 60), (Bodies{"a1"}));
}

TEST_P(OutboxStoreTest, when_limit_given_then_at_most_limit_oldest_claimed) {
  append({message("A", "a"), message("B", "b"), message("C", "c")});
  EXPECT_EQ(claim(kT, 2), (Bodies{"a", "b"}));
  EXPECT_EQ(claim(kT, 0), Bodies{});
  EXPECT_EQ(claim(kT, 2), (Bodies{"c"}));
}

TEST_P(OutboxStoreTest, when_finished_then_lease_dropped_and_fields_stored) {
  auto m = append({message("A", "a1")});
  EXPECT_EQ(claim(kT), (Bodies{"a1"}));
  auto retry = m[0];
  retry.attempts = 1;
  retry.next_attempt_at = at(kT + 5);  // before the lease would have expired
  retry.last_error = "connect: refused";
  ASSERT_TRUE(store_->finish_outbox(retry));
  EXPECT_EQ(claim(kT + 5), (Bodies{"a1"}));

  auto done = m[0];
  done.state = OutboxState::delivered;
  done.attempts = 2;
  done.delivered_at = at(kT + 6);
  ASSERT_TRUE(store_->finish_outbox(done));
  auto list = store_->list_outbox(OutboxState::delivered, 10);
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 1U);
  EXPECT_EQ((*list)[0].attempts, 2);
  EXPECT_EQ((*list)[0].delivered_at, at(kT + 6));
  EXPECT_EQ(claim(kT + 1000), Bodies{});
}

TEST_P(OutboxStoreTest, when_finishing_an_unknown_id_then_not_found) {
  auto m = message("A", "a1");
  m.id = 999;
  auto r = store_->finish_outbox(m);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, StoreErrc::not_found);
}

TEST_P(OutboxStoreTest, when_requeued_then_only_undeliverable_becomes_pending_and_due) {
  auto m = append({message("A", "a1"), message("B", "b1")});
  finish(m[0], OutboxState::undeliverable, kT + 1);
  auto r = store_->requeue_outbox(m[0].id, at(kT + 500));
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_TRUE(*r);
  EXPECT_EQ(claim(kT + 499), (Bodies{"b1"}));
  EXPECT_EQ(claim(kT + 500), (Bodies{"a1"}));

  auto pending = store_->requeue_outbox(m[1].id, at(kT + 600));  // pending, not undeliverable
  ASSERT_TRUE(pending);
  EXPECT_FALSE(*pending);
  auto unknown = store_->requeue_outbox(12345, at(kT));
  ASSERT_TRUE(unknown);
  EXPECT_FALSE(*unknown);
}

TEST_P(OutboxStoreTest, when_listing_then_newest_first_filtered_and_limited) {
  auto m = append({message("A", "1"), message("B", "2"), message("C", "3")});
  finish(m[1], OutboxState::delivered, kT);
  auto all = store_->list_outbox(std::nullopt, 2);
  ASSERT_TRUE(all);
  EXPECT_EQ(bodies(*all), (Bodies{"3", "2"}));
  auto pending = store_->list_outbox(OutboxState::pending, 10);
  ASSERT_TRUE(pending);
  EXPECT_EQ(bodies(*pending), (Bodies{"3", "1"}));
  auto undeliverable = store_->list_outbox(OutboxState::undeliverable, 10);
  ASSERT_TRUE(undeliverable);
  EXPECT_TRUE(undeliverable->empty());
}

TEST_P(OutboxStoreTest, when_dispatchers_claim_concurrently_then_no_message_is_claimed_twice) {
  std::vector<OutboxMessage> batch;
  for (int i = 0; i < 40; ++i) batch.push_back(message("K" + std::to_string(i), std::to_string(i)));
  append(batch);
  std::mutex mu;
  std::multiset<std::string> claimed;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (;;) {
        auto r = store_->claim_outbox(at(kT), seconds{60}, 3);
        if (!r || r->empty()) return;
        std::lock_guard lock(mu);
        for (const auto& m : *r) claimed.insert(m.body);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(claimed.size(), 40U);
  EXPECT_EQ(std::set<std::string>(claimed.begin(), claimed.end()).size(), 40U);
}

TEST_P(OutboxStoreTest, when_update_succeeds_then_outbox_appended_in_the_same_transaction) {
  auto profile = released_profile("8900000000000000001");
  ASSERT_TRUE(store_->add_profile(profile));
  profile.state = ProfileState::downloaded;
  std::vector<OutboxMessage> out{message(profile.iccid, "dl")};
  auto r = store_->update(nullptr, &profile, out);
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(profile.version, 2);
  EXPECT_GT(out[0].id, 0);
  EXPECT_EQ(claim(kT), (Bodies{"dl"}));
}

TEST_P(OutboxStoreTest, when_update_conflicts_then_nothing_appended) {
  auto profile = released_profile("8900000000000000001");
  ASSERT_TRUE(store_->add_profile(profile));
  auto stale = profile;
  ASSERT_TRUE(store_->update(nullptr, &profile));  // 2-argument overload still visible
  std::vector<OutboxMessage> out{message(profile.iccid, "dl")};
  auto r = store_->update(nullptr, &stale, out);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, StoreErrc::conflict);
  EXPECT_EQ(out[0].id, 0);
  EXPECT_EQ(query_int("SELECT count(*) FROM outbox"), 0);
}

TEST_P(OutboxStoreTest, when_update_has_only_messages_then_they_are_appended) {
  std::vector<OutboxMessage> out{message("A", "a1"), message("A", "a2")};
  ASSERT_TRUE(store_->update(nullptr, nullptr, out));
  EXPECT_GT(out[1].id, out[0].id);
  EXPECT_EQ(query_int("SELECT count(*) FROM outbox"), 2);
}

core::NotificationRecord notification(std::int64_t seq) {
  core::NotificationRecord n;
  n.eid = "89049032123451234512345678901235";
  n.seq_number = seq;
  n.iccid = "8900000000000000001";
  n.event = "install";
  n.result = "installed";
  n.der = {0xBF, 0x37, 0x00};
  n.received_at = at(kT);
  return n;
}

TEST_P(OutboxStoreTest, when_notification_duplicate_then_outbox_not_appended_again) {
  auto profile = released_profile("8900000000000000001");
  ASSERT_TRUE(store_->add_profile(profile));
  profile.state = ProfileState::installed;
  std::vector<OutboxMessage> first{message(profile.iccid, "installed")};
  auto r = store_->record_notification(notification(1), &profile, first);
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_TRUE(*r);
  EXPECT_GT(first[0].id, 0);

  std::vector<OutboxMessage> again{message(profile.iccid, "installed")};
  auto dup = store_->record_notification(notification(1), nullptr, again);
  ASSERT_TRUE(dup) << dup.error().message();
  EXPECT_FALSE(*dup);
  EXPECT_EQ(again[0].id, 0);
  EXPECT_EQ(query_int("SELECT count(*) FROM outbox"), 1);
  // The 2-argument overload is still visible.
  auto plain = store_->record_notification(notification(2), nullptr);
  ASSERT_TRUE(plain);
  EXPECT_TRUE(*plain);
}

TEST_P(OutboxStoreTest, when_notification_profile_conflicts_then_nothing_recorded) {
  auto profile = released_profile("8900000000000000001");
  ASSERT_TRUE(store_->add_profile(profile));
  auto stale = profile;
  ASSERT_TRUE(store_->update(nullptr, &profile));
  std::vector<OutboxMessage> out{message(profile.iccid, "installed")};
  auto r = store_->record_notification(notification(1), &stale, out);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, StoreErrc::conflict);
  EXPECT_EQ(query_int("SELECT count(*) FROM outbox"), 0);
  EXPECT_EQ(query_int("SELECT count(*) FROM notifications"), 0);
}

SMDP_STORE_ENGINES(OutboxStoreTest);

}  // namespace
}  // namespace smdp::store::testing
