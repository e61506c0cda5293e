// SPDX-License-Identifier: Apache-2.0
#include "pki/errors.h"

#include <string>

namespace smdp::pki {
namespace {
std::string errc_name(Errc e) {
  switch (e) {
    case Errc::malformed_certificate:
      return "pki: malformed certificate";
    case Errc::unsupported_key:
      return "pki: unsupported public key";
    case Errc::io_error:
      return "pki: cannot read or write file";
    case Errc::missing_key_identifier:
      return "pki: key identifier missing";
    case Errc::issuer_mismatch:
      return "pki: not issued by this issuer";
    case Errc::bad_signature:
      return "pki: certificate signature invalid";
    case Errc::unknown_ci:
      return "pki: issued by an unknown CI";
    case Errc::wrong_curve:
      return "pki: key on another curve than the CI's";
    case Errc::wrong_role:
      return "pki: certificate not made for this role";
    case Errc::not_yet_valid:
      return "pki: certificate not yet valid";
    case Errc::expired:
      return "pki: certificate expired";
    case Errc::key_mismatch:
      return "pki: private key does not match certificate";
    case Errc::duplicate:
      return "pki: duplicate certificate";
    case Errc::invalid_argument:
      return "pki: invalid argument";
    case Errc::issuance_failed:
      return "pki: issuance failed";
    case Errc::insecure_key_file:
      return "pki: private key file not private to its owner";
  }
  return "pki: unknown error";
}
}  // namespace
SMDP_DEFINE_ERROR_CATEGORY(Errc, "pki", errc_name)
}  // namespace smdp::pki
