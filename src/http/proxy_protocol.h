// SPDX-License-Identifier: Apache-2.0
// The PROXY protocol, version 2 (HAProxy's "proxy-protocol.txt", §2.2): the binary header
// a load balancer in TCP mode (HAProxy `send-proxy-v2`) sends before the client's bytes,
// naming the client's address. The server reads it only from the configured load
// balancers' addresses (ServerConfig::proxy_protocol_from): from anyone else, a header
// would let a client choose the address that logs and per-client limits see.
//
// Layout: 12-byte signature, version/command (0x2_: version 2; command 0 LOCAL, 1 PROXY),
// family/transport (0x11 TCP over IPv4, 0x21 TCP over IPv6, others), a 16-bit length,
// then `length` bytes: for TCP over IPv4 source and destination addresses (4 bytes each)
// and ports (2 bytes each); for IPv6 16-byte addresses; then optional TLVs (ignored).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "base/error.h"

namespace smdp::http {

inline constexpr std::size_t kProxyPrefixSize = 16;       // signature, version, family, length
inline constexpr std::size_t kProxyMaxAddressSize = 216;  // what a load balancer sends, TLVs too

// The length of the address block after the prefix; invalid_argument (std::errc) when the
// prefix is not a version 2 header or announces more than kProxyMaxAddressSize.
Result<std::size_t> proxy_v2_length(std::span<const std::uint8_t, kProxyPrefixSize> prefix);

// The client's address (textual IP) from a whole header's address block; nullopt for a
// LOCAL command (the balancer's own health check) or a family other than TCP over IPv4 or
// IPv6 (the connection's own address stands); invalid_argument when the block is too
// short for its family.
Result<std::optional<std::string>> proxy_v2_source(
    std::span<const std::uint8_t, kProxyPrefixSize> prefix, std::span<const std::uint8_t> block);

}  // namespace smdp::http
