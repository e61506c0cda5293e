// SPDX-License-Identifier: Apache-2.0
// The source of randomness for challenges, transaction IDs, one-time keys and PPKs.
// Injected everywhere so tests can replay a recorded session. Production code uses
// SystemRng (OpenSSL's DRBG).
#pragma once

#include "base/bytes.h"

namespace smdp::crypto {

class Rng {
 public:
  virtual ~Rng() = default;
  // Fills `out` with random bytes. Thread safety is up to the implementation;
  // SystemRng is thread-safe. Aborts if the system DRBG fails (unrecoverable).
  virtual void fill(std::span<std::uint8_t> out) = 0;

  Bytes bytes(std::size_t n) {
    Bytes b(n);
    fill(b);
    return b;
  }
};

class SystemRng final : public Rng {
 public:
  void fill(std::span<std::uint8_t> out) override;
};

// Process-wide SystemRng.
Rng& system_rng();

}  // namespace smdp::crypto
