// SPDX-License-Identifier: Apache-2.0
#include "base/file.h"

#include <fstream>
#include <iterator>

namespace smdp {

std::optional<Bytes> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  Bytes out((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return std::nullopt;
  return out;
}

}  // namespace smdp
