// SPDX-License-Identifier: Apache-2.0
// Guessing of matchingIds (SGP.22 §5.6.3 8.2.6/3.8): unknown matchingIds are counted per
// EID in the store, shared by every instance; after guess_limit.max_failures within the
// window the EID is refused with 8.2.6/3.8 without a lookup until the block ends.
#include "rsp_fixture.h"

namespace smdp::core::testing {
namespace {

constexpr GuessLimit kLimit{.max_failures = 3, .window = std::chrono::seconds{600}};

class Guessing : public RspTest {
 protected:
  void SetUp() override {
    RspTest::SetUp();
    make_server([](RspServerConfig& config) { config.guess_limit = kLimit; });
    p = register_profile();
  }
  std::string attempt(TestCard& c, const std::string& matching_id) {
    if (auto i = initiate(c); !i) return code(i);
    return code(authenticate(c, matching_id));
  }
  int lookups() const { return store_->calls("find_profile_by_matching_id"); }
  ProfileRecord p;
};

TEST_F(Guessing, when_an_eid_guesses_too_often_then_it_is_refused_without_a_lookup_for_a_while) {
  auto c = card();
  for (int i = 0; i < kLimit.max_failures; ++i)
    EXPECT_EQ(attempt(c, "GUESS-" + std::to_string(i)), "8.2.6/3.8");
  const int before = lookups();
  EXPECT_EQ(attempt(c, *p.matching_id), "8.2.6/3.8");  // even the right one
  EXPECT_EQ(lookups(), before);
  EXPECT_EQ(profile(p.iccid).download_attempts, 0);
  // Another EID is not affected.
  auto other = card(Curve::brp, kEidB);
  EXPECT_EQ(attempt(other, "GUESS-B"), "8.2.6/3.8");
  EXPECT_EQ(lookups(), before + 1);
  clock_.advance(kLimit.window + std::chrono::seconds{1});
  EXPECT_EQ(download(c, p.matching_id), "");
}

// Two front instances on one database: the failures of both count for the EID.
TEST_F(Guessing, when_guesses_are_spread_over_two_instances_then_they_add_up) {
  auto second_store = store::SqlStore::open((dir_ / "smdp.db").string());
  ASSERT_TRUE(second_store) << second_store.error().message();
  ProfileSource second_profiles(second_store->get(), std::nullopt);
  RspServerConfig config;
  config.smdp_address = std::string(kAddress);
  config.guess_limit = kLimit;
  auto second = std::make_unique<RspServer>(config, **second_store, second_profiles, *certificates_,
                                            crypto::system_rng(), clock_);
  auto c = card();
  for (int i = 0; i < kLimit.max_failures; ++i) {
    std::swap(server_, second);  // alternate instances; a session stays on one
    EXPECT_EQ(attempt(c, "GUESS-" + std::to_string(i)), "8.2.6/3.8");
  }
  std::swap(server_, second);
  const int before = lookups();
  EXPECT_EQ(attempt(c, *p.matching_id), "8.2.6/3.8");
  std::swap(server_, second);
  EXPECT_EQ(attempt(c, *p.matching_id), "8.2.6/3.8");
  std::swap(server_, second);
  EXPECT_EQ(lookups(), before);
  EXPECT_EQ(profile(p.iccid).download_attempts, 0);
}

TEST_F(Guessing, when_the_limit_is_zero_then_nothing_is_counted) {
  make_server([](RspServerConfig& config) { config.guess_limit.max_failures = 0; });
  auto c = card();
  for (int i = 0; i < 2 * kLimit.max_failures; ++i)
    EXPECT_EQ(attempt(c, "GUESS-" + std::to_string(i)), "8.2.6/3.8");
  EXPECT_EQ(store_->calls("count_unknown_matching_id"), 0);
  EXPECT_EQ(store_->calls("matching_id_blocked_until"), 0);
  EXPECT_EQ(download(c, p.matching_id), "");
}

TEST_F(Guessing, when_the_block_cannot_be_read_then_1_2_4_2) {
  auto c = card();
  store_->fail("matching_id_blocked_until", StoreErrc::unavailable);
  EXPECT_EQ(attempt(c, *p.matching_id), "1.2/4.2");
  EXPECT_EQ(profile(p.iccid).download_attempts, 0);
}

// A count the store cannot write does not change the answer: the matchingId is unknown.
TEST_F(Guessing, when_a_failure_cannot_be_counted_then_still_8_2_6_3_8) {
  auto c = card();
  store_->fail("count_unknown_matching_id", StoreErrc::unavailable);
  EXPECT_EQ(attempt(c, "GUESS"), "8.2.6/3.8");
  EXPECT_EQ(store_->failures(), 1);
}

}  // namespace
}  // namespace smdp::core::testing
