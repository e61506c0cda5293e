// SPDX-License-Identifier: Apache-2.0
// Personalisation variables (saip/variables.h): names, text rules, codings against the
// GSMA TS.48 v7 package's values, storage round trip.
#include "saip/variables.h"

#include <gtest/gtest.h>

#include "saip/package.h"
#include "testdata.h"

namespace smdp::saip {
namespace {
using smdp::testing::hex;

Variable var(VariableKind kind) { return Variable{kind, {}}; }

TEST(Luhn, when_ts48_iccid_payload_then_check_digit_is_1) {
  // TS.48 v7 header iccid '89000123456789012341'H.
  EXPECT_EQ(luhn_check_digit("8900012345678901234"), '1');
}

TEST(Luhn, when_known_numbers_then_standard_check_digits) {
  EXPECT_EQ(luhn_check_digit("7992739871"), '3');  // the classic Luhn example
  EXPECT_EQ(luhn_check_digit("8904903212345123451"), '5');
  EXPECT_EQ(luhn_check_digit("0"), '0');
}

TEST(Variables, when_names_parsed_then_kinds_and_names_round_trip) {
  for (const char* name :
       {"iccid", "imsi", "ki", "opc", "pin1", "pin2", "puk1", "puk2", "adm1", "ef:usim/ef-spn"}) {
    auto v = parse_variable(name);
    ASSERT_TRUE(v) << name;
    EXPECT_EQ(v->name(), name);
  }
  auto ef = parse_variable("ef:pinCodes[1]/x");
  ASSERT_TRUE(ef);
  EXPECT_EQ(ef->kind, VariableKind::ef_content);
  EXPECT_EQ(ef->path, "pinCodes[1]/x");
}

TEST(Variables, when_unknown_or_malformed_name_then_invalid_value) {
  for (const char* name : {"", "ICCID", "k1", "ef:", "ef:usim", "ef:usim//ef-spn", "ef:usim/ef spn",
                           "ef:usim/ef-spn[", "ef:usim/ef-spn[x]", "pin3"}) {
    auto v = parse_variable(name);
    ASSERT_FALSE(v) << name;
    EXPECT_EQ(v.error().code, Errc::invalid_value) << name;
  }
}

TEST(Variables, when_secret_asked_then_keys_and_codes_are_secret) {
  EXPECT_FALSE(var(VariableKind::iccid).secret());
  EXPECT_FALSE(var(VariableKind::imsi).secret());
  EXPECT_FALSE((Variable{VariableKind::ef_content, "usim/ef-spn"}).secret());
  for (auto k : {VariableKind::ki, VariableKind::opc, VariableKind::pin1, VariableKind::pin2,
                 VariableKind::puk1, VariableKind::puk2, VariableKind::adm1}) {
    EXPECT_TRUE(var(k).secret());
  }
}

TEST(Variables, when_list_parsed_then_order_kept_duplicates_and_missing_iccid_refused) {
  auto list = parse_variable_list("iccid, imsi,ki,ef:usim/ef-spn");
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 4u);
  EXPECT_EQ((*list)[1].kind, VariableKind::imsi);
  EXPECT_EQ((*list)[3].path, "usim/ef-spn");
  EXPECT_FALSE(parse_variable_list("iccid,ki,ki"));
  EXPECT_FALSE(parse_variable_list("imsi,ki"));
  EXPECT_FALSE(parse_variable_list("iccid,,ki"));
  EXPECT_FALSE(parse_variable_list("iccid,bogus"));
}

struct Case {
  VariableKind kind;
  const char* text;
  const char* normalised;  // null: refused
};

TEST(Normalise, when_each_rule_applied_then_good_values_normalised_and_bad_refused) {
  const Case cases[] = {
      {VariableKind::iccid, "89000123456789012341", "89000123456789012341"},
      {VariableKind::iccid, " 8900 0123 4567 8901 2341 ", "89000123456789012341"},
      {VariableKind::iccid, "890001234567890122", "890001234567890122"},  // 18 digits
      {VariableKind::iccid, "89000123456789012342", nullptr},             // check digit
      {VariableKind::iccid, "89000123456789012", nullptr},                // 17 digits
      {VariableKind::iccid, "890001234567890123411", nullptr},            // 21 digits
      {VariableKind::iccid, "8900012345678901234A", nullptr},
      {VariableKind::imsi, "001010123456789", "001010123456789"},
      {VariableKind::imsi, "001010", "001010"},
      {VariableKind::imsi, "00101", nullptr},
      {VariableKind::imsi, "0010101234567890", nullptr},
      {VariableKind::imsi, "00101012345678a", nullptr},
      {VariableKind::ki, "000102030405060708090a0b0c0d0e0f", "000102030405060708090A0B0C0D0E0F"},
      {VariableKind::ki, "000102030405060708090A0B0C0D0E", nullptr},
      {VariableKind::ki, "000102030405060708090A0B0C0D0E0G", nullptr},
      {VariableKind::opc, "00000000 00000000 00000000 00000000",
       "00000000000000000000000000000000"},
      {VariableKind::opc, "0000", nullptr},
      {VariableKind::pin1, "0000", "0000"},
      {VariableKind::pin1, "12345678", "12345678"},
      {VariableKind::pin1, "123", nullptr},
      {VariableKind::pin1, "123456789", nullptr},
      {VariableKind::pin2, "12a4", nullptr},
      {VariableKind::puk1, "11111111", "11111111"},
      {VariableKind::puk1, "1111111", nullptr},
      {VariableKind::puk2, "1111111a", nullptr},
      {VariableKind::adm1, "55555555", "55555555"},
      {VariableKind::adm1, "3535353535353535", "3535353535353535"},
      {VariableKind::adm1, "0a0b0c0d0e0f1011", "0A0B0C0D0E0F1011"},
      {VariableKind::adm1, "0a0b0c0d", nullptr},
      {VariableKind::adm1, "123", nullptr},
  };
  for (const Case& c : cases) {
    auto r = normalise_value(var(c.kind), c.text);
    if (c.normalised == nullptr) {
      ASSERT_FALSE(r) << var(c.kind).name() << " " << c.text;
      EXPECT_EQ(r.error().code, Errc::invalid_value);
      EXPECT_EQ(r.error().context.rfind(var(c.kind).name() + ":", 0), 0u) << r.error().context;
    } else {
      ASSERT_TRUE(r) << var(c.kind).name() << " " << c.text << ": " << r.error().message();
      EXPECT_EQ(*r, c.normalised);
    }
  }
  auto tuak = normalise_value(var(VariableKind::ki), std::string(64, 'a'));
  ASSERT_TRUE(tuak);
  EXPECT_EQ(*tuak, std::string(64, 'A'));
}

TEST(Normalise, when_ef_content_then_even_hex_upper_case) {
  const Variable spn{VariableKind::ef_content, "usim/ef-spn"};
  EXPECT_EQ(*normalise_value(spn, "01 47534d41ff"), "0147534D41FF");
  EXPECT_FALSE(normalise_value(spn, "014"));
  EXPECT_FALSE(normalise_value(spn, ""));
  EXPECT_FALSE(normalise_value(spn, "zz"));
}

TEST(Normalise, when_secret_refused_then_context_never_holds_the_value) {
  const struct {
    VariableKind kind;
    const char* text;
  } bad[] = {
      {VariableKind::ki, "0123456789ABCDEF0123456789ABCDE"},
      {VariableKind::opc, "FEDCBA9876543210FEDCBA98765432"},
      {VariableKind::pin1, "987654321"},
      {VariableKind::pin2, "98x7"},
      {VariableKind::puk1, "7654321"},
      {VariableKind::puk2, "765432109"},
      {VariableKind::adm1, "A1B2C3D4E5F6A7B"},
  };
  for (const auto& b : bad) {
    auto r = normalise_value(var(b.kind), b.text);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message().find(b.text), std::string::npos) << r.error().message();
    // Nor any 4-digit/hex run of it.
    EXPECT_EQ(r.error().message().find(std::string(b.text).substr(0, 4)), std::string::npos)
        << r.error().message();
  }
}

