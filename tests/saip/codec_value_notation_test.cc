// SPDX-License-Identifier: Apache-2.0
// Oracle: each GSMA TS.48 v7 package decoded by the SAIP codec equals, field by field,
// the ASN.1 value notation published with it (names, octets, integers, named numbers,
// NULLs, OIDs, strings; components absent from the DER must equal their DEFAULT).
// Plus spot checks of values personalisation depends on.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "saip/package.h"
#include "saip/schema.h"
#include "saip_fixtures.h"
#include "value_notation.h"

namespace smdp::saip {
namespace {

using schema::Field;
using schema::Kind;
using testing::Value;

constexpr const char* kV7[] = {
    "TS48_V7.0_eSIM_GTP_SAIP2.3_BERTLV_SUCI",
    "TS48_V7.0_eSIM_GTP_SAIP2.3_BERTLV_SUCI_NoRAMRFM",
    "TS48_V7.0_eSIM_GTP_SAIP2.3_NoBERTLV",
    "TS48_V7.0_eSIM_GTP_SAIP2.3_NoBERTLV_NoRAMRFM",
};

// Walks a decoded node, its schema field and the oracle value together. Records each
// mismatch with its path; counts the leaves compared.
class Comparer {
 public:
  std::vector<std::string> mismatches;
  std::size_t leaves = 0;
  std::size_t defaults_used = 0;

  void compare(const Node& node, const Field& field, const Value& v, const std::string& path) {
    const schema::Type& type = *field.type;
    if (!node.known) return mismatch(path, "unknown node");
    switch (type.kind) {
      case Kind::sequence:
        return sequence(node, type, v, path);
      case Kind::sequence_of:
        return sequence_of(node, type, v, path);
      case Kind::choice: {
        if (v.kind != Value::Kind::choice) return mismatch(path, "expected a CHOICE value");
        if (node.children.size() != 1) return mismatch(path, "CHOICE node without one child");
        alternative(node.children[0], type, v, path);
        return;
      }
      default:
        ++leaves;
        return primitive(node, type, v, path);
    }
  }

  // A node that is the alternative of an untagged CHOICE (a PE, a File entry).
  void alternative(const Node& node, const schema::Type& choice, const Value& v,
                   const std::string& path) {
    if (v.kind != Value::Kind::choice) return mismatch(path, "expected 'alt : value'");
    if (node.name != v.text)
      return mismatch(path, "alternative " + std::string(node.name) + " but oracle has " + v.text);
    const Field* alt = schema::find_field(choice, v.text);
    if (alt == nullptr) return mismatch(path, "no alternative " + v.text + " in schema");
    compare(node, *alt, v.members[0].second, path + "/" + v.text);
  }

 private:
  void mismatch(const std::string& path, const std::string& what) {
    mismatches.push_back(path + ": " + what);
  }

  void sequence(const Node& node, const schema::Type& type, const Value& v,
                const std::string& path) {
    if (v.kind != Value::Kind::braces) return mismatch(path, "expected { ... }");
    std::map<std::string, int> seen;
    for (const auto& [name, member] : v.members) {
      const std::string sub = path + "/" + name;
      const Field* f = schema::find_field(type, name);
      if (f == nullptr) {
        mismatch(sub, "component not in schema");
        continue;
      }
      const Node* child = node.child(name, static_cast<std::size_t>(seen[name]++));
      if (child != nullptr) {
        compare(*child, *f, member, sub);
        continue;
      }
      auto def = schema::default_value(*f);
      if (!def) {
        mismatch(sub, "in oracle, absent from the package and has no DEFAULT");
        continue;
      }
      ++defaults_used;
      compare(*def, *f, member, sub + "(DEFAULT)");
    }
    // Every decoded component must appear in the oracle.
    std::map<std::string, int> decoded;
    for (const Node& c : node.children) ++decoded[std::string(c.name)];
    for (const auto& [name, count] : decoded) {
      if (seen[name] != count) mismatch(path + "/" + name, "decoded but not in oracle");
    }
  }

