// SPDX-License-Identifier: Apache-2.0
// The binding-neutral outbox event encoding (core/outbox_event.h).
#include "core/outbox_event.h"

#include <array>
#include <charconv>
#include <map>
#include <system_error>
#include <utility>
#include <vector>

namespace smdp::core {
namespace {

constexpr std::array<std::pair<OutboxEventKind, std::string_view>, 3> kKinds{{
    {OutboxEventKind::download_progress, "downloadProgress"},
    {OutboxEventKind::register_event, "registerEvent"},
    {OutboxEventKind::delete_event, "deleteEvent"},
}};

bool unreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

std::string percent_encode(std::string_view text) {
  static constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    if (unreserved(c)) {
      out.push_back(c);
      continue;
    }
    const auto b = static_cast<unsigned char>(c);
    out.push_back('%');
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 0x0F]);
  }
  return out;
}

std::optional<std::string> percent_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out.push_back(text[i]);
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(text.data() + i + 1, text.data() + i + 3, value, 16);
    if (ec != std::errc() || end != text.data() + i + 3) return std::nullopt;
    out.push_back(static_cast<char>(value));
    i += 2;
  }
  return out;
}

// The key=value pairs of an event, in the fixed order of the encoding.
std::vector<std::pair<std::string_view, std::string>> fields(const OutboxEvent& e) {
  std::string_view kind;
  for (const auto& [k, name] : kKinds) {
    if (k == e.kind) kind = name;
  }
  std::vector<std::pair<std::string_view, std::string>> f{
      {"v", "1"}, {"kind", std::string(kind)}, {"timestamp", e.timestamp}};
  if (e.eid) f.emplace_back("eid", *e.eid);
  if (e.kind == OutboxEventKind::download_progress) {
    f.emplace_back("iccid", e.iccid);
    f.emplace_back("profileType", e.profile_type);
    f.emplace_back("point", std::to_string(e.notification_point));
    f.emplace_back("subject", e.subject);
    f.emplace_back("reason", e.reason);
    f.emplace_back("message", e.message);
    f.emplace_back("resultData", to_hex(e.result_data));
  } else {
    f.emplace_back("eventId", e.event_id);
    if (e.kind == OutboxEventKind::register_event)
      f.emplace_back("rspServerAddress", e.rsp_server_address);
  }
  return f;
}

}  // namespace

std::string encode_outbox_event(const OutboxEvent& event) {
  std::string out;
  for (const auto& [key, value] : fields(event)) {
    if (!out.empty()) out.push_back('&');
    out.append(key).push_back('=');
    out += percent_encode(value);
  }
  return out;
}

Result<OutboxEvent> decode_outbox_event(std::string_view body) {
  auto invalid = [](std::string what) {
    return fail(std::errc::invalid_argument, std::move(what));
  };
  std::map<std::string, std::string, std::less<>> values;
  std::size_t start = 0;
  while (start <= body.size()) {
    const std::size_t amp = std::min(body.find('&', start), body.size());
    const std::string_view pair = body.substr(start, amp - start);
    const std::size_t eq = pair.find('=');
    if (eq == std::string_view::npos) return invalid("outbox event: no '=' in a field");
    auto value = percent_decode(pair.substr(eq + 1));
    if (!value) return invalid("outbox event: bad percent-encoding");
    if (!values.emplace(std::string(pair.substr(0, eq)), std::move(*value)).second)
      return invalid("outbox event: repeated field");
    start = amp + 1;
  }
  auto get = [&](std::string_view key) -> std::string {
    const auto it = values.find(key);
    return it == values.end() ? std::string() : it->second;
  };
  if (get("v") != "1") return invalid("outbox event: not version 1");
  OutboxEvent e;
  bool known = false;
  for (const auto& [k, name] : kKinds) {
    if (get("kind") == name) e.kind = k, known = true;
  }
  if (!known) return invalid("outbox event: unknown kind");
  e.timestamp = get("timestamp");
  if (values.contains("eid")) e.eid = get("eid");
  e.iccid = get("iccid");
  e.profile_type = get("profileType");
  const std::string point = get("point");
  if (e.kind == OutboxEventKind::download_progress) {
    const auto [end, ec] =
        std::from_chars(point.data(), point.data() + point.size(), e.notification_point);
    if (ec != std::errc() || end != point.data() + point.size())
      return invalid("outbox event: bad point");
  }
  e.subject = get("subject");
  e.reason = get("reason");
  e.message = get("message");
  auto result_data = from_hex(get("resultData"));
  if (!result_data) return invalid("outbox event: bad resultData");
  e.result_data = std::move(*result_data);
  e.event_id = get("eventId");
  e.rsp_server_address = get("rspServerAddress");
  // Canonical: exactly what the encoder writes, no field more or less.
  if (encode_outbox_event(e) != body) return invalid("outbox event: not canonical");
  return e;
}

bool is_legacy_json_body(std::string_view body) { return body.starts_with('{'); }

}  // namespace smdp::core
