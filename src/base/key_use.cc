// SPDX-License-Identifier: Apache-2.0
#include "base/key_use.h"

#include <map>
#include <mutex>
#include <utility>

namespace smdp {
namespace {

std::mutex mutex;
std::map<std::pair<std::string, std::string>, std::uint64_t, std::less<>> counts;

}  // namespace

void count_key_use(std::string_view key, std::string_view operation) {
  const std::scoped_lock lock(mutex);
  ++counts[{std::string(key), std::string(operation)}];
}

std::vector<KeyUse> key_uses() {
  const std::scoped_lock lock(mutex);
  std::vector<KeyUse> out;
  out.reserve(counts.size());
  for (const auto& [k, n] : counts) out.push_back({k.first, k.second, n});
  return out;
}

}  // namespace smdp
