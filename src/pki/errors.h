// SPDX-License-Identifier: Apache-2.0
// Error values of the pki module for loading, parsing and issuing certificates
// (SGP.22 §4.5). Failures of the eUICC chain check in AuthenticateClient have their
// own enum, pki::ChainErrc (chain_errors.h), since each maps to an SGP.22 status code.
#pragma once

#include "base/error.h"

namespace smdp::pki {
enum class Errc {
  malformed_certificate = 1,  // not one strict-DER X.509 certificate, or a bad extension
  unsupported_key,            // public key not EC on P-256 or brainpoolP256r1
  io_error,                   // file unreadable or unwritable
  missing_key_identifier,     // subjectKeyIdentifier / authorityKeyIdentifier absent
  issuer_mismatch,            // AKI or issuer name does not designate the given issuer
  bad_signature,              // the issuer's key does not verify the certificate
  unknown_ci,                 // no loaded CI has the certificate's AKI
  wrong_curve,                // key on another curve than the CI's
  wrong_role,                 // policy, key usage or CA flag not those of the role
  not_yet_valid,              // now < notBefore
  expired,                    // now > notAfter
  key_mismatch,               // private key does not belong to the certificate
  duplicate,                  // a second CI with the same SKI, or a second credential
  invalid_argument,           // issuance request not well formed (EID syntax, names ...)
  issuance_failed,            // OpenSSL refused to build or sign a certificate
  insecure_key_file,          // a private key file others may read, or in a directory
                              // others may write (KeyFileOptions::owner_only)
};
}  // namespace smdp::pki
SMDP_DECLARE_ERROR_ENUM(smdp::pki, Errc)
