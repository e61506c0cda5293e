// SPDX-License-Identifier: Apache-2.0
#include "crypto/errors.h"

#include <string>

namespace smdp::crypto {
namespace {
std::string errc_name(Errc e) {
  switch (e) {
    case Errc::openssl_failure:
      return "crypto: OpenSSL failure";
    case Errc::invalid_key:
      return "crypto: invalid key";
    case Errc::unsupported_curve:
      return "crypto: unsupported curve";
    case Errc::invalid_signature:
      return "crypto: invalid signature";
    case Errc::invalid_length:
      return "crypto: invalid length";
    case Errc::io_error:
      return "crypto: cannot read file";
  }
  return "crypto: unknown error";
}
}  // namespace
SMDP_DEFINE_ERROR_CATEGORY(Errc, "crypto", errc_name)
}  // namespace smdp::crypto
