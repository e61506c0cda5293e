// SPDX-License-Identifier: Apache-2.0
// Error values of the crypto module.
#pragma once

#include "base/error.h"

namespace smdp::crypto {
enum class Errc {
  openssl_failure = 1,  // an OpenSSL call failed unexpectedly (details in context)
  invalid_key,          // malformed key, point not on the curve, wrong curve
  unsupported_curve,    // neither P-256 nor brainpoolP256r1
  invalid_signature,    // malformed signature encoding, or verification failed
  invalid_length,       // input length not allowed (AES block multiple, key size ...)
  io_error,             // key or certificate file unreadable
};
}  // namespace smdp::crypto
SMDP_DECLARE_ERROR_ENUM(smdp::crypto, Errc)
