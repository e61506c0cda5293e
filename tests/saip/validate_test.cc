// SPDX-License-Identifier: Apache-2.0
// Profile package validation (saip/validate.h): every shared package is clean, and each
// rule, broken once in a decoded TS.48 v7 package, yields exactly its problem.
#include "saip/validate.h"

#include <gtest/gtest.h>

#include "saip_fixtures.h"

namespace smdp::saip {
namespace {
using smdp::testing::hex;
using testing::load;
using testing::ts48v7;

class EveryPackageValidates : public ::testing::TestWithParam<std::filesystem::path> {};

TEST_P(EveryPackageValidates, when_validated_then_no_problem) {
  const ProfilePackage package = load(GetParam());
  const ValidationReport report = validate(package);
  EXPECT_TRUE(report.ok()) << report.to_text();
}

INSTANTIATE_TEST_SUITE_P(Profiles, EveryPackageValidates,
                         ::testing::ValuesIn(testing::profile_packages()), testing::param_name);

// TS48 v7 NoBERTLV: 0 header, 1 mf, 2 pukCodes, 3 pinCodes (MF), 4 telecom, 5 pinCodes,
// 6 genericFileManagement, 7 usim, 8 opt-usim, 9 pinCodes (USIM), 10 akaParameter,
// ..., 18 isim, ..., 21 akaParameter (ISIM), ..., 29 end.
ProfilePackage ts48() { return load(ts48v7("TS48_V7.0_eSIM_GTP_SAIP2.3_NoBERTLV")); }

Node& pe(ProfilePackage& p, std::size_t i) { return p.elements.at(i); }

Node& at(ProfilePackage& p, std::string_view path) {
  Node* n = find_path(p, path);
  if (n == nullptr) throw std::runtime_error("no " + std::string(path));
  return *n;
}

Node& pin_item(ProfilePackage& p, std::size_t pe_index, std::size_t n) {
  return pe(p, pe_index).child("pinCodes")->child("pinconfig")->children.at(n);
}

// The only problem of the report; fails the test when there is not exactly one.
Problem only_problem(const ProfilePackage& p) {
  const ValidationReport report = validate(p);
  EXPECT_EQ(report.problems.size(), 1u) << report.to_text();
  return report.problems.empty() ? Problem{} : report.problems.front();
}

void expect_problem(const ProfilePackage& p, std::size_t pe_index, std::string_view pe_name,
                    std::string_view path, std::string_view message_part) {
  const Problem problem = only_problem(p);
  EXPECT_EQ(problem.pe_index, pe_index);
  EXPECT_EQ(problem.pe_name, pe_name);
  EXPECT_EQ(problem.path, path);
  EXPECT_NE(problem.message.find(message_part), std::string::npos) << problem.message;
}

TEST(Validate, when_ts48_package_names_checked_then_indices_match_the_fixture) {
  ProfilePackage p = ts48();
  ASSERT_EQ(p.elements.size(), 30u);
  EXPECT_EQ(pe(p, 1).name, "mf");
  EXPECT_EQ(pe(p, 2).name, "pukCodes");
  EXPECT_EQ(pe(p, 3).name, "pinCodes");
  EXPECT_EQ(pe(p, 7).name, "usim");
  EXPECT_EQ(pe(p, 10).name, "akaParameter");
  EXPECT_EQ(pe(p, 18).name, "isim");
  EXPECT_EQ(pe(p, 29).name, "end");
}

TEST(Validate, when_header_not_first_then_reported) {
  ProfilePackage p = ts48();
  std::swap(p.elements[0], p.elements[1]);
  expect_problem(p, 1, "header", "", "not the first PE");
}

TEST(Validate, when_end_missing_then_reported_for_the_package) {
  ProfilePackage p = ts48();
  p.elements.pop_back();
  expect_problem(p, 0, "", "", "no end PE");
}

TEST(Validate, when_end_not_last_then_reported) {
  ProfilePackage p = ts48();
  std::swap(p.elements[28], p.elements[29]);
  expect_problem(p, 28, "end", "", "not the last PE");
}

TEST(Validate, when_second_header_then_reported) {
  ProfilePackage p = ts48();
  p.elements.insert(p.elements.begin() + 5, p.elements.front());
  expect_problem(p, 5, "header", "", "a second header");
}

TEST(Validate, when_identification_duplicated_then_reported_on_the_later_pe) {
  ProfilePackage p = ts48();
  pe(p, 2).child("puk-Header")->child("identification")->value = {0x04};  // mf's
  expect_problem(p, 2, "pukCodes", "puk-Header/identification", "already used by PE 1");
}

TEST(Validate, when_usim_pe_without_usim_service_then_reported) {
  ProfilePackage p = ts48();
  auto& services = at(p, "header/eUICC-Mandatory-services").children;
  std::erase_if(services, [](const Node& n) { return n.name == "usim"; });
  expect_problem(p, 7, "usim", "", "usim");
}

TEST(Validate, when_algorithm_not_listed_then_reported_for_each_aka_pe) {
  ProfilePackage p = ts48();
  auto& services = at(p, "header/eUICC-Mandatory-services").children;
  std::erase_if(services, [](const Node& n) { return n.name == "usim-test-algorithm"; });
  const ValidationReport report = validate(p);
  ASSERT_EQ(report.problems.size(), 2u) << report.to_text();
  EXPECT_EQ(report.problems[0].pe_index, 10u);
  EXPECT_EQ(report.problems[1].pe_index, 21u);
  EXPECT_EQ(report.problems[0].path, "algoConfiguration/algoParameter/algorithmID");
}

TEST(Validate, when_unblocking_reference_names_missing_puk_then_reported) {
  ProfilePackage p = ts48();
  pin_item(p, 3, 0).child("unblockingPINReference")->value = {0x02};  // pukAppl2: undefined
  expect_problem(p, 3, "pinCodes", "pinCodes/pinconfig[0]/unblockingPINReference",
                 "not defined in a pukCodes PE");
}

TEST(Validate, when_pin_status_template_uses_undefined_pin_then_reported) {
  ProfilePackage p = ts48();
  at(p, "mf/mf/fileDescriptor/pinStatusTemplateDO").value = {0x01, 0x0A, 0x0C};  // adm3
  expect_problem(p, 1, "mf", "mf/fileDescriptor/pinStatusTemplateDO", "'0C'H");
}

TEST(Validate, when_pin_reference_defined_twice_in_one_pe_then_reported) {
  ProfilePackage p = ts48();
  auto& items = pe(p, 3).child("pinCodes")->child("pinconfig")->children;
  items.push_back(items.front());
  expect_problem(p, 3, "pinCodes", "pinCodes/pinconfig[3]/keyReference", "defined twice");
}

TEST(Validate, when_same_pin_reference_in_two_adfs_then_accepted) {
  // secondPINAppl1 is defined in the telecom, USIM, CSIM and ISIM contexts.
  EXPECT_TRUE(validate(ts48()).ok());
}

TEST(Validate, when_content_longer_than_ef_file_size_then_reported) {
  ProfilePackage p = ts48();
  at(p, "isim/ef-impi/fillFileContent").value.push_back(0xFF);  // 33 octets in 32
  expect_problem(p, 18, "isim", "ef-impi/fillFileContent", "beyond efFileSize 32");
}

TEST(Validate, when_record_content_not_whole_records_then_reported) {
  ProfilePackage p = ts48();
  at(p, "mf/ef-dir/fillFileContent").value.push_back(0xFF);  // 23 + 11: next at 34, not 33
  expect_problem(p, 1, "mf", "ef-dir/fillFileContent", "not a multiple of the record length 33");
}

TEST(Validate, when_df_has_ef_file_size_then_reported) {
  ProfilePackage p = ts48();
  Node size;
  size.name = "efFileSize";
  size.tag = 0x80;
  size.value = {0x10};
  at(p, "usim/adf-usim/fileDescriptor").children.push_back(size);
  expect_problem(p, 7, "usim", "adf-usim/fileDescriptor/efFileSize", "efFileSize on a DF");
}

TEST(Validate, when_milenage_key_has_15_octets_then_reported) {
  ProfilePackage p = ts48();
  Node milenage;
  milenage.name = "milenage";
  milenage.tag = 0x84;
  at(p, "header/eUICC-Mandatory-services").children.push_back(milenage);
  Node& params = at(p, "akaParameter/algoConfiguration/algoParameter");
  params.child("algorithmID")->value = {0x01};
  params.child("key")->value.pop_back();
  expect_problem(p, 10, "akaParameter", "algoConfiguration/algoParameter/key",
                 "Milenage key of 15 octets");
}

TEST(Validate, when_tuak_topc_has_16_octets_then_reported) {
  ProfilePackage p = ts48();
  Node tuak;
  tuak.name = "tuak128";
  tuak.tag = 0x85;
  at(p, "header/eUICC-Mandatory-services").children.push_back(tuak);
  at(p, "akaParameter/algoConfiguration/algoParameter/algorithmID").value = {0x02};
  expect_problem(p, 10, "akaParameter", "algoConfiguration/algoParameter/opc",
                 "TUAK TOPc of 16 octets, expected 32");
}

// sqnInit is DEFAULT: the TS.48 packages leave it out (all zero), so the test adds one.
void add_sqn_init(ProfilePackage& p, std::size_t entries) {
  Node sqn;
  sqn.name = "sqnInit";
  sqn.tag = 0xA5;
  for (std::size_t n = 0; n < entries; ++n) {
    Node item;
    item.name = "item";
    item.tag = 0x04;
    item.value = Bytes(6, 0);
    sqn.children.push_back(item);
  }
  pe(p, 10).children.push_back(sqn);
}

TEST(Validate, when_sqn_init_has_32_entries_of_6_octets_then_accepted) {
  ProfilePackage p = ts48();
  add_sqn_init(p, 32);
  EXPECT_TRUE(validate(p).ok()) << validate(p).to_text();
}

TEST(Validate, when_sqn_init_entry_has_5_octets_then_reported) {
  ProfilePackage p = ts48();
  add_sqn_init(p, 32);
  at(p, "akaParameter/sqnInit").children[4].value.pop_back();
  expect_problem(p, 10, "akaParameter", "sqnInit/4", "sqnInit entry of 5 octets");
}

TEST(Validate, when_sqn_init_has_31_entries_then_reported) {
  ProfilePackage p = ts48();
  add_sqn_init(p, 31);
  expect_problem(p, 10, "akaParameter", "sqnInit", "31 entries, expected 32");
}

TEST(Validate, when_rotation_constants_not_5_octets_then_reported) {
  ProfilePackage p = ts48();
  Node rotation;  // DEFAULT '4000204060'H, absent from the package; one octet too many
  rotation.name = "rotationConstants";
  rotation.tag = 0x84;
  rotation.value = hex("400020406000");
  auto& params = at(p, "akaParameter[1]/algoConfiguration/algoParameter").children;
  params.insert(params.begin() + 4, rotation);
  expect_problem(p, 21, "akaParameter", "algoConfiguration/algoParameter/rotationConstants",
                 "rotationConstants of 6 octets");
}

TEST(Validate, when_several_rules_broken_then_every_problem_reported) {
  ProfilePackage p = ts48();
  p.elements.pop_back();
  pin_item(p, 3, 0).child("unblockingPINReference")->value = {0x02};
  add_sqn_init(p, 31);
  const ValidationReport report = validate(p);
  ASSERT_EQ(report.problems.size(), 3u) << report.to_text();
  EXPECT_FALSE(report.ok());
}

TEST(Validate, when_report_rendered_then_one_line_per_problem_with_pe_and_path) {
  ProfilePackage p = ts48();
  p.elements.pop_back();
  pin_item(p, 3, 0).child("unblockingPINReference")->value = {0x02};
  const std::string text = validate(p).to_text();
  EXPECT_NE(text.find("package: no end PE\n"), std::string::npos) << text;
  EXPECT_NE(text.find("PE 3 pinCodes: pinCodes/pinconfig[0]/unblockingPINReference: "
                      "unblockingPINReference 2 is not defined in a pukCodes PE\n"),
            std::string::npos)
      << text;
}

}  // namespace
}  // namespace smdp::saip
