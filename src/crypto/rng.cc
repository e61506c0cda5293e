// SPDX-License-Identifier: Apache-2.0
#include "crypto/rng.h"

#include <openssl/rand.h>

#include <cstdlib>

namespace smdp::crypto {

void SystemRng::fill(std::span<std::uint8_t> out) {
  // RAND_bytes fails only if the DRBG cannot be seeded: nothing safe can follow.
  if (!out.empty() && RAND_bytes(out.data(), static_cast<int>(out.size())) != 1) std::abort();
}

Rng& system_rng() {
  static SystemRng rng;
  return rng;
}

}  // namespace smdp::crypto
