// SPDX-License-Identifier: Apache-2.0
#include "core/profile_lifecycle.h"

#include <array>
#include <initializer_list>
#include <string>

namespace smdp::core {
namespace {

std::string errc_name(LifecycleErrc e) {
  switch (e) {
    case LifecycleErrc::invalid_transition:
      return "profile state transition not allowed";
  }
  return "unknown lifecycle error";
}

using S = ProfileState;
constexpr std::size_t kStates = static_cast<std::size_t>(S::unavailable) + 1;

struct Edge {
  S from;
  std::initializer_list<S> to;
};

// The table of profile_lifecycle.h, row by row.
const std::array<std::array<bool, kStates>, kStates>& table() {
  static const auto t = [] {
    std::array<std::array<bool, kStates>, kStates> m{};
    const Edge edges[] = {
        {S::available, {S::allocated, S::linked, S::unavailable}},
        {S::allocated, {S::linked, S::confirmed, S::released, S::available, S::unavailable}},
        {S::linked, {S::allocated, S::confirmed, S::released, S::available, S::unavailable}},
        {S::confirmed, {S::released, S::available, S::unavailable}},
        {S::released, {S::released, S::downloaded, S::error, S::available, S::unavailable}},
        {S::downloaded, {S::downloaded, S::released, S::installed, S::error}},
        {S::error, {S::available, S::unavailable}},
    };
    for (const auto& e : edges) {
      for (S to : e.to) m[static_cast<std::size_t>(e.from)][static_cast<std::size_t>(to)] = true;
    }
    return m;
  }();
  return t;
}

}  // namespace

SMDP_DEFINE_ERROR_CATEGORY(LifecycleErrc, "smdp.lifecycle", errc_name)

bool transition_allowed(ProfileState from, ProfileState to) {
  return table()[static_cast<std::size_t>(from)][static_cast<std::size_t>(to)];
}

Result<void> transition(ProfileRecord& profile, ProfileState to) {
  if (!transition_allowed(profile.state, to))
    return fail(LifecycleErrc::invalid_transition,
                std::string(to_string(profile.state)) + " -> " + std::string(to_string(to)));
  profile.state = to;
  // A bound package is kept for a retry only while the order may still be downloaded.
  if (to != ProfileState::released && to != ProfileState::downloaded) {
    profile.bound_euicc_otpk.clear();
    profile.bound_package.clear();
    profile.bound_until.reset();
  }
  return {};
}

}  // namespace smdp::core