TEST(Codings, when_ts48_iccid_encoded_then_header_and_ef_match_the_package) {
  EXPECT_EQ(encode_iccid_header("89000123456789012341"), hex("89000123456789012341"));
  EXPECT_EQ(encode_iccid_ef("89000123456789012341"), hex("98001032547698103214"));
  EXPECT_EQ(decode_iccid_header(hex("89000123456789012341")), "89000123456789012341");
}

TEST(Codings, when_19_digit_iccid_then_f_padded) {
  EXPECT_EQ(encode_iccid_header("8949449999999999999"), hex("8949449999999999999F"));
  EXPECT_EQ(encode_iccid_ef("8949449999999999999"), hex("989444999999999999F9"));
  EXPECT_EQ(decode_iccid_header(hex("8949449999999999999F")), "8949449999999999999");
}

TEST(Codings, when_iccid_header_malformed_then_nullopt) {
  EXPECT_FALSE(decode_iccid_header(hex("890001234567890123")));    // 9 octets
  EXPECT_FALSE(decode_iccid_header(hex("8900012345678901F341")));  // digit after padding
  EXPECT_FALSE(decode_iccid_header(hex("8900012345678901A341")));  // not a digit
  EXPECT_FALSE(decode_iccid_header(hex("FFFFFFFFFFFFFFFFFFFF")));  // empty
}

