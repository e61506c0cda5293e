// SPDX-License-Identifier: Apache-2.0
// A replaying Rng for tests: hands out the given bytes in order, then repeats them.
#pragma once

#include <stdexcept>

#include "crypto/rng.h"

namespace smdp::testing {

class FixedRng final : public crypto::Rng {
 public:
  explicit FixedRng(Bytes script) : script_(std::move(script)) {
    if (script_.empty()) throw std::invalid_argument("FixedRng needs bytes");
  }
  void fill(std::span<std::uint8_t> out) override {
    for (auto& b : out) {
      b = script_[pos_];
      pos_ = (pos_ + 1) % script_.size();
    }
  }

 private:
  Bytes script_;
  std::size_t pos_ = 0;
};

}  // namespace smdp::testing
