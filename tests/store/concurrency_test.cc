// SPDX-License-Identifier: Apache-2.0
// Concurrent use of the store, on every engine: threads sharing one SqlStore, two
// SqlStore objects (two SM-DP+ instances) on one database, and processes. The
// compare-and-swap must let exactly one session claim a profile and lose no update
// (DESIGN.md principle 4).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <latch>
#include <thread>
#include <vector>

#include "store_fixture.h"

namespace smdp::store::testing {
namespace {

using core::ProfileState;
using core::SessionState;
using core::StoreErrc;

constexpr int kThreads = 8;

class ConcurrencyTest : public StoreTest {
 protected:
  // Every thread reads the same Released profile, then all try to claim it for their
  // own session at once. `stores[i % stores.size()]` serves thread i.
  void race_to_claim(const std::vector<SqlStore*>& stores) {
    auto profile = released_profile("8900000000000000001");
    ASSERT_TRUE(store_->add_profile(profile));
    std::vector<core::RspSession> sessions;
    for (int i = 0; i < kThreads; ++i) {
      sessions.push_back(new_session(static_cast<std::uint8_t>(i + 1)));
      ASSERT_TRUE(store_->create_session(sessions.back()));
    }

    std::latch ready(kThreads);
    std::atomic<int> won{0};
    std::atomic<int> conflicts{0};
    std::atomic<int> other_errors{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i) {
      threads.emplace_back([&, i] {
        SqlStore& store = *stores[static_cast<std::size_t>(i) % stores.size()];
        auto& session = sessions[static_cast<std::size_t>(i)];
        auto read = store.get_profile(profile.iccid);
        if (!read || !read->has_value() || (*read)->state != ProfileState::released) {
          ++other_errors;
          ready.count_down();
          return;
        }
        core::ProfileRecord mine = **read;
        mine.state = ProfileState::allocated;
        mine.session_transaction_id = to_hex(session.transaction_id);
        session.state = SessionState::authenticated;
        session.iccid = mine.iccid;
        ready.arrive_and_wait();  // everyone has read version 1
        auto r = store.update(&session, &mine);
        if (r) {
          ++won;
        } else if (r.error().code == StoreErrc::conflict) {
          ++conflicts;
        } else {
          ++other_errors;
        }
      });
    }
    for (auto& t : threads) t.join();

    EXPECT_EQ(won.load(), 1);
    EXPECT_EQ(conflicts.load(), kThreads - 1);
    EXPECT_EQ(other_errors.load(), 0);

    auto stored = store_->get_profile(profile.iccid);
    ASSERT_TRUE(stored && stored->has_value());
    EXPECT_EQ((*stored)->state, ProfileState::allocated);
    EXPECT_EQ((*stored)->version, 2);
    int holders = 0;
    for (const auto& s : sessions) {
      auto got = store_->get_session(s.transaction_id);
      ASSERT_TRUE(got && got->has_value());
      if ((*got)->iccid) {
        ++holders;
        EXPECT_EQ((*got)->version, 2);
        EXPECT_EQ((*stored)->session_transaction_id, to_hex(s.transaction_id));
      } else {
        EXPECT_EQ((*got)->version, 1);
        EXPECT_EQ((*got)->state, SessionState::initiated);
      }
    }
    EXPECT_EQ(holders, 1);
  }

  // Each thread increments download_attempts `per_thread` times, re-reading after a
  // lost compare-and-swap: no increment may be lost.
  void increment_concurrently(const std::vector<SqlStore*>& stores, int per_thread) {
    auto profile = released_profile("8900000000000000002");
    ASSERT_TRUE(store_->add_profile(profile));
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i) {
      threads.emplace_back([&, i] {
        SqlStore& store = *stores[static_cast<std::size_t>(i) % stores.size()];
        for (int done = 0; done < per_thread;) {
          auto read = store.get_profile(profile.iccid);
          if (!read || !read->has_value()) {
            ++failures;
            return;
          }
          core::ProfileRecord p = **read;
          ++p.download_attempts;
          auto r = store.update(nullptr, &p);
          if (r) {
            ++done;
          } else if (r.error().code != StoreErrc::conflict) {
            ++failures;
            return;
          }
        }
      });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(failures.load(), 0);
    auto stored = store_->get_profile(profile.iccid);
    ASSERT_TRUE(stored && stored->has_value());
    EXPECT_EQ((*stored)->download_attempts, kThreads * per_thread);
    EXPECT_EQ((*stored)->version, 1 + kThreads * per_thread);
  }
};

TEST_P(ConcurrencyTest, when_eight_threads_claim_one_profile_then_exactly_one_wins) {
  race_to_claim({store_.get()});
}

TEST_P(ConcurrencyTest, when_two_stores_on_one_file_claim_one_profile_then_exactly_one_wins) {
  auto second = SqlStore::open(location_);
  ASSERT_TRUE(second) << second.error().message();
  race_to_claim({store_.get(), second->get()});
}

TEST_P(ConcurrencyTest, when_threads_increment_with_retry_then_no_update_is_lost) {
  increment_concurrently({store_.get()}, 25);
}

TEST_P(ConcurrencyTest, when_two_stores_increment_with_retry_then_no_update_is_lost) {
  auto second = SqlStore::open(location_);
  ASSERT_TRUE(second) << second.error().message();
  increment_concurrently({store_.get(), second->get()}, 25);
}

// Processes, each with its own store on the same database, increment one profile with
// retry; a child reports through its exit status (0: all its increments landed).
TEST_P(ConcurrencyTest, when_processes_increment_with_retry_then_no_update_is_lost) {
  constexpr int kProcesses = 3;
  constexpr int kPerProcess = 20;
  auto profile = released_profile("8900000000000000003");
  ASSERT_TRUE(store_->add_profile(profile));
  std::vector<pid_t> children;
  std::fflush(nullptr);  // no buffered output copied into the children
  for (int i = 0; i < kProcesses; ++i) {
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      auto mine = SqlStore::open(location_);
      if (!mine) _exit(2);
      for (int done = 0; done < kPerProcess;) {
        auto read = (*mine)->get_profile(profile.iccid);
        if (!read || !read->has_value()) _exit(3);
        core::ProfileRecord p = **read;
        ++p.download_attempts;
        auto r = (*mine)->update(nullptr, &p);
        if (r) {
          ++done;
        } else if (r.error().code != StoreErrc::conflict) {
          _exit(4);
        }
      }
      _exit(0);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "child status " << status;
  }
  auto stored = store_->get_profile(profile.iccid);
  ASSERT_TRUE(stored && stored->has_value());
  EXPECT_EQ((*stored)->download_attempts, kProcesses * kPerProcess);
  EXPECT_EQ((*stored)->version, 1 + kProcesses * kPerProcess);
}

SMDP_STORE_ENGINES(ConcurrencyTest);

}  // namespace
}  // namespace smdp::store::testing
