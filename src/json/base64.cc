// SPDX-License-Identifier: Apache-2.0
// Strict base64 over OpenSSL's EVP_EncodeBlock / EVP_DecodeBlock (SGP.22 §6.5).
#include "json/base64.h"

#include <openssl/evp.h>

#include <climits>
#include <cstddef>

namespace smdp::json {
namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// Largest input accepted by the int-sized OpenSSL interfaces.
constexpr std::size_t kMaxText = static_cast<std::size_t>(INT_MAX) / 4 * 3;

}  // namespace

std::string base64_encode(ByteView data) {
  if (data.empty() || data.size() > kMaxText) return {};
  Bytes out(4 * ((data.size() + 2) / 3) + 1);
  const int n = EVP_EncodeBlock(out.data(), data.data(), static_cast<int>(data.size()));
  return std::string(as_chars(ByteView(out).first(static_cast<std::size_t>(n))));
}

std::optional<Bytes> base64_decode(std::string_view text) {
  if (text.empty()) return Bytes{};
  if (text.size() % 4 != 0 || text.size() > kMaxText) return std::nullopt;
  std::size_t pad = 0;
  if (text.back() == '=') pad = text[text.size() - 2] == '=' ? 2 : 1;
  const std::string_view body = text.substr(0, text.size() - pad);
  if (body.find_first_not_of(kAlphabet) != std::string_view::npos) return std::nullopt;
  // Canonical form: the bits that padding drops must be zero (RFC 4648 §3.5).
  if (pad > 0) {
    const std::size_t last = kAlphabet.find(body.back());
    const std::size_t unused_mask = pad == 1 ? 0x03 : 0x0F;
    if ((last & unused_mask) != 0) return std::nullopt;
  }
  Bytes out(text.size() / 4 * 3);
  const int n = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()),
                                static_cast<int>(text.size()));
  // EVP_DecodeBlock counts the padding as zero bytes; drop them.
  if (n < 0 || static_cast<std::size_t>(n) != out.size()) return std::nullopt;
  out.resize(out.size() - pad);
  return out;
}

}  // namespace smdp::json