TEST(Codings, when_ts48_imsi_encoded_then_ef_imsi_matches_the_package) {
  EXPECT_EQ(encode_imsi_ef("001010123456789"), hex("080910101032547698"));
  EXPECT_EQ(decode_imsi_ef(hex("080910101032547698")), "001010123456789");
}

TEST(Codings, when_even_length_imsi_then_parity_even_and_padded) {
  // 14 digits: 15 nibbles with the parity nibble, the last one 'F'.
  EXPECT_EQ(encode_imsi_ef("23415012345678"), hex("0821435110325476F8"));
  EXPECT_EQ(decode_imsi_ef(hex("0821435110325476F8")), "23415012345678");
}

TEST(Codings, when_six_digit_imsi_then_length_4_and_ff_padded) {
  EXPECT_EQ(encode_imsi_ef("001010"), hex("04011010F0FFFFFFFF"));
  EXPECT_EQ(decode_imsi_ef(hex("04011010F0FFFFFFFF")), "001010");
  EXPECT_EQ(encode_imsi_ef("0010101"), hex("0409101010FFFFFFFF"));
  EXPECT_EQ(decode_imsi_ef(hex("0409101010FFFFFFFF")), "0010101");
}

TEST(Codings, when_imsi_round_trips_for_every_length_then_equal) {
  const std::string digits = "310150123456789";
  for (std::size_t n = 6; n <= 15; ++n) {
    const std::string imsi = digits.substr(0, n);
    const Bytes ef = encode_imsi_ef(imsi);
    EXPECT_EQ(ef.size(), 9u);
    EXPECT_EQ(ef[0], (n + 2) / 2) << n;
    EXPECT_EQ(decode_imsi_ef(ef), imsi) << n;
  }
}

TEST(Codings, when_ef_imsi_malformed_then_nullopt) {
  EXPECT_FALSE(decode_imsi_ef(hex("09091010103254769800")));  // length 9
  EXPECT_FALSE(decode_imsi_ef(hex("080810101032547698")));    // type nibble not IMSI
  EXPECT_FALSE(decode_imsi_ef(hex("0809101010325476F8")));    // odd parity, F digit
  EXPECT_FALSE(decode_imsi_ef(hex("080110101032547698")));    // even parity, 15 digits
  EXPECT_FALSE(decode_imsi_ef(hex("08")));
}

TEST(Codings, when_pin_values_encoded_then_ascii_f_padded_or_raw_adm) {
  EXPECT_EQ(encode_pin_value("0000"), hex("30303030FFFFFFFF"));              // TS.48 PIN1
  EXPECT_EQ(encode_pin_value("11111111"), hex("3131313131313131"));          // TS.48 PUK1
  EXPECT_EQ(encode_pin_value("3535353535353535"), hex("3535353535353535"));  // raw ADM
  EXPECT_EQ(encode_pin_value("0A0B0C0D0E0F1011"), hex("0A0B0C0D0E0F1011"));
}

TEST(Storage, when_values_serialised_then_parse_gives_them_back) {
  const SubscriptionValues values{
      {var(VariableKind::iccid), "89000123456789012341"},
      {var(VariableKind::imsi), "001010123456789"},
      {var(VariableKind::ki), "000102030405060708090A0B0C0D0E0F"},
      {var(VariableKind::adm1), "3535353535353535"},
      {Variable{VariableKind::ef_content, "usim/ef-spn"}, "0147534D41FF"},
  };
  const std::string text = serialise_values(values);
  EXPECT_EQ(text.substr(0, 27), "iccid=89000123456789012341\n");
  auto parsed = parse_values(text);
  ASSERT_TRUE(parsed) << parsed.error().message();
  ASSERT_EQ(parsed->size(), values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    EXPECT_EQ((*parsed)[i].variable, values[i].variable);
    EXPECT_EQ((*parsed)[i].value, values[i].value);
  }
  ASSERT_NE(find_value(*parsed, VariableKind::imsi), nullptr);
  EXPECT_EQ(*find_value(*parsed, VariableKind::imsi), "001010123456789");
  EXPECT_EQ(find_value(*parsed, VariableKind::pin1), nullptr);
}

TEST(Storage, when_stored_text_bad_then_refused) {
  EXPECT_FALSE(parse_values("iccid=89000123456789012342\n"));  // Luhn re-checked
  EXPECT_FALSE(parse_values("iccid 89000123456789012341\n"));
  EXPECT_FALSE(parse_values("imsi=001010123456789\nimsi=001010123456789\n"));
  EXPECT_FALSE(parse_values("colour=blue\n"));
  auto empty = parse_values("\n\n");
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->empty());
}

}  // namespace
}  // namespace smdp::saip
