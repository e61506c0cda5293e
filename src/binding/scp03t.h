// SPDX-License-Identifier: Apache-2.0
// SCP03t as used by the BPP (SGP.22 §2.5.4; GlobalPlatform SCP03 with TLV commands).
//
// One channel protects a sequence of TLVs in order. For each TLV:
//  - encrypted ('87', '86'): data padded with '80 00..' to a multiple of 16 (always at
//    least one byte of padding), AES-CBC under S-ENC with ICV = AES(S-ENC, counter) where
//    the 16-byte big-endian counter starts at 1 and advances with every TLV of the
//    channel, MAC-only ones included (proven by the 87/88/87 known answer);
//  - MAC-only ('88'): data as is;
//  - C-MAC = AES-CMAC(S-MAC, MCV || tag || length || data'), where length counts the
//    8-byte MAC; the TLV carries the first 8 bytes and the full 16 become the next MCV.
// Not thread-safe; one instance per BPP.
#pragma once

#include <cstdint>
#include <vector>

#include "base/bytes.h"
#include "base/error.h"
#include "binding/session_keys.h"

namespace smdp::binding {

// Largest TLV one segment may be, tag + length + MAC included (SGP.22 §2.5.5).
inline constexpr std::size_t kMaxSegmentTlv = 1020;
// Plaintext that fits one encrypted segment (86/87): 1020 - 4 - 8, less one byte that
// padding always takes.
inline constexpr std::size_t kMaxEncryptedPlaintext = 1007;
// Data that fits one MAC-only segment (88).
inline constexpr std::size_t kMaxMacOnlyData = 1008;

enum class Errc {
  structure = 1,  // not a TLV with the expected tag, or bad length/padding
  security,       // MAC mismatch
  too_long,       // plaintext does not fit one segment
};

}  // namespace smdp::binding
SMDP_DECLARE_ERROR_ENUM(smdp::binding, Errc)

namespace smdp::binding {

class Scp03tChannel {
 public:
  explicit Scp03tChannel(const ChannelKeys& keys);

  // SM-DP+ side: build protected TLVs.
  Result<Bytes> encrypt_and_mac(std::uint32_t tag, ByteView plaintext);
  Result<Bytes> mac_only(std::uint32_t tag, ByteView data);

  // eUICC side: check a received TLV (`tlv` is the whole TLV) and return its plaintext.
  // On failure the channel state is unspecified: the session must be abandoned.
  Result<Bytes> verify_and_decrypt(std::uint32_t tag, ByteView tlv);
  Result<Bytes> verify_mac_only(std::uint32_t tag, ByteView tlv);

 private:
  Result<Bytes> icv();
  Result<Bytes> protect(std::uint32_t tag, ByteView body);
  Result<ByteView> check(std::uint32_t tag, ByteView tlv);
  ChannelKeys keys_;
  std::array<std::uint8_t, 16> mcv_;
  std::uint64_t counter_ = 0;
};

// ISO/IEC 9797-1 method 2 padding, as SCP03t applies it, and its removal.
Bytes pad80(ByteView data);
Result<Bytes> unpad80(Bytes data);

}  // namespace smdp::binding

namespace smdp::binding {

// Splits `data` into consecutive protected TLVs of at most kMaxSegmentTlv bytes each,
// in order, on `channel`: encrypted (86/87) or MAC-only (88). Empty data gives one
// TLV (an empty StoreMetadata is still a command); the eUICC concatenates the parts.
Result<std::vector<Bytes>> protect_segments(Scp03tChannel& channel, std::uint32_t tag,
                                            ByteView data, bool encrypt);

}  // namespace smdp::binding