  void sequence_of(const Node& node, const schema::Type& type, const Value& v,
                   const std::string& path) {
    if (v.kind != Value::Kind::braces) return mismatch(path, "expected { ... }");
    if (v.members.size() != node.children.size()) {
      return mismatch(path, "item count " + std::to_string(node.children.size()) + " vs oracle " +
                                std::to_string(v.members.size()));
    }
    const Field& element = type.fields.front();
    for (std::size_t i = 0; i < v.members.size(); ++i) {
      const std::string sub = path + "[" + std::to_string(i) + "]";
      if (!v.members[i].first.empty()) mismatch(sub, "named item");
      if (element.tag == 0) {
        alternative(node.children[i], *element.type, v.members[i].second, sub);
      } else {
        compare(node.children[i], element, v.members[i].second, sub);
      }
    }
  }

  void primitive(const Node& node, const schema::Type& type, const Value& v,
                 const std::string& path) {
    switch (type.kind) {
      case Kind::octet_string:
        if (v.kind != Value::Kind::octets) return mismatch(path, "expected 'hex'H");
        if (node.value != v.octets) {
          mismatch(path, to_hex(node.value) + " vs oracle " + to_hex(v.octets));
        }
        return;
      case Kind::integer: {
        std::int64_t expected = v.integer;
        if (v.kind == Value::Kind::identifier) {
          auto n = schema::named_value(type, v.text);
          if (!n) return mismatch(path, "unknown named number " + v.text);
          expected = *n;
        } else if (v.kind != Value::Kind::integer) {
          return mismatch(path, "expected an integer");
        }
        auto got = node.as_uint();
        if (!got || static_cast<std::int64_t>(*got) != expected) {
          mismatch(path, to_hex(node.value) + " vs oracle " + std::to_string(expected));
        }
        return;
      }
      case Kind::null:
        if (v.kind != Value::Kind::null || !node.value.empty()) mismatch(path, "NULL");
        return;
      case Kind::boolean:
        if (v.kind != Value::Kind::boolean || node.value.size() != 1 ||
            (node.value[0] != 0) != (v.integer != 0)) {
          mismatch(path, "BOOLEAN");
        }
        return;
      case Kind::object_identifier:
        if (v.kind != Value::Kind::oid || node.value != testing::encode_oid_contents(v.arcs)) {
          mismatch(path, "OID " + to_hex(node.value));
        }
        return;
      case Kind::utf8_string:
        if (v.kind != Value::Kind::string || as_chars(node.value) != v.text) {
          mismatch(path, "string " + std::string(as_chars(node.value)));
        }
        return;
      default:
        return mismatch(path, "unexpected type kind");
    }
  }
};

class V7Package : public ::testing::TestWithParam<const char*> {};

TEST_P(V7Package, when_decoded_then_whole_tree_equals_value_notation) {
  const std::string stem = GetParam();
  auto package = ProfilePackage::decode(smdp::testing::read_file(testing::ts48v7(stem)));
  ASSERT_TRUE(package) << package.error().message();
  std::vector<testing::ValueAssignment> oracle;
  std::string error;
  ASSERT_TRUE(testing::parse_value_notation(smdp::testing::read_text(testing::ts48v7(stem, ".txt")),
                                            oracle, error))
      << error;
  ASSERT_EQ(oracle.size(), package->elements.size());

  Comparer cmp;
  for (std::size_t i = 0; i < oracle.size(); ++i) {
    ASSERT_EQ(oracle[i].type, "ProfileElement");
    cmp.alternative(package->elements[i], schema::profile_element(), oracle[i].value,
                    "PE " + std::to_string(i));
  }
  for (const std::string& m : cmp.mismatches) ADD_FAILURE() << m;
  EXPECT_TRUE(cmp.mismatches.empty());
  // The comparison is not vacuous: thousands of leaves, including DEFAULTs shown.
  EXPECT_GT(cmp.leaves, 1500u);
  EXPECT_GT(cmp.defaults_used, 0u);
}

INSTANTIATE_TEST_SUITE_P(CodecTS48v7, V7Package, ::testing::ValuesIn(kV7));

TEST(CodecValueNotationOracle, when_a_value_differs_then_comparer_reports_it) {
  auto package = ProfilePackage::decode(smdp::testing::read_file(testing::ts48v7(kV7[0])));
  ASSERT_TRUE(package);
  std::vector<testing::ValueAssignment> oracle;
  std::string error;
  ASSERT_TRUE(testing::parse_value_notation(
      smdp::testing::read_text(testing::ts48v7(kV7[0], ".txt")), oracle, error));
  Node* iccid = find_path(*package, "header/iccid");
  ASSERT_NE(iccid, nullptr);
  iccid->value.back() ^= 0x01;
  Comparer cmp;
  cmp.alternative(package->elements[0], schema::profile_element(), oracle[0].value, "PE 0");
  ASSERT_EQ(cmp.mismatches.size(), 1u);
  EXPECT_NE(cmp.mismatches[0].find("iccid"), std::string::npos);
}

class V7SpotChecks : public ::testing::TestWithParam<const char*> {};

TEST_P(V7SpotChecks, when_decoded_then_personalisation_fields_have_the_published_values) {
  using smdp::testing::hex;
  auto package = ProfilePackage::decode(smdp::testing::read_file(testing::ts48v7(GetParam())));
  ASSERT_TRUE(package) << package.error().message();
  const ProfilePackage& p = *package;

  const Node* iccid = find_path(p, "header/iccid");
  ASSERT_NE(iccid, nullptr);
  EXPECT_EQ(iccid->value, hex("89000123456789012341"));

  const Node* imsi = find_path(p, "usim/ef-imsi");
  ASSERT_NE(imsi, nullptr);
  auto fills = file_fill_contents(*imsi);
  ASSERT_EQ(fills.size(), 1u);
  EXPECT_EQ(fills[0]->value, hex("080910101032547698"));
  EXPECT_EQ(file_content(*imsi), hex("080910101032547698"));
  ASSERT_NE(file_descriptor(*imsi), nullptr);
  // A template file: its size comes from the template, not from the Fcp.
  EXPECT_EQ(ef_file_size(*file_descriptor(*imsi)), std::nullopt);
  const Node* arr = find_path(p, "mf/ef-arr");
  ASSERT_NE(arr, nullptr);
  ASSERT_NE(file_descriptor(*arr), nullptr);
  EXPECT_EQ(ef_file_size(*file_descriptor(*arr)), 0x02B2u);

  const Node* key = find_path(p, "akaParameter/algoConfiguration/algoParameter/key");
  ASSERT_NE(key, nullptr);
  EXPECT_EQ(key->value, hex("000102030405060708090A0B0C0D0E0F"));
  const Node* opc = find_path(p, "akaParameter/algoConfiguration/algoParameter/opc");
  ASSERT_NE(opc, nullptr);
  EXPECT_EQ(opc->value, hex("00000000000000000000000000000000"));
  const Node* algorithm = find_path(p, "akaParameter/algoConfiguration/algoParameter/algorithmID");
  ASSERT_NE(algorithm, nullptr);
  EXPECT_EQ(algorithm->as_uint(), 3u);  // usim-test-algorithm

  const Node* pin = find_path(p, "pinCodes/pinCodes/pinconfig/PINConfiguration");
  ASSERT_NE(pin, nullptr);
  EXPECT_EQ(pin->child("keyReference")->as_uint(), 1u);  // pinAppl1
  EXPECT_EQ(pin->child("pinValue")->value, hex("30303030FFFFFFFF"));
  EXPECT_EQ(pin->child("unblockingPINReference")->as_uint(), 1u);  // pukAppl1

  const Node* puk = find_path(p, "pukCodes/pukCodes/PUKConfiguration");
  ASSERT_NE(puk, nullptr);
  EXPECT_EQ(puk->child("keyReference")->as_uint(), 1u);  // pukAppl1
  EXPECT_EQ(puk->child("pukValue")->value, hex("3131313131313131"));
  const Node* puk2 = find_path(p, "pukCodes/pukCodes/PUKConfiguration[1]");
  ASSERT_NE(puk2, nullptr);
  EXPECT_EQ(puk2->child("keyReference")->as_uint(), 129u);  // secondPUKAppl1

  const Node* impi = find_path(p, "isim/ef-impi");
  ASSERT_NE(impi, nullptr);
  const Bytes impi_content = file_content(*impi);
  ASSERT_FALSE(impi_content.empty());
  EXPECT_EQ(impi_content, hex("801D30303130313031323334353637383940746573742E336770702E636F6DFF"));
  EXPECT_EQ(impi_content[0], 0x80);  // NAI TLV (TS 31.103 §4.2.2)
  const std::string nai(as_chars(ByteView(impi_content).subspan(2, impi_content[1])));
  EXPECT_EQ(nai, "001010123456789@test.3gpp.com");
}

INSTANTIATE_TEST_SUITE_P(CodecTS48v7, V7SpotChecks, ::testing::ValuesIn(kV7));

}  // namespace
}  // namespace smdp::saip
