// SPDX-License-Identifier: Apache-2.0
// Failure and extension paths of the SAIP codec: what is not DER or not a
// ProfileElement is refused with Errc::malformed naming the PE and field; what a later
// SAIP version may add (a new PE, a component after the root) is carried through.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "saip/package.h"
#include "testdata.h"

namespace smdp::saip {
namespace {

using smdp::testing::hex;

Bytes v7_package() { return smdp::testing::profile(smdp::testing::kTs48v7); }

// The v7 package's last PE is "end" with identification 31: AA 07 A0 05 80 00 81 01 1F.
constexpr std::size_t kEndSize = 9;

std::size_t find_bytes(const Bytes& haystack, const Bytes& needle) {
  auto it = std::ranges::search(haystack, needle);
  return it.empty() ? std::string::npos : static_cast<std::size_t>(it.begin() - haystack.begin());
}

void expect_malformed(const Bytes& der, std::string_view context_part) {
  auto package = ProfilePackage::decode(der);
  ASSERT_FALSE(package);
  EXPECT_EQ(package.error().code, Errc::malformed) << package.error().message();
  EXPECT_NE(package.error().context.find(context_part), std::string::npos)
      << package.error().message();
}

TEST(CodecFailure, when_package_is_truncated_then_malformed_naming_the_pe) {
  Bytes der = v7_package();
  der.pop_back();
  expect_malformed(der, "PE 29");
  Bytes half(der.begin(), der.begin() + static_cast<std::ptrdiff_t>(der.size() / 2));
  expect_malformed(half, "PE ");
}

TEST(CodecFailure, when_empty_then_malformed) { expect_malformed({}, "no ProfileElement"); }

TEST(CodecFailure, when_trailing_garbage_then_malformed) {
  for (const Bytes& tail : {hex("00"), hex("FF"), hex("0000"), hex("3000"), hex("0500")}) {
    Bytes der = v7_package();
    append(der, tail);
    expect_malformed(der, "PE 30");
  }
}

TEST(CodecFailure, when_iccid_has_a_wrong_tag_then_malformed_naming_header_iccid) {
  Bytes der = v7_package();
  const std::size_t at = find_bytes(der, hex("830A8900012345"));
  ASSERT_NE(at, std::string::npos);
  der[at] = 0x84;  // pol's tag where the mandatory iccid must be
  expect_malformed(der, "PE 0 header/iccid");
}

TEST(CodecFailure, when_mandatory_component_is_missing_then_malformed) {
  // end PE without its end-header: AA 00.
  Bytes der = v7_package();
  der.resize(der.size() - kEndSize);
  append(der, hex("AA00"));
  expect_malformed(der, "PE 29 end/end-header");
}

TEST(CodecFailure, when_integer_is_not_minimal_then_malformed) {
  Bytes der = v7_package();
  der.resize(der.size() - kEndSize);
  append(der, hex("AA08A006800081020001"));
  expect_malformed(der, "PE 29 end/end-header/identification");
}

TEST(CodecFailure, when_null_has_contents_then_malformed) {
  Bytes der = v7_package();
  der.resize(der.size() - kEndSize);
  append(der, hex("AA08A00680010081011F"));
  expect_malformed(der, "end-header/mandated");
}

TEST(CodecFailure, when_length_is_not_minimal_then_malformed) {
  Bytes der = v7_package();
  der.resize(der.size() - kEndSize);
  append(der, hex("AA8107A005800081011F"));
  expect_malformed(der, "PE 29");
}

TEST(CodecFailure, when_universal_tag_extends_an_automatically_tagged_sequence_then_malformed) {
  Bytes der = v7_package();
  der.resize(der.size() - kEndSize);
  append(der, hex("AA0AA00580008101"
                  "1F040100"));  // OCTET STRING after end-header
  expect_malformed(der, "PE 29 end");
}

TEST(CodecExtension, when_a_future_pe_is_present_then_kept_opaque_and_reencoded_exactly) {
  Bytes der = v7_package();
  const Bytes end(der.end() - kEndSize, der.end());
  der.resize(der.size() - kEndSize);
  append(der, hex("BF3C07800101A1028100"));  // [60] { [0] 01, [1] { [1] NULL-like } }
  append(der, end);
  auto package = ProfilePackage::decode(der);
  ASSERT_TRUE(package) << package.error().message();
  ASSERT_EQ(package->elements.size(), 31u);
  const Node& future = package->elements[29];
  EXPECT_FALSE(future.known);
  EXPECT_EQ(future.tag, 0xBF3Cu);
  EXPECT_EQ(future.value, hex("800101A1028100"));
  EXPECT_EQ(package->elements[30].name, "end");
  EXPECT_EQ(package->encode(), der);
}

TEST(CodecExtension, when_a_future_pe_is_not_der_inside_then_malformed) {
  Bytes der = v7_package();
  const Bytes end(der.end() - kEndSize, der.end());
  der.resize(der.size() - kEndSize);
  append(der, hex("BF3C03808101"));  // non-minimal length inside
  append(der, end);
  expect_malformed(der, "PE 29");
}

TEST(CodecExtension, when_a_sequence_has_an_extension_component_then_kept_in_place) {
  auto package = ProfilePackage::decode(v7_package());
  ASSERT_TRUE(package);
  // usim-header gets [5] '0102'H after identification; ef-imsi's Fcp gets [PRIVATE 30].
  Node* header = find_path(*package, "usim/usim-header");
  ASSERT_NE(header, nullptr);
  Node extension;
  extension.tag = 0x85;
  extension.known = false;
  extension.value = hex("0102");
  header->children.push_back(extension);
  Node* fcp = find_path(*package, "usim/ef-imsi/fileDescriptor");
  ASSERT_NE(fcp, nullptr);
  extension.tag = 0xDE;
  fcp->children.push_back(extension);
  const Bytes der = package->encode();

  auto again = ProfilePackage::decode(der);
  ASSERT_TRUE(again) << again.error().message();
  const Node* h = find_path(*again, "usim/usim-header");
  ASSERT_EQ(h->children.size(), 3u);
  EXPECT_FALSE(h->children[2].known);
  EXPECT_EQ(h->children[2].tag, 0x85u);
  EXPECT_EQ(h->children[2].value, hex("0102"));
  const Node* f = find_path(*again, "usim/ef-imsi/fileDescriptor");
  EXPECT_FALSE(f->children.back().known);
  EXPECT_EQ(f->children.back().tag, 0xDEu);
  EXPECT_EQ(again->encode(), der);
  // The known part is unchanged.
  EXPECT_EQ(file_content(*find_path(*again, "usim/ef-imsi")), hex("080910101032547698"));
}

TEST(CodecPaths, when_path_is_absent_or_malformed_then_null) {
  auto package = ProfilePackage::decode(v7_package());
  ASSERT_TRUE(package);
  const ProfilePackage& p = *package;
  for (const char* path :
       {"usim/ef-nothing", "nosuchpe", "nosuchpe/ef-imsi", "pinCodes[9]", "", "usim/", "/usim",
        "usim/ef-imsi[x]", "usim/ef-imsi[1]", "usim[]", "header/iccid/more",
        "akaParameter/algoConfiguration/mappingParameter"}) {
    EXPECT_EQ(find_path(p, path), nullptr) << path;
  }
  EXPECT_NE(find_path(p, "pinCodes[1]"), nullptr);
  EXPECT_EQ(find_path(p, "pinCodes[1]"), p.find("pinCodes", 1));
  EXPECT_NE(find_path(p, "usim/ef-imsi[0]"), nullptr);
  EXPECT_EQ(p.find("pinCodes", 99), nullptr);
}

TEST(CodecFiles, when_contents_have_offsets_then_gaps_read_as_ff) {
  auto package = ProfilePackage::decode(v7_package());
  ASSERT_TRUE(package);
  // mf/ef-dir: 22 octets, offset 11, 22 octets, offset 11, 26 octets.
  const Bytes content = file_content(*find_path(*package, "mf/ef-dir"));
  ASSERT_EQ(content.size(), 22u + 11 + 22 + 11 + 26);
  EXPECT_EQ(Bytes(content.begin(), content.begin() + 4), hex("61144F0C"));
  EXPECT_TRUE(std::all_of(content.begin() + 22, content.begin() + 33,
                          [](std::uint8_t b) { return b == 0xFF; }));
  EXPECT_EQ(content[33], 0x61);
  EXPECT_EQ(file_fill_contents(*find_path(*package, "mf/ef-dir")).size(), 3u);
  // A file that writes nothing.
  EXPECT_TRUE(file_content(*find_path(*package, "mf/mf")).empty());
}

TEST(CodecFiles, when_content_is_set_then_it_reads_back_and_survives_encoding) {
  auto package = ProfilePackage::decode(v7_package());
  ASSERT_TRUE(package);
  Node* dir = find_path(*package, "mf/ef-dir");
  ASSERT_NE(dir, nullptr);
  const Bytes fcp_before = file_descriptor(*dir)->encode();
  const Bytes replacement = hex("61124F10A0000000871002FF49FF05890000000100");
  set_file_content(*dir, replacement);
  EXPECT_EQ(file_content(*dir), replacement);
  ASSERT_EQ(file_fill_contents(*dir).size(), 1u);
  EXPECT_EQ(dir->child("fillFileOffset"), nullptr);
  ASSERT_NE(file_descriptor(*dir), nullptr);
  EXPECT_EQ(file_descriptor(*dir)->encode(), fcp_before);

  auto again = ProfilePackage::decode(package->encode());
  ASSERT_TRUE(again) << again.error().message();
  EXPECT_EQ(file_content(*find_path(*again, "mf/ef-dir")), replacement);
  // Only that file changed.
  EXPECT_EQ(find_path(*again, "mf/ef-arr")->encode(), find_path(*package, "mf/ef-arr")->encode());
}

TEST(CodecNode, when_integer_values_are_read_then_as_uint_follows_der) {
  Node n;
  n.tag = 0x81;
  n.value = hex("00FF");
  EXPECT_EQ(n.as_uint(), 255u);
  n.value = hex("0001");
  EXPECT_EQ(n.as_uint(), std::nullopt);  // not minimal
  n.value = hex("80");
  EXPECT_EQ(n.as_uint(), std::nullopt);  // negative
  n.value = {};
  EXPECT_EQ(n.as_uint(), std::nullopt);
}

}  // namespace
}  // namespace smdp::saip
