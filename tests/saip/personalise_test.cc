// SPDX-License-Identifier: Apache-2.0
// Personalisation (saip/personalise.h): TS.48 v7 and pysim-upp templates personalised
// with a full set of values, re-encoded, decoded independently and compared with the
// template: each value sits where expected and nothing else differs.
#include "saip/personalise.h"

#include <gtest/gtest.h>

#include <set>

#include "saip/validate.h"
#include "saip_fixtures.h"

namespace smdp::saip {
namespace {
using smdp::testing::hex;
using testing::load;

Variable var(VariableKind kind, std::string path = {}) { return Variable{kind, std::move(path)}; }

std::string make_iccid(std::string payload) {
  payload += luhn_check_digit(payload);
  return payload;
}

const std::string kImsi = "310150987654321";
const std::string kIccid = make_iccid("894944000000000001");
const std::string kSpn = "0041434D45FFFFFFFFFFFFFFFFFFFFFFFF";  // "ACME", 17 octets

// A full set for `t`: Ki/OPc as long as the template's.
SubscriptionValues full_values(const ProfilePackage& t) {
  const Node* key = find_path(t, "akaParameter/algoConfiguration/algoParameter/key");
  const Node* opc = find_path(t, "akaParameter/algoConfiguration/algoParameter/opc");
  SubscriptionValues v{
      {var(VariableKind::iccid), kIccid},
      {var(VariableKind::imsi), kImsi},
      {var(VariableKind::ki), std::string(2 * (key ? key->value.size() : 16), 'A')},
      {var(VariableKind::opc), std::string(2 * (opc ? opc->value.size() : 16), 'C')},
      {var(VariableKind::pin1), "1234"},
      {var(VariableKind::pin2), "56789"},
      {var(VariableKind::puk1), "87654321"},
      {var(VariableKind::puk2), "12341234"},
      {var(VariableKind::adm1), "0A0B0C0D0E0F1011"},
  };
  if (check_template_variables(t, {var(VariableKind::ef_content, "usim/ef-spn")})) {
    v.push_back({var(VariableKind::ef_content, "usim/ef-spn"), kSpn});
  }
  // Drop what the template has no place for (older packages lack some PINs/PUKs).
  std::erase_if(v,
                [&](const VariableValue& x) { return !check_template_variables(t, {x.variable}); });
  return v;
}

// Differences between two trees, as PE-name paths, with the nodes where they occur.
struct Diff {
  std::string path;
  const Node* parent_after;  // the node holding the differing child (for PIN items)
};

void diff_nodes(const Node& a, const Node& b, const Node* parent, const std::string& path,
                std::vector<Diff>& out) {
  if (a.name != b.name || a.tag != b.tag || a.value != b.value ||
      a.children.size() != b.children.size()) {
    out.push_back({path, parent});
    return;
  }
  for (std::size_t i = 0; i < a.children.size(); ++i) {
    diff_nodes(a.children[i], b.children[i], &b, path + "/" + std::string(b.children[i].name), out);
  }
}

std::vector<Diff> diff(const ProfilePackage& a, const ProfilePackage& b) {
  std::vector<Diff> out;
  EXPECT_EQ(a.elements.size(), b.elements.size());
  for (std::size_t i = 0; i < std::min(a.elements.size(), b.elements.size()); ++i) {
    diff_nodes(a.elements[i], b.elements[i], nullptr, std::string(b.elements[i].name), out);
  }
  return out;
}

bool allowed(const Diff& d, const SubscriptionValues& values) {
  const auto has = [&](VariableKind k) { return find_value(values, k) != nullptr; };
  // A File may differ in its entries (same count, new values) or as a whole.
  const auto starts = [&](std::string_view p) {
    return d.path.starts_with(p) || d.path + "/" == p;
  };
  if (has(VariableKind::iccid) && (d.path == "header/iccid" || starts("mf/ef-iccid/"))) return true;
  if (has(VariableKind::imsi) &&
      (starts("usim/ef-imsi/") || starts("isim/ef-impi/") || starts("isim/ef-impu/"))) {
    return true;
  }
  if (has(VariableKind::ki) && d.path == "akaParameter/algoConfiguration/algoParameter/key") {
    return true;
  }
  if (has(VariableKind::opc) && d.path == "akaParameter/algoConfiguration/algoParameter/opc") {
    return true;
  }
  for (const auto& v : values) {
    if (v.variable.kind == VariableKind::ef_content && starts(v.variable.path + "/")) return true;
  }
  const bool pin = d.path.ends_with("/pinValue") && starts("pinCodes/");
  const bool puk = d.path.ends_with("/pukValue") && starts("pukCodes/");
  if ((pin || puk) && d.parent_after != nullptr) {
    const Node* k = d.parent_after->child("keyReference");
    const auto ref = k ? k->as_uint() : std::nullopt;
    if (pin) {
      return (ref == 1u && has(VariableKind::pin1)) || (ref == 129u && has(VariableKind::pin2)) ||
             (ref == 10u && has(VariableKind::adm1));
    }
    return (ref == 1u && has(VariableKind::puk1)) || (ref == 129u && has(VariableKind::puk2));
  }
  return false;
}

// Personalises, re-encodes, decodes the output and checks it against the template.
ProfilePackage personalise_and_check(const ProfilePackage& t, const SubscriptionValues& values) {
  auto out = personalise(t, values);
  EXPECT_TRUE(out) << out.error().message();
  if (!out) return t;
  const Bytes der = out->encode();
  auto decoded = ProfilePackage::decode(der);
  EXPECT_TRUE(decoded) << decoded.error().message();
  if (!decoded) return t;
  EXPECT_EQ(decoded->encode(), der);
  const ValidationReport report = validate(*decoded);
  EXPECT_TRUE(report.ok()) << report.to_text();
  for (const Diff& d : diff(t, *decoded)) {
    EXPECT_TRUE(allowed(d, values)) << "unexpected difference at " << d.path;
  }
  return std::move(*decoded);
}

// Each pinCodes/pukCodes entry with `ref` holds `expected` (at least one must exist).
void expect_codes(const ProfilePackage& p, bool puk, std::uint64_t ref, const Bytes& expected) {
  std::size_t seen = 0;
  for (std::size_t n = 0; const Node* e = p.find(puk ? "pukCodes" : "pinCodes", n); ++n) {
    const Node* list = puk ? e->child("pukCodes") : e->child("pinCodes");
    if (list != nullptr && !puk) list = list->child("pinconfig");
    if (list == nullptr) continue;
    for (const Node& item : list->children) {
      if (item.child("keyReference")->as_uint() != ref) continue;
      ++seen;
      EXPECT_EQ(item.child(puk ? "pukValue" : "pinValue")->value, expected) << "ref " << ref;
    }
  }
  EXPECT_GT(seen, 0u) << "ref " << ref;
}

std::string nai(const Bytes& record) {
  if (record.size() < 2 || record[0] != 0x80 || record[1] + 2u > record.size()) return {};
  return std::string(record.begin() + 2, record.begin() + 2 + record[1]);
}

class PersonaliseTemplate : public ::testing::TestWithParam<std::filesystem::path> {};

TEST_P(PersonaliseTemplate, when_full_set_applied_then_each_value_in_place_and_nothing_else) {
  const ProfilePackage t = load(GetParam());
  const SubscriptionValues values = full_values(t);
  const ProfilePackage p = personalise_and_check(t, values);

  EXPECT_EQ(find_path(p, "header/iccid")->value, encode_iccid_header(kIccid));
  EXPECT_EQ(decode_iccid_header(find_path(p, "header/iccid")->value), kIccid);
  if (const Node* ef = find_path(p, "mf/ef-iccid")) {
    EXPECT_EQ(file_content(*ef), encode_iccid_ef(kIccid));
  }
  for (std::size_t n = 0; const Node* usim = p.find("usim", n); ++n) {
    EXPECT_EQ(decode_imsi_ef(file_content(*usim->child("ef-imsi"))), kImsi);
  }
  std::size_t aka = 0;
  for (std::size_t n = 0; const Node* e = p.find("akaParameter", n); ++n) {
    const Node* params = e->child("algoConfiguration")->child("algoParameter");
    if (params == nullptr) continue;
    ++aka;
    EXPECT_EQ(to_hex(params->child("key")->value),
              to_hex(*from_hex(*find_value(values, VariableKind::ki))));
    EXPECT_EQ(to_hex(params->child("opc")->value),
              to_hex(*from_hex(*find_value(values, VariableKind::opc))));
  }
  EXPECT_GT(aka, 0u);
  if (find_value(values, VariableKind::pin1)) expect_codes(p, false, 1, hex("31323334FFFFFFFF"));
  if (find_value(values, VariableKind::pin2)) expect_codes(p, false, 129, hex("3536373839FFFFFF"));
  if (find_value(values, VariableKind::adm1)) expect_codes(p, false, 10, hex("0A0B0C0D0E0F1011"));
  if (find_value(values, VariableKind::puk1)) expect_codes(p, true, 1, hex("3837363534333231"));
  if (find_value(values, VariableKind::puk2)) expect_codes(p, true, 129, hex("3132333431323334"));
  if (find_value(values, VariableKind::ef_content)) {
    EXPECT_EQ(file_content(*find_path(p, "usim/ef-spn")), hex(kSpn));
  }
  // ISIM identities: the template IMSI is gone from every NAI.
  const auto old_imsi = decode_imsi_ef(file_content(*find_path(t, "usim/ef-imsi")));
  ASSERT_TRUE(old_imsi);
  for (const char* path : {"isim/ef-impi", "isim/ef-impu"}) {
    const Node* file = find_path(p, path);
    if (file == nullptr) continue;
    const Bytes c = file_content(*file);
    const std::string text(c.begin(), c.end());
    EXPECT_EQ(text.find(*old_imsi), std::string::npos) << path;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Templates, PersonaliseTemplate,
    ::testing::Values(testing::ts48v7("TS48_V7.0_eSIM_GTP_SAIP2.3_NoBERTLV"),
                      testing::ts48v7("TS48_V7.0_eSIM_GTP_SAIP2.3_NoBERTLV_NoRAMRFM"),
                      testing::ts48v7("TS48_V7.0_eSIM_GTP_SAIP2.3_BERTLV_SUCI"),
                      testing::ts48v7("TS48_V7.0_eSIM_GTP_SAIP2.3_BERTLV_SUCI_NoRAMRFM"),
                      testing::pysim("TS48V1-A-UNIQUE"),
                      testing::pysim("TS48V2-SAIP2-1-NOBERTLV-UNIQUE"),
                      testing::pysim("TS48V4-SAIP2-3-BERTLV-UNIQUE"),
                      testing::pysim("TS48V5-SAIP2-3-BERTLV-SUCI-UNIQUE")),
    testing::param_name);

ProfilePackage ts48() { return load(testing::ts48v7("TS48_V7.0_eSIM_GTP_SAIP2.3_NoBERTLV")); }

TEST(Personalise, when_ts48_imsi_changed_then_impi_and_impu_carry_it_with_its_domain) {
  const ProfilePackage p =
      personalise_and_check(ts48(), {{var(VariableKind::imsi), "310150987654321"}});
  EXPECT_EQ(nai(file_content(*find_path(p, "isim/ef-impi"))), "310150987654321@test.3gpp.com");
  const Bytes impu = file_content(*find_path(p, "isim/ef-impu"));
  EXPECT_EQ(nai(Bytes(impu.begin(), impu.begin() + 64)),
            "sip:310150987654321@ims.mnc015.mcc310.3gppnetwork.org");
  // The other identities (an MSISDN, a name) are untouched.
  EXPECT_EQ(nai(Bytes(impu.begin() + 64, impu.begin() + 128)), "sip:+11234567890@test.3gpp.com");
}

TEST(Personalise, when_imsi_shorter_and_mnc_3_digits_then_nai_shrinks_and_domain_uses_ef_ad) {
  const ProfilePackage p =
      personalise_and_check(ts48(), {{var(VariableKind::imsi), "31015098765432"},
                                     {var(VariableKind::ef_content, "usim/ef-ad"), "80000003"}});
  EXPECT_EQ(decode_imsi_ef(file_content(*find_path(p, "usim/ef-imsi"))), "31015098765432");
  EXPECT_EQ(nai(file_content(*find_path(p, "isim/ef-impi"))), "31015098765432@test.3gpp.com");
  const Bytes impu = file_content(*find_path(p, "isim/ef-impu"));
  EXPECT_EQ(nai(Bytes(impu.begin(), impu.begin() + 64)),
            "sip:31015098765432@ims.mnc150.mcc310.3gppnetwork.org");
}

TEST(Personalise, when_only_iccid_given_then_everything_else_keeps_the_template_value) {
  const ProfilePackage t = ts48();
  const ProfilePackage p = personalise_and_check(t, {{var(VariableKind::iccid), kIccid}});
  const auto d = diff(t, p);
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].path, "header/iccid");
  EXPECT_EQ(d[1].path, "mf/ef-iccid/fillFileContent");
}

TEST(Personalise, when_nothing_given_then_output_equals_template_byte_for_byte) {
  const ProfilePackage t = ts48();
  auto p = personalise(t, {});
  ASSERT_TRUE(p);
  EXPECT_EQ(p->encode(), t.encode());
}

TEST(CheckTemplate, when_every_variable_has_a_place_then_ok) {
  auto list = parse_variable_list("iccid,imsi,ki,opc,pin1,pin2,puk1,puk2,adm1,ef:usim/ef-spn");
  ASSERT_TRUE(list);
  EXPECT_TRUE(check_template_variables(ts48(), *list));
}

TEST(CheckTemplate, when_file_does_not_exist_then_not_found_naming_it) {
  auto r = check_template_variables(
      ts48(), {var(VariableKind::iccid), var(VariableKind::ef_content, "usim/ef-nonexistent")});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::not_found);
  EXPECT_NE(r.error().context.find("ef:usim/ef-nonexistent"), std::string::npos);
}

