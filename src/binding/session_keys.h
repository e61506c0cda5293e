// SPDX-License-Identifier: Apache-2.0
// BSP session keys (SGP.22 §2.6.7 / §3.1.3 ES8+ key agreement): ECKA shared secret ->
// X9.63 KDF (SHA-256) -> initial MAC chaining value, S-ENC, S-MAC (16 bytes each).
#pragma once

#include <array>

#include "base/bytes.h"
#include "base/error.h"

namespace smdp::binding {

// AES-128 key material of one SCP03t channel. Wiped on destruction.
struct ChannelKeys {
  std::array<std::uint8_t, 16> s_enc{};
  std::array<std::uint8_t, 16> s_mac{};
  std::array<std::uint8_t, 16> initial_mcv{};
  ChannelKeys() = default;
  ChannelKeys(ByteView enc, ByteView mac, ByteView mcv);
  ChannelKeys(const ChannelKeys&) = default;
  ChannelKeys& operator=(const ChannelKeys&) = default;
  ~ChannelKeys();
};

// SharedInfo = keyType || keyLength || L(hostId) || hostId || L(EID) || EID, with
// keyType '88' (AES) and keyLength 16. `eid` is the 16-byte EID (32 digits packed).
Bytes kdf_shared_info(ByteView host_id, ByteView eid);

// KDF output bytes 0-15 initial MCV, 16-31 S-ENC, 32-47 S-MAC.
Result<ChannelKeys> derive_session_keys(ByteView shared_secret, ByteView host_id, ByteView eid);

}  // namespace smdp::binding
