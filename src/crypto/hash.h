// SPDX-License-Identifier: Apache-2.0
// Symmetric primitives used by SGP.22: SHA-256, X9.63 KDF (SGP.22 §2.6.7 / BSI TR-03111),
// AES-128-CBC without padding and AES-CMAC (SCP03t, SGP.22 §2.5.4).
#pragma once

#include <array>

#include "base/bytes.h"
#include "base/error.h"

namespace smdp::crypto {

using Sha256Digest = std::array<std::uint8_t, 32>;
Sha256Digest sha256(ByteView data);
Sha256Digest sha256(ByteView a, ByteView b);

// ANSI X9.63 KDF with SHA-256: out_len bytes from Z and SharedInfo.
Result<Bytes> x963_kdf_sha256(ByteView shared_secret, ByteView shared_info, std::size_t out_len);

// AES-CBC, no padding: data must be a multiple of 16 bytes; key 16, 24 or 32 bytes.
Result<Bytes> aes_cbc_encrypt(ByteView key, ByteView iv, ByteView data);
Result<Bytes> aes_cbc_decrypt(ByteView key, ByteView iv, ByteView data);
// AES-ECB of one 16-byte block (SCP03t ICV derivation).
Result<Bytes> aes_ecb_block(ByteView key, ByteView block);
// Full 16-byte AES-CMAC (NIST SP 800-38B) of the concatenation of `parts`.
Result<std::array<std::uint8_t, 16>> aes_cmac(ByteView key, std::initializer_list<ByteView> parts);

}  // namespace smdp::crypto