TEST(CheckTemplate, when_path_is_a_df_or_not_a_file_then_not_found) {
  for (const char* path : {"usim/adf-usim", "akaParameter/sqnOptions", "header/iccid"}) {
    auto r = check_template_variables(ts48(), {var(VariableKind::ef_content, path)});
    ASSERT_FALSE(r) << path;
    EXPECT_EQ(r.error().code, Errc::not_found) << path;
  }
}

TEST(CheckTemplate, when_template_lacks_pin_reference_then_not_found) {
  ProfilePackage t = ts48();
  std::erase_if(t.elements, [](const Node& e) { return e.name == "pukCodes"; });
  auto r = check_template_variables(t, {var(VariableKind::puk2)});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::not_found);
}

// Decision: the template fixes the key lengths. A 32-byte (TUAK-256) Ki for a template
// whose akaParameters hold a 16-byte key (Milenage, test algorithm) is invalid_value,
// as is a 16-byte OPc where TUAK needs a 32-byte TOPc.
TEST(CheckTemplate, when_tuak_256_key_for_test_algorithm_template_then_invalid_value) {
  const SubscriptionValues v{{var(VariableKind::ki), std::string(64, 'A')}};
  auto r = check_template_values(ts48(), v);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::invalid_value);
  EXPECT_EQ(r.error().context.find(std::string(64, 'A')), std::string::npos);
  EXPECT_FALSE(personalise(ts48(), v));
}

