// SPDX-License-Identifier: Apache-2.0
// Housekeeping (server/housekeeping.h) of several instances on one database: one holds
// the lease "housekeeping" and purges; the others only refresh their stock gauge, until
// the holder's lease runs out.
#include "server/housekeeping.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

#include "core/profile_source.h"
#include "crypto/rng.h"
#include "http/metrics.h"
#include "store/sql_store.h"
#include "store/store_fixture.h"

namespace smdp::server {
namespace {

// A session that expired two hours before `now`.
core::RspSession expired_session(std::uint8_t id, core::TimePoint now) {
  core::RspSession s = store::testing::new_session(id);
  s.created_at = now - std::chrono::hours{3};
  s.expires_at = now - std::chrono::hours{2};
  return s;
}

TEST(Housekeeping, when_two_instances_run_then_only_the_lease_holder_purges_until_it_expires) {
  std::string tmpl = (std::filesystem::temp_directory_path() / "smdp-hk-XXXXXX").string();
  ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
  const std::filesystem::path dir = tmpl;
  {
    auto store = store::SqlStore::open((dir / "smdp.db").string());
    ASSERT_TRUE(store) << store.error().message();
    core::ManualClock clock{core::TimePoint{std::chrono::seconds{1'700'000'000}}};
    http::Registry metrics_a;
    http::Registry metrics_b;
    core::ProfileSource profiles(store->get(), std::nullopt);
    Housekeeping a(**store, **store, profiles, metrics_a, crypto::system_rng(), clock);
    Housekeeping b(**store, **store, profiles, metrics_b, crypto::system_rng(), clock);

    auto first = expired_session(1, clock.now());
    ASSERT_TRUE((*store)->create_session(first));
    a.run_once();  // takes the lease (60 s) and purges
    EXPECT_FALSE(*(*store)->get_session(first.transaction_id));

    auto second = expired_session(2, clock.now());
    ASSERT_TRUE((*store)->create_session(second));
    clock.advance(std::chrono::seconds{30});
    b.run_once();  // a's lease runs: b leaves the purge to a
    EXPECT_TRUE(*(*store)->get_session(second.transaction_id));
    a.run_once();  // renewed
    EXPECT_FALSE(*(*store)->get_session(second.transaction_id));

    auto third = expired_session(3, clock.now());
    ASSERT_TRUE((*store)->create_session(third));
    clock.advance(std::chrono::seconds{61});  // a stopped renewing: its lease ended
    b.run_once();
    EXPECT_FALSE(*(*store)->get_session(third.transaction_id));
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace smdp::server
