// SPDX-License-Identifier: Apache-2.0
// Validation of a profile package as an operator needs it before it becomes a
// template or is delivered (SAIP v2.3/v3.x rules):
// - order: header first, end last, exactly one of each; PE identifications unique;
// - services: the NAAs and algorithms present (usim/isim/csim PEs, akaParameter
//   algorithmID, cdmaParameter) are listed in header eUICC-Mandatory-services;
// - files: efFileSize present for EFs and absent for DFs, contents no longer than the
//   file, record contents a multiple of the record length given by the descriptor;
// - PIN/PUK: every unblockingPINReference exists in a pukCodes PE, every PIN key
//   reference used by a pinStatusTemplateDO is defined, no reference defined twice in
//   one pinCodes PE;
// - AKA: Milenage key and OPc 16 octets; TUAK key 16 or 32, TOPc 32; rotation 5,
//   xoring 80, sqnInit 32 entries of 6 octets.
// Every problem is reported, not just the first.
#pragma once

#include <string>
#include <vector>

#include "saip/package.h"

namespace smdp::saip {

struct Problem {
  std::size_t pe_index = 0;  // position of the PE in the package, from 0
  std::string pe_name;       // "usim", or "" for the package as a whole
  std::string path;          // within the PE: "ef-imsi/fillFileContent"
  std::string message;       // what is wrong, never a secret value
};

struct ValidationReport {
  std::vector<Problem> problems;
  bool ok() const { return problems.empty(); }
  // One line per problem: "PE 7 usim: ef-imsi/fillFileContent: ..."
  std::string to_text() const;
};

ValidationReport validate(const ProfilePackage& package);

}  // namespace smdp::saip
