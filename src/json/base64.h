// SPDX-License-Identifier: Apache-2.0
// Base64 as the JSON binding uses it (SGP.22 §6.5): standard alphabet (RFC 4648 §4),
// '=' padding, no line breaks.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/bytes.h"

namespace smdp::json {

// Canonical base64 of `data`, padded, on one line.
std::string base64_encode(ByteView data);

// Strict decoding: nullopt unless `text` is canonical base64 — length a multiple of 4,
// only the standard alphabet, at most two '=' and only at the end, unused trailing bits
// zero, no whitespace. The empty string decodes to no bytes.
std::optional<Bytes> base64_decode(std::string_view text);

}  // namespace smdp::json
