// SPDX-License-Identifier: Apache-2.0
// Profile packages for the saip tests, from testdata/profiles (testdata.h): the 36
// pysim-upp TS.48 v1-v5 packages and the 4 GSMA TS.48 v7 ones, decoded.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "saip/package.h"
#include "testdata.h"

namespace smdp::saip::testing {

// Every package, sorted: smdp::testing::profile_packages().
using smdp::testing::profile_packages;

// A GSMA TS.48 v7 file by stem: the package, or with ext ".txt" its value notation.
inline std::filesystem::path ts48v7(const std::string& stem, const std::string& ext = ".der") {
  return smdp::testing::profile_path("gsma-ts48-v7/" + stem + ext);
}
inline std::filesystem::path pysim(const std::string& stem) {
  return smdp::testing::profile_path("pysim-upp/" + stem + ".der");
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
