// SPDX-License-Identifier: Apache-2.0
// File helpers over decoded PEs (PEDefinitions "File ::= SEQUENCE OF CHOICE", SAIP v3.x
// §8.3.3): the descriptor, the contents as the eUICC writes them, replacing contents.
#include <algorithm>

#include "saip/package.h"

namespace smdp::saip {

namespace {
constexpr der::Tag kFillFileContentTag = 0x83;  // File CHOICE alternative [3]
}  // namespace

const Node* file_descriptor(const Node& file) { return file.child("fileDescriptor"); }

Bytes file_content(const Node& file) {
  Bytes out;
  std::size_t offset = 0;
  for (const Node& entry : file.children) {
    if (!entry.known) continue;
    if (entry.name == "fillFileOffset") {
      auto advance = entry.as_uint();
      if (advance) offset += static_cast<std::size_t>(*advance);
    } else if (entry.name == "fillFileContent") {
      const std::size_t end = offset + entry.value.size();
      if (out.size() < end) out.resize(end, 0xFF);
      std::ranges::copy(entry.value, out.begin() + static_cast<std::ptrdiff_t>(offset));
      offset = end;
    }
  }
  return out;
}

void set_file_content(Node& file, ByteView content) {
  std::erase_if(file.children, [](const Node& entry) {
    return entry.known && (entry.name == "fillFileOffset" || entry.name == "fillFileContent");
  });
  Node fill;
  fill.name = "fillFileContent";
  fill.tag = kFillFileContentTag;
  fill.value.assign(content.begin(), content.end());
  file.children.push_back(std::move(fill));
}

std::vector<const Node*> file_fill_contents(const Node& file) {
  std::vector<const Node*> out;
  for (const Node& entry : file.children) {
    if (entry.known && entry.name == "fillFileContent") out.push_back(&entry);
  }
  return out;
}

std::optional<std::size_t> ef_file_size(const Node& fcp) {
  const Node* size = fcp.child("efFileSize");
  if (size == nullptr || size->value.empty() || size->value.size() > sizeof(std::size_t)) {
    return std::nullopt;
  }
  std::size_t out = 0;
  for (std::uint8_t b : size->value) out = out << 8 | b;
  return out;
}

}  // namespace smdp::saip
