// SPDX-License-Identifier: Apache-2.0
// Counts of private-key operations, by key label and operation, process-wide: what the
// SM-DP+'s keys did (exported as smdp_key_operations_total{key,operation}, README
// "Security"). Labels name a key's role and curve ("dpauth-nist" ...), never its bytes.
// Counting is a mutex-guarded map increment: one per signature, far below a signature's
// cost. Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace smdp {

void count_key_use(std::string_view key, std::string_view operation);

struct KeyUse {
  std::string key;
  std::string operation;
  std::uint64_t count = 0;
};
// Every (key, operation) counted so far.
std::vector<KeyUse> key_uses();

}  // namespace smdp
