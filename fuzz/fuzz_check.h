// SPDX-License-Identifier: Apache-2.0
// Shared by the fuzz targets: FUZZ_CHECK aborts (so libFuzzer and the replays report a
// crash) when an invariant does not hold, naming it on stderr first.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "base/bytes.h"

#define FUZZ_CHECK(cond)                                                                  \
  do {                                                                                    \
    if (!(cond)) {                                                                        \
      std::fprintf(stderr, "%s:%d: invariant violated: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                       \
    }                                                                                     \
  } while (false)

namespace smdp::fuzz {

inline ByteView input(const std::uint8_t* data, std::size_t size) { return {data, size}; }

inline bool same(ByteView a, ByteView b) {
  return a.size() == b.size() && (a.empty() || std::equal(a.begin(), a.end(), b.begin()));
}

}  // namespace smdp::fuzz
