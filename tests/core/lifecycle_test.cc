// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "core/profile_lifecycle.h"

namespace smdp::core {
namespace {

using S = ProfileState;

TEST(Lifecycle, when_following_the_sgp22_download_path_then_every_step_is_allowed) {
  ProfileRecord p;
  p.state = S::available;
  for (S to : {S::linked, S::confirmed, S::released, S::downloaded, S::installed})
    ASSERT_TRUE(transition(p, to)) << to_string(to);
  EXPECT_EQ(p.state, S::installed);
}

TEST(Lifecycle, when_a_step_is_skipped_or_a_final_state_left_then_it_is_refused) {
  const std::pair<S, S> refused[] = {
      {S::available, S::released},    {S::available, S::downloaded}, {S::allocated, S::installed},
      {S::confirmed, S::downloaded},  {S::installed, S::available},  {S::installed, S::error},
      {S::unavailable, S::available}, {S::error, S::released},       {S::downloaded, S::available},
  };
  for (auto [from, to] : refused) {
    ProfileRecord p;
    p.state = from;
    auto moved = transition(p, to);
    ASSERT_FALSE(moved) << to_string(from) << " -> " << to_string(to);
    EXPECT_EQ(moved.error().code, LifecycleErrc::invalid_transition);
    EXPECT_EQ(p.state, from);  // unchanged
  }
}

TEST(Lifecycle, when_an_order_is_cancelled_then_only_unfinished_states_return_to_stock) {
  for (S from : {S::allocated, S::linked, S::confirmed, S::released, S::error}) {
    EXPECT_TRUE(transition_allowed(from, S::available)) << to_string(from);
    EXPECT_TRUE(transition_allowed(from, S::unavailable)) << to_string(from);
  }
  EXPECT_FALSE(transition_allowed(S::downloaded, S::available));
  EXPECT_FALSE(transition_allowed(S::installed, S::unavailable));
}

}  // namespace
}  // namespace smdp::core
