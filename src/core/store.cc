// SPDX-License-Identifier: Apache-2.0
// Names of the store's enums (profile states as SGP.22 ES2+ §5.3 spells them) and the
// "smdp.store" error category.
#include "core/store.h"

#include <array>
#include <string>
#include <utility>

namespace smdp::core {
namespace {

std::string store_errc_name(StoreErrc e) {
  switch (e) {
    case StoreErrc::conflict:
      return "store: conflict";
    case StoreErrc::not_found:
      return "store: not found";
    case StoreErrc::unavailable:
      return "store: unavailable";
  }
  return "store: unknown error";
}

constexpr std::array<std::pair<ProfileState, std::string_view>, 9> kProfileStates{{
    {ProfileState::available, "Available"},
    {ProfileState::allocated, "Allocated"},
    {ProfileState::linked, "Linked"},
    {ProfileState::confirmed, "Confirmed"},
    {ProfileState::released, "Released"},
    {ProfileState::downloaded, "Downloaded"},
    {ProfileState::installed, "Installed"},
    {ProfileState::error, "Error"},
    {ProfileState::unavailable, "Unavailable"},
}};

constexpr std::array<std::pair<SessionState, std::string_view>, 6> kSessionStates{{
    {SessionState::initiated, "initiated"},
    {SessionState::authenticated, "authenticated"},
    {SessionState::bound, "bound"},
    {SessionState::completed, "completed"},
    {SessionState::cancelled, "cancelled"},
    {SessionState::failed, "failed"},
}};

constexpr std::array<std::pair<OutboxState, std::string_view>, 3> kOutboxStates{{
    {OutboxState::pending, "pending"},
    {OutboxState::delivered, "delivered"},
    {OutboxState::undeliverable, "undeliverable"},
}};

template <class E, std::size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return "unknown";
}

template <class E, std::size_t N>
std::optional<E> value_of(const std::array<std::pair<E, std::string_view>, N>& table,
                          std::string_view text) {
  for (const auto& [v, name] : table) {
    if (name == text) return v;
  }
  return std::nullopt;
}

}  // namespace

SMDP_DEFINE_ERROR_CATEGORY(StoreErrc, "smdp.store", store_errc_name)

std::string_view to_string(ProfileState state) { return name_of(kProfileStates, state); }

std::optional<ProfileState> profile_state_from_string(std::string_view text) {
  return value_of(kProfileStates, text);
}

std::string_view to_string(SessionState state) { return name_of(kSessionStates, state); }

std::optional<SessionState> session_state_from_string(std::string_view text) {
  return value_of(kSessionStates, text);
}

std::string_view to_string(OutboxState state) { return name_of(kOutboxStates, state); }

std::optional<OutboxState> outbox_state_from_string(std::string_view text) {
  return value_of(kOutboxStates, text);
}

}  // namespace smdp::core
