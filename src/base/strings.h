// SPDX-License-Identifier: Apache-2.0
// Small text helpers shared by the command lines.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace smdp {

// "a,b,,c" -> {"a", "b", "c"}: comma-separated items, empty ones dropped.
inline std::vector<std::string> split_list(std::string_view list) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t end = std::min(list.find(',', start), list.size());
    if (end > start) out.emplace_back(list.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

inline char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// ASCII lower case (host names, addresses).
inline std::string to_lower(std::string_view s) {
  std::string out(s);
  std::ranges::transform(out, out.begin(), ascii_lower);
  return out;
}

// ASCII case-insensitive equality (SGP.22 compares SM-DP+/SM-DS addresses so).
inline bool equal_ignore_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::ranges::equal(a, b, [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

}  // namespace smdp
