// SPDX-License-Identifier: Apache-2.0
// Every shared profile package (36 pysim-upp TS.48 v1-v5, 4 GSMA TS.48 v7) decodes with
// the SAIP schema, holds no element the schema does not know, and re-encodes byte for
// byte (PEDefinitions.asn, DER).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "saip/package.h"
#include "saip_fixtures.h"

namespace smdp::saip {
namespace {

// Path of the first node with known == false, or "".
std::string first_unknown(const Node& node, const std::string& path) {
  if (!node.known) return path + "/<tag " + std::to_string(node.tag) + ">";
  for (const Node& c : node.children) {
    std::string p = first_unknown(c, path + "/" + std::string(c.name));
    if (!p.empty()) return p;
  }
  return {};
}

class EveryPackage : public ::testing::TestWithParam<std::filesystem::path> {};

TEST_P(EveryPackage, when_decoded_then_fully_known_and_reencodes_byte_for_byte) {
  const Bytes der = smdp::testing::read_file(GetParam());
  auto package = ProfilePackage::decode(der);
  ASSERT_TRUE(package) << package.error().message();
  ASSERT_GE(package->elements.size(), 2u);
  EXPECT_EQ(package->elements.front().name, "header");
  EXPECT_EQ(package->elements.back().name, "end");
  for (std::size_t i = 0; i < package->elements.size(); ++i) {
    const Node& pe = package->elements[i];
    EXPECT_EQ(first_unknown(pe, std::string(pe.name)), "") << "PE " << i;
  }
  EXPECT_EQ(package->encode(), der);
}

TEST(CodecPackageSet, when_listed_then_all_forty_are_present) {
  EXPECT_EQ(testing::profile_packages().size(), 40u);
}

INSTANTIATE_TEST_SUITE_P(Codec, EveryPackage, ::testing::ValuesIn(testing::profile_packages()),
                         testing::param_name);

}  // namespace
}  // namespace smdp::saip
