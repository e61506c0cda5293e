// SPDX-License-Identifier: Apache-2.0
// Where the simulated eUICC's identity comes from (SGP.22 §4.5.2: CERT.EUICC.ECDSA,
// CERT.EUM.ECDSA, the trusted CI certificates, SK.EUICC.ECDSA): either a directory made
// by `smdpp pki init --out DIR` (DIR/<nist|brp>/{ci,eum,euicc-<EID>}.der + .key.pem) or
// explicit files such as the GSMA SGP.26 ones.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "euicc/card.h"

namespace smdp::lpa {

enum class IdentityErrc {
  not_found = 1,  // a file or the eUICC of the EID is missing
  invalid_file,   // unreadable or not a certificate / key
  key_mismatch,   // the private key is not the eUICC certificate's
  no_eid,         // the eUICC certificate has no (or a malformed) EID
  eid_mismatch,   // the certificate's EID is not the one asked for
};

}  // namespace smdp::lpa
SMDP_DECLARE_ERROR_ENUM(smdp::lpa, IdentityErrc)

namespace smdp::lpa {

struct IdentityFiles {
  std::string euicc_cert;             // DER or PEM
  std::string euicc_key;              // PEM
  std::string eum_cert;               // DER or PEM
  std::vector<std::string> ci_certs;  // DER or PEM, at least one

  bool operator==(const IdentityFiles&) const = default;
};

// The files of one eUICC in a `smdpp pki init` directory. `curve` is "nist" or "brp";
// an empty `eid` picks the first euicc-<EID>.der in name order. Paths are absolute.
Result<IdentityFiles> pki_dir_identity(const std::string& dir, std::string_view curve,
                                       std::string_view eid);

// Reads the files into a card configuration (EID from the eUICC certificate's subject
// serialNumber) after checking that the key belongs to the eUICC certificate.
Result<euicc::CardConfig> load_identity(const IdentityFiles& files);

}  // namespace smdp::lpa
