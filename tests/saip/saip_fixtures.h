// SPDX-License-Identifier: Apache-2.0
// Shared profile packages for the saip tests: the 36 pysim-upp TS.48 v1-v5 packages
// and the 4 GSMA TS.48 v7 ones (../shared/testdata/profiles).
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "saip/package.h"
#include "testdata.h"

namespace smdp::saip::testing {

inline std::vector<std::filesystem::path> all_packages() {
  std::vector<std::filesystem::path> out;
  for (const char* dir : {"profiles/pysim-upp", "profiles/gsma-ts48-v7"}) {
    for (const auto& entry : std::filesystem::directory_iterator(smdp::testing::testdata(dir))) {
      if (entry.path().extension() == ".der") out.push_back(entry.path());
    }
  }
  std::ranges::sort(out);
  return out;
}

inline std::filesystem::path ts48v7(const std::string& stem) {
  return smdp::testing::testdata("profiles/gsma-ts48-v7/" + stem + ".der");
}
inline std::filesystem::path pysim(const std::string& stem) {
  return smdp::testing::testdata("profiles/pysim-upp/" + stem + ".der");
}

inline ProfilePackage load(const std::filesystem::path& path) {
  auto package = ProfilePackage::decode(smdp::testing::read_file(path));
  if (!package) throw std::runtime_error(path.string() + ": " + package.error().message());
  return std::move(*package);
}

inline std::string param_name(const ::testing::TestParamInfo<std::filesystem::path>& info) {
  std::string name = info.param.stem().string();
  std::ranges::replace_if(
      name, [](char c) { return std::isalnum(static_cast<unsigned char>(c)) == 0; }, '_');
  return name;
}

}  // namespace smdp::saip::testing
