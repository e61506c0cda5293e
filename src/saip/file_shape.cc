// SPDX-License-Identifier: Apache-2.0
// File shapes from Fcps (file_shape.h; ETSI TS 102 222 §6.3, SAIP §8.3.3).
#include "saip/file_shape.h"

#include <algorithm>
#include <array>

namespace smdp::saip {

bool is_file_node(const Node& node) {
  if (!node.known || !node.constructed() || node.children.empty()) return false;
  return std::ranges::all_of(node.children, [](const Node& c) {
    return c.name == "doNotCreate" || c.name == "fileDescriptor" || c.name == "fillFileOffset" ||
           c.name == "fillFileContent";
  });
}

FileShape file_shape(const Node* fcp, std::string_view file_name) {
  FileShape shape;
  const Node* descriptor = fcp != nullptr ? fcp->child("fileDescriptor") : nullptr;
  if (descriptor != nullptr && !descriptor->value.empty()) {
    const std::uint8_t b = descriptor->value[0];
    shape.df = (b & 0x3F) == 0x38;
    shape.ber_tlv = (b & 0x3F) == 0x39;
    const unsigned structure = b & 0x07;
    if (!shape.df && (structure == 2 || structure == 6) && descriptor->value.size() >= 4) {
      shape.record_length =
          (static_cast<std::size_t>(descriptor->value[2]) << 8) | descriptor->value[3];
    }
  } else if (fcp != nullptr &&
             (fcp->child("dfName") != nullptr || fcp->child("pinStatusTemplateDO") != nullptr)) {
    shape.df = true;
  } else {
    shape.df = file_name == "mf" || file_name.starts_with("df-") || file_name.starts_with("adf-");
  }
  if (fcp != nullptr) {
    shape.size = ef_file_size(*fcp);
    shape.link = fcp->child("linkPath") != nullptr;
  }
  return shape;
}

std::optional<std::size_t> template_default_size(std::string_view pe_name,
                                                 std::string_view file_name) {
  struct Entry {
    std::string_view pe, file;
    std::size_t size;
  };
  static constexpr std::array<Entry, 7> kSizes{{
      {"mf", "ef-iccid", 10},
      {"iot", "ef-iccid", 10},
      {"usim", "ef-imsi", 9},
      {"iot", "ef-imsi", 9},
      {"usim", "ef-spn", 17},
      {"usim", "ef-ad", 4},
      {"iot", "ef-ad", 4},
  }};
  for (const auto& e : kSizes) {
    if (e.pe == pe_name && e.file == file_name) return e.size;
  }
  return std::nullopt;
}

}  // namespace smdp::saip
