// SPDX-License-Identifier: Apache-2.0
// Access to ../shared/testdata from tests.
#pragma once

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "base/bytes.h"

namespace smdp::testing {

inline std::filesystem::path testdata(const std::string& relative) {
  return std::filesystem::path(SMDPP_TESTDATA_DIR) / relative;
}

inline Bytes read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline std::string read_text(const std::filesystem::path& path) {
  Bytes b = read_file(path);
  return std::string(b.begin(), b.end());
}

inline Bytes hex(std::string_view h) {
  auto b = from_hex(h);
  if (!b) throw std::runtime_error("bad hex in test");
  return *b;
}

}  // namespace smdp::testing
