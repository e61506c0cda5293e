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

}  // namespace smdp
