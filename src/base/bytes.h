// SPDX-License-Identifier: Apache-2.0
// Byte buffers and views shared by every module, plus hex conversion for logs and tests.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace smdp {

using Bytes = std::vector<std::uint8_t>;
// Non-owning view. The viewed storage must outlive the view.
using ByteView = std::span<const std::uint8_t>;

// Lower-case hex, two digits per byte.
std::string to_hex(ByteView data);
// Accepts upper or lower case; nullopt on odd length or a non-hex digit.
std::optional<Bytes> from_hex(std::string_view hex);

inline ByteView as_bytes(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}
inline std::string_view as_chars(ByteView b) {
  return {reinterpret_cast<const char*>(b.data()), b.size()};
}
inline void append(Bytes& out, ByteView tail) { out.insert(out.end(), tail.begin(), tail.end()); }
inline Bytes concat(ByteView a, ByteView b) {
  Bytes out(a.begin(), a.end());
  append(out, b);
  return out;
}

// Constant-time equality for secrets (MACs, codes): time depends on the sizes only.
bool equal_ct(ByteView a, ByteView b);

}  // namespace smdp
