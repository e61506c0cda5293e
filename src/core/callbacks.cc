// SPDX-License-Identifier: Apache-2.0
#include "core/callbacks.h"

#include <array>
#include <charconv>
#include <cstdio>

#include "base/strings.h"
#include "core/outbox_event.h"

namespace smdp::core {
namespace {

constexpr std::array<std::string_view, 3> kStateEvents{"enable", "disable", "delete"};

OutboxMessage message(std::string interface, std::string destination, std::string function,
                      const std::string& iccid, const OutboxEvent& event, TimePoint now) {
  OutboxMessage m;
  m.interface = std::move(interface);
  m.destination = std::move(destination);
  m.function = std::move(function);
  m.ordering_key = iccid;
  m.body = encode_outbox_event(event);
  m.created_at = now;
  m.next_attempt_at = now;
  return m;
}

// A HandleDownloadProgressInfo event for `profile` at `point`.
OutboxEvent progress_event(const ProfileRecord& profile, int point, const PointStatus& status,
                           ByteView result_data, TimePoint now) {
  OutboxEvent e;
  e.kind = OutboxEventKind::download_progress;
  e.timestamp = format_timestamp(now);
  e.iccid = padded_iccid(profile.iccid);
  e.profile_type = profile.profile_type.value_or("");
  e.eid = profile.eid;
  e.notification_point = point;
  if (status.failure) {
    e.subject = status.failure->subject;
    e.reason = status.failure->reason;
    e.message = status.message;
  }
  e.result_data.assign(result_data.begin(), result_data.end());
  return e;
}

// An ES12 event for the order of `profile`: its matchingId is the eventId.
OutboxEvent es12_event(OutboxEventKind kind, const ProfileRecord& profile, TimePoint now) {
  OutboxEvent e;
  e.kind = kind;
  e.timestamp = format_timestamp(now);
  e.eid = profile.eid;
  e.event_id = profile.matching_id.value_or("");
  return e;
}

// One "event=point" entry: event one of kStateEvents, point 5..255.
std::optional<std::pair<std::string_view, int>> parse_entry(std::string_view entry) {
  const auto eq = entry.find('=');
  if (eq == std::string_view::npos) return std::nullopt;
  const std::string_view event = entry.substr(0, eq);
  const std::string_view digits = entry.substr(eq + 1);
  if (std::ranges::find(kStateEvents, event) == kStateEvents.end()) return std::nullopt;
  int point = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), point);
  if (ec != std::errc() || end != digits.data() + digits.size() || point < 5 || point > 255)
    return std::nullopt;
  return std::pair{event, point};
}

}  // namespace

std::string format_timestamp(TimePoint t) {
  const auto days = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd{days};
  const std::chrono::hh_mm_ss hms{t - days};
  std::array<char, 64> buf{};
  std::snprintf(buf.data(), buf.size(), "%04d-%02u-%02uT%02u:%02u:%02uZ",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<unsigned>(hms.hours().count() % 24),
                static_cast<unsigned>(hms.minutes().count() % 60),
                static_cast<unsigned>(hms.seconds().count() % 60));
  return buf.data();
}

std::string padded_iccid(std::string_view iccid) {
  std::string s(iccid);
  if (s.size() % 2 != 0) s.push_back('F');
  return s;
}

bool valid_state_change_points(std::string_view points) {
  if (points.empty()) return true;
  for (const std::string& entry : split_list(std::string(points))) {
    if (!parse_entry(entry)) return false;
  }
  return true;
}

std::optional<int> state_change_point(std::string_view points, std::string_view event) {
  if (points.empty() || !valid_state_change_points(points)) return std::nullopt;
  for (const std::string& entry : split_list(std::string(points))) {
    const auto parsed = parse_entry(entry);
    if (parsed && parsed->first == event) return parsed->second;
  }
  return std::nullopt;
}

Callbacks::Callbacks(InventoryStore& inventory, OperatorStore& operators, OutboxStore& outbox)
    : inventory_(inventory), operators_(operators), outbox_(outbox) {}

Result<void> Callbacks::append(std::vector<OutboxMessage> messages) {
  if (messages.empty()) return {};
  return outbox_.append_outbox(messages);
}

Result<std::string> Callbacks::type_operator(const std::string& type) {
  {
    std::lock_guard lock(mutex_);
    if (auto it = type_operators_.find(type); it != type_operators_.end()) return it->second;
  }
  auto record = inventory_.get_profile_type(type);
  if (!record) return std::unexpected(record.error());
  const std::optional<ProfileTypeRecord>& known = *record;
  if (!known) return std::string();  // not (yet) stored: asked again next time
  std::lock_guard lock(mutex_);
  return type_operators_.try_emplace(type, known->operator_name).first->second;
}

Result<std::optional<OperatorRecord>> Callbacks::owner(const ProfileRecord& profile) {
  if (!profile.profile_type) return std::optional<OperatorRecord>{};
  auto name = type_operator(*profile.profile_type);
  if (!name) return std::unexpected(name.error());
  if (name->empty()) return std::optional<OperatorRecord>{};
  auto op = operators_.get_operator(*name);
  if (!op) return std::unexpected(op.error());
  std::optional<OperatorRecord>& found = *op;
  if (!found || found->callback_url.empty()) return std::optional<OperatorRecord>{};
  return std::move(found);
}

Result<std::vector<OutboxMessage>> Callbacks::progress(const ProfileRecord& profile,
                                                       NotificationPoint point,
                                                       const PointStatus& status,
                                                       ByteView result_data, TimePoint now) {
  auto op = owner(profile);
  if (!op) return std::unexpected(op.error());
  const std::optional<OperatorRecord>& to = *op;
  if (!to) return std::vector<OutboxMessage>{};
  const OutboxEvent event =
      progress_event(profile, static_cast<int>(point), status, result_data, now);
  return std::vector{
      message("es2", to->name, "handleDownloadProgressInfo", profile.iccid, event, now)};
}

Result<std::vector<OutboxMessage>> Callbacks::state_change(const ProfileRecord& profile,
                                                           std::string_view event, TimePoint now) {
  auto op = owner(profile);
  if (!op) return std::unexpected(op.error());
  const std::optional<OperatorRecord>& to = *op;
  if (!to) return std::vector<OutboxMessage>{};
  const auto point = state_change_point(to->state_change_points, event);
  if (!point) return std::vector<OutboxMessage>{};
  const OutboxEvent progress = progress_event(profile, *point, {}, {}, now);
  return std::vector{
      message("es2", to->name, "handleDownloadProgressInfo", profile.iccid, progress, now)};
}

std::optional<OutboxMessage> register_event(const ProfileRecord& profile,
                                            std::string_view rsp_server_address, TimePoint now) {
  if (!profile.smds_address || !profile.matching_id || !profile.eid) return std::nullopt;
  OutboxEvent event = es12_event(OutboxEventKind::register_event, profile, now);
  event.rsp_server_address = rsp_server_address;
  return message("es12", *profile.smds_address, "registerEvent", profile.iccid, event, now);
}

std::optional<OutboxMessage> delete_event(const ProfileRecord& profile, TimePoint now) {
  if (!profile.smds_address || !profile.matching_id || !profile.eid) return std::nullopt;
  const OutboxEvent event = es12_event(OutboxEventKind::delete_event, profile, now);
  return message("es12", *profile.smds_address, "deleteEvent", profile.iccid, event, now);
}

}  // namespace smdp::core
