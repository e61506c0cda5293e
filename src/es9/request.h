// SPDX-License-Identifier: Apache-2.0
// Shared vocabulary of the ES9+ request parsers (SGP.22 §6.5): their error codes, the
// owning holder of a base64 DER field with its decoded view, and the mapping of parse
// errors to the generic function status codes (1.6/2.1, 1.6/2.2).
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "base/bytes.h"
#include "base/error.h"
#include "es9/status.h"

namespace smdp::es9 {

// Request bodies larger than this are refused before parsing.
inline constexpr std::size_t kMaxRequestBodySize = std::size_t{64} * 1024;

// Parse errors; Error::context names the offending JSON field (empty for the body).
enum class Errc {
  invalid_parameter = 1,  // unparsable JSON, wrong JSON type, bad base64/hex, bad DER
  missing_parameter,      // a mandatory field is absent
  body_too_large,         // body above kMaxRequestBodySize
};

}  // namespace smdp::es9
SMDP_DECLARE_ERROR_ENUM(smdp::es9, Errc)

namespace smdp::es9 {

// The status code a parse error is reported with: missing_parameter -> 1.6/2.2,
// anything else -> 1.6/2.1.
StatusCode status_code(const Error& error);

// The Failed body for a parse error, naming the field in `message`.
std::string render_failure(const Error& error);

// A DER field of a request: the decoded bytes and the asn1 View decoded from them.
// The bytes are shared and immutable, so `view` stays valid across copies and moves of
// the holder, for as long as any copy lives.
template <class V>
struct DerField {
  std::shared_ptr<const Bytes> der;  // never null in a parsed request
  V view{};                          // points into *der
};

}  // namespace smdp::es9
