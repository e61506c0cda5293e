// SPDX-License-Identifier: Apache-2.0
// Test helpers that change ES9+ request bodies the way an attacker or a broken LPA
// would: a base64 DER field rewritten, a signature flipped, a signed part re-signed.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "base/bytes.h"
#include "crypto/ec.h"
#include "json/base64.h"

namespace smdp::e2e {

// Applies `change` to the DER of base64 field `field` of the JSON `body`.
inline void tamper_der_field(std::string& body, const std::string& field,
                             const std::function<void(Bytes&)>& change) {
  auto json = nlohmann::json::parse(body);
  Bytes der = *smdp::json::base64_decode(json[field].get<std::string>());
  change(der);
  json[field] = smdp::json::base64_encode(der);
  body = json.dump();
}

// Flips one bit inside the first 5F37 (64-byte) signature value of `der`.
inline void flip_first_signature(Bytes& der) {
  for (std::size_t i = 0; i + 3 + 64 <= der.size(); ++i) {
    if (der[i] == 0x5F && der[i + 1] == 0x37 && der[i + 2] == 0x40) {
      der[i + 3 + 10] ^= 0x01;
      return;
    }
  }
  ADD_FAILURE() << "no 5F37 signature found";
}

// Offset of `part` (a span into `whole`) in `whole`.
inline std::size_t offset_in(const Bytes& whole, ByteView part) {
  return static_cast<std::size_t>(part.data() - whole.data());
}

// Re-signs: replaces the 64 signature bytes at `signature_at` with a signature by `key`
// over whole[signed_at, signed_at + signed_size).
inline void resign(Bytes& whole, std::size_t signed_at, std::size_t signed_size,
                   std::size_t signature_at, const crypto::EcPrivateKey& key) {
  const ByteView message(whole.data() + signed_at, signed_size);
  auto sig = key.sign(message);
  ASSERT_TRUE(sig);
  std::copy(sig->begin(), sig->end(), whole.begin() + static_cast<std::ptrdiff_t>(signature_at));
}

}  // namespace smdp::e2e
