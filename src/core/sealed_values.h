// SPDX-License-Identifier: Apache-2.0
// Subscription values at rest: saip::serialise_values() text sealed with AES-256-GCM
// under the "subscriptions" data key (core/key_provider.h), stored in
// ProfileRecord::sealed_values.
//
// Format: version octet (1) || nonce (12) || ciphertext || tag (16).
// Associated data: "smdpp/subscription/v1/" followed by the ICCID, so a blob copied to
// another profile does not open.
// Opening fails (crypto::Errc::invalid_signature) when the key, ICCID or any octet
// differ, and (crypto::Errc::invalid_length) for an unknown version or a short blob.
#pragma once

#include <cstdint>
#include <string_view>

#include "base/bytes.h"
#include "base/error.h"
#include "crypto/aead.h"
#include "crypto/rng.h"

namespace smdp::core {

inline constexpr std::uint8_t kSealedValuesVersion = 1;

// One data key's sealer, reusing its cipher context (bulk import). Not thread-safe.
class ValueSealer {
 public:
  static Result<ValueSealer> create(ByteView key);  // 32 octets

  Result<Bytes> seal(std::string_view iccid, std::string_view plaintext, crypto::Rng& rng);
  // The plaintext; the caller should OPENSSL_cleanse it when done.
  Result<Bytes> open(std::string_view iccid, ByteView blob);

 private:
  explicit ValueSealer(crypto::Aes256Gcm gcm) : gcm_(std::move(gcm)) {}
  crypto::Aes256Gcm gcm_;
};

Result<Bytes> seal_values(ByteView key, std::string_view iccid, std::string_view plaintext,
                          crypto::Rng& rng);
Result<Bytes> open_values(ByteView key, std::string_view iccid, ByteView blob);

}  // namespace smdp::core
