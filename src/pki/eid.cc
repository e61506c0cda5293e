// SPDX-License-Identifier: Apache-2.0
#include "pki/eid.h"

#include <algorithm>

namespace smdp::pki {
namespace {

bool all_digits(std::string_view s) {
  return std::ranges::all_of(s, [](char c) { return c >= '0' && c <= '9'; });
}

unsigned mod97(std::string_view digits) {
  unsigned r = 0;
  for (char c : digits) r = (r * 10 + static_cast<unsigned>(c - '0')) % 97;
  return r;
}

}  // namespace

bool is_eid(std::string_view eid) { return eid.size() == kEidDigits && all_digits(eid); }

bool is_eid_prefix(std::string_view prefix) {
  return !prefix.empty() && prefix.size() <= kEidDigits - 2 && all_digits(prefix);
}

bool eid_check_digits_ok(std::string_view eid) { return is_eid(eid) && mod97(eid) == 1; }

std::optional<std::string> make_eid(std::string_view prefix, std::string_view body) {
  if (!is_eid_prefix(prefix)) return std::nullopt;
  const std::size_t body_len = kEidDigits - 2 - prefix.size();
  if (body.size() < body_len || !all_digits(body)) return std::nullopt;
  std::string eid(prefix);
  eid += body.substr(0, body_len);
  const unsigned check = 98 - mod97(eid + "00");
  eid += static_cast<char>('0' + check / 10);
  eid += static_cast<char>('0' + check % 10);
  return eid;
}

}  // namespace smdp::pki
