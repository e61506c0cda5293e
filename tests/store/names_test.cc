// SPDX-License-Identifier: Apache-2.0
// Names of the store's enums and its error category (core/store.cc).
#include <gtest/gtest.h>

#include "core/store.h"

namespace smdp::core {
namespace {

TEST(StoreNames, when_profile_state_named_then_sgp22_spelling_round_trips) {
  const std::pair<ProfileState, std::string_view> expected[] = {
      {ProfileState::available, "Available"},     {ProfileState::allocated, "Allocated"},
      {ProfileState::linked, "Linked"},           {ProfileState::confirmed, "Confirmed"},
      {ProfileState::released, "Released"},       {ProfileState::downloaded, "Downloaded"},
      {ProfileState::installed, "Installed"},     {ProfileState::error, "Error"},
      {ProfileState::unavailable, "Unavailable"},
  };
  for (const auto& [state, name] : expected) {
    EXPECT_EQ(to_string(state), name);
    EXPECT_EQ(profile_state_from_string(name), state);
  }
  EXPECT_FALSE(profile_state_from_string("released"));
  EXPECT_FALSE(profile_state_from_string(""));
}

TEST(StoreNames, when_session_state_named_then_lower_case_round_trips) {
  const std::pair<SessionState, std::string_view> expected[] = {
      {SessionState::initiated, "initiated"}, {SessionState::authenticated, "authenticated"},
      {SessionState::bound, "bound"},         {SessionState::completed, "completed"},
      {SessionState::cancelled, "cancelled"}, {SessionState::failed, "failed"},
  };
  for (const auto& [state, name] : expected) {
    EXPECT_EQ(to_string(state), name);
    EXPECT_EQ(session_state_from_string(name), state);
  }
  EXPECT_FALSE(session_state_from_string("Initiated"));
}

TEST(StoreNames, when_store_error_made_then_category_is_smdp_store) {
  std::error_code ec = StoreErrc::conflict;
  EXPECT_STREQ(ec.category().name(), "smdp.store");
  EXPECT_EQ(ec.message(), "store: conflict");
  EXPECT_EQ(std::error_code(StoreErrc::unavailable).message(), "store: unavailable");
}

}  // namespace
}  // namespace smdp::core
