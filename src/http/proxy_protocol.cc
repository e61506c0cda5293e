// SPDX-License-Identifier: Apache-2.0
#include "http/proxy_protocol.h"

#include <arpa/inet.h>

#include <algorithm>
#include <system_error>

namespace smdp::http {
namespace {

constexpr std::array<std::uint8_t, 12> kSignature{0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D,
                                                  0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
constexpr std::uint8_t kVersion2 = 0x20;
constexpr std::uint8_t kCommandLocal = 0x00;
constexpr std::uint8_t kCommandProxy = 0x01;
constexpr std::uint8_t kTcp4 = 0x11;
constexpr std::uint8_t kTcp6 = 0x21;

std::unexpected<Error> invalid(std::string context) {
  return std::unexpected(
      Error{std::make_error_code(std::errc::invalid_argument), "PROXY v2: " + std::move(context)});
}

}  // namespace

Result<std::size_t> proxy_v2_length(std::span<const std::uint8_t, kProxyPrefixSize> prefix) {
  if (!std::equal(kSignature.begin(), kSignature.end(), prefix.begin()))
    return invalid("signature");
  const std::uint8_t version_command = prefix[12];
  if ((version_command & 0xF0) != kVersion2) return invalid("version");
  const std::uint8_t command = version_command & 0x0F;
  if (command != kCommandLocal && command != kCommandProxy) return invalid("command");
  const std::size_t length = (std::size_t{prefix[14]} << 8) | prefix[15];
  if (length > kProxyMaxAddressSize) return invalid("length");
  return length;
}

Result<std::optional<std::string>> proxy_v2_source(
    std::span<const std::uint8_t, kProxyPrefixSize> prefix, std::span<const std::uint8_t> block) {
  if ((prefix[12] & 0x0F) == kCommandLocal) return std::nullopt;
  const std::uint8_t family = prefix[13];
  char text[INET6_ADDRSTRLEN] = {};
  if (family == kTcp4) {
    if (block.size() < 12) return invalid("short IPv4 block");
    if (inet_ntop(AF_INET, block.data(), text, sizeof text) == nullptr) return invalid("IPv4");
    return std::string(text);
  }
  if (family == kTcp6) {
    if (block.size() < 36) return invalid("short IPv6 block");
    if (inet_ntop(AF_INET6, block.data(), text, sizeof text) == nullptr) return invalid("IPv6");
    return std::string(text);
  }
  return std::nullopt;
}

}  // namespace smdp::http