TEST(CheckTemplate, when_milenage_template_gets_32_byte_key_then_invalid_value) {
  ProfilePackage t = ts48();
  for (std::size_t n = 0; Node* e = t.find("akaParameter", n); ++n) {
    e->child("algoConfiguration")->child("algoParameter")->child("algorithmID")->value = {0x01};
  }
  EXPECT_FALSE(check_template_values(t, {{var(VariableKind::ki), std::string(64, 'A')}}));
  EXPECT_TRUE(check_template_values(t, {{var(VariableKind::ki), std::string(32, 'A')}}));
}

TEST(CheckTemplate, when_tuak_template_then_topc_must_be_32_octets) {
  ProfilePackage t = ts48();
  for (std::size_t n = 0; Node* e = t.find("akaParameter", n); ++n) {
    Node* params = e->child("algoConfiguration")->child("algoParameter");
    params->child("algorithmID")->value = {0x02};
    params->child("opc")->value = Bytes(32, 0);
  }
  EXPECT_TRUE(check_template_values(t, {{var(VariableKind::opc), std::string(64, 'C')}}));
  EXPECT_FALSE(check_template_values(t, {{var(VariableKind::opc), std::string(32, 'C')}}));
}

TEST(CheckTemplate, when_ef_value_exceeds_the_file_then_invalid_value) {
  // usim/ef-spn: no efFileSize in the package, 17 octets by the SAIP USIM template.
  auto r = personalise(ts48(), {{var(VariableKind::ef_content, "usim/ef-spn"), kSpn + "FF"}});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::invalid_value);
  // isim/ef-impi: efFileSize '20'H.
  EXPECT_FALSE(
      personalise(ts48(), {{var(VariableKind::ef_content, "isim/ef-impi"), std::string(66, 'F')}}));
  EXPECT_TRUE(
      personalise(ts48(), {{var(VariableKind::ef_content, "isim/ef-impi"), std::string(64, 'F')}}));
}

TEST(CheckTemplate, when_record_file_value_is_not_whole_records_then_invalid_value) {
  // isim/ef-impu: records of 64 octets.
  EXPECT_FALSE(personalise(
      ts48(), {{var(VariableKind::ef_content, "isim/ef-impu"), std::string(2 * 65, 'F')}}));
  EXPECT_TRUE(personalise(
      ts48(), {{var(VariableKind::ef_content, "isim/ef-impu"), std::string(2 * 128, 'F')}}));
}

TEST(CheckTemplate, when_ef_variable_overlaps_imsi_then_invalid_value) {
  auto r =
      personalise(ts48(), {{var(VariableKind::imsi), kImsi},
                           {var(VariableKind::ef_content, "usim/ef-imsi"), "0809101010325476F8"}});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::invalid_value);
}

TEST(CheckTemplate, when_value_not_normalised_then_refused) {
  EXPECT_FALSE(personalise(ts48(), {{var(VariableKind::ki), "zz"}}));
  EXPECT_FALSE(personalise(ts48(), {{var(VariableKind::ki), std::string(32, 'a')}}));
}

}  // namespace
}  // namespace smdp::saip
