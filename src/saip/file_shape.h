// SPDX-License-Identifier: Apache-2.0
// What personalisation and validation need to know about a File of a profile package
// (SAIP §8.3, ETSI TS 102 222 file descriptor coding): DF or EF, record structure,
// size. Internal to the saip module.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "saip/package.h"

namespace smdp::saip {

// A File node: a non-empty list of doNotCreate / fileDescriptor / fillFileOffset /
// fillFileContent entries.
bool is_file_node(const Node& node);

struct FileShape {
  bool df = false;                  // MF, DF or ADF
  std::size_t record_length = 0;    // linear fixed or cyclic EF: its record length; else 0
  std::optional<std::size_t> size;  // efFileSize, if the Fcp gives it
  bool link = false;                // the Fcp has a linkPath
  bool ber_tlv = false;             // BER-TLV EF (sized by maximumFileSize)
};

// From the Fcp (`fcp` may be null: a template file left entirely to the template) and
// the File's name ("mf", "df-*", "adf-*" are DFs when the Fcp does not say).
FileShape file_shape(const Node* fcp, std::string_view file_name);

// The size SAIP Annex A templates give to a few transparent EFs a template often
// leaves without efFileSize (EF.ICCID 10, EF.IMSI 9, EF.SPN 17, EF.AD 4), by PE and
// File name; nullopt when not known.
std::optional<std::size_t> template_default_size(std::string_view pe_name,
                                                 std::string_view file_name);

}  // namespace smdp::saip
