// SPDX-License-Identifier: Apache-2.0
#include "pki/extensions.h"

#include <openssl/x509v3.h>

#include "pki/eid.h"
#include "pki_fixtures.h"

namespace smdp::pki {
namespace {
using namespace smdp::pki::testing;
using smdp::testing::hex;

// A view into `c`: keep `c` alive while using it.
ByteView extension_value(const Certificate& c, int nid) {
  const ASN1_OCTET_STRING* v =
      X509_EXTENSION_get_data(X509_get_ext(c.x509(), X509_get_ext_by_NID(c.x509(), nid, -1)));
  return {ASN1_STRING_get0_data(v), static_cast<std::size_t>(ASN1_STRING_length(v))};
}

TEST(Extensions, when_eum_name_constraint_encoded_then_bytes_equal_sgp26) {
  // The value from certs/EUM/EUM-ext.cnf, as carried by both SGP.26 EUM certificates.
  const Bytes sgp26 =
      hex("3032A030302EA42C302A3115301306035504"
          "0A0C0C52535020546573742045554D3111300F060355040513083839303439303332");
  EXPECT_EQ(ext::encode_eum_name_constraints("RSP Test EUM", "89049032"), sgp26);
  for (const char* curve : kCurves) {
    const Certificate eum = load(eum_path(curve));
    const ByteView v = extension_value(eum, NID_name_constraints);
    EXPECT_EQ(Bytes(v.begin(), v.end()), sgp26) << curve;
  }
  EXPECT_EQ(ext::parse_permitted_eid_prefixes(sgp26).value(), std::vector<std::string>{"89049032"});
}

TEST(Extensions, when_name_constraint_malformed_then_error) {
  Bytes nc = ext::encode_eum_name_constraints("O", "1234");
  EXPECT_FALSE(ext::parse_permitted_eid_prefixes(ByteView(nc).first(nc.size() - 1)));
  nc.push_back(0x00);
  EXPECT_FALSE(ext::parse_permitted_eid_prefixes(nc));
  EXPECT_FALSE(ext::parse_permitted_eid_prefixes(hex("3002A000")));  // empty GeneralSubtrees
  // An excluded dNSName subtree only: no prefix, no error.
  EXPECT_EQ(ext::parse_permitted_eid_prefixes(hex("3008A10630048202616A")).value(),
            std::vector<std::string>{});
}

TEST(Extensions, when_oid_decoded_then_dotted_text_and_strict) {
  EXPECT_EQ(ext::oid_to_text(hex("678112010201")).value(), "2.23.146.1.2.1");
  EXPECT_EQ(ext::oid_to_text(hex("550405")).value(), "2.5.4.5");
  EXPECT_EQ(ext::oid_to_text(hex("2a864886f70d010101")).value(), "1.2.840.113549.1.1.1");
  EXPECT_FALSE(ext::oid_to_text({}));
  EXPECT_FALSE(ext::oid_to_text(hex("5580")));    // truncated arc
  EXPECT_FALSE(ext::oid_to_text(hex("558001")));  // non-minimal arc
}

TEST(Extensions, when_oid_text_encoded_then_round_trips_and_rejects_bad_text) {
  for (const char* text :
       {"2.23.146.1.2.1.5", "2.5.4.5", "1.2.840.113549.1.1.1", "2.999.10", "0.9"}) {
    auto der = ext::oid_from_text(text);
    ASSERT_TRUE(der) << text;
    EXPECT_EQ(ext::oid_to_text(*der).value(), text);
  }
  EXPECT_EQ(ext::oid_from_text("2.999.10").value(), hex("88370A"));
  for (const char* bad : {"", "2", "3.1", "1.40", "2..1", "2.01", "2.a", "2.5."}) {
    EXPECT_FALSE(ext::oid_from_text(bad)) << bad;
  }
  EXPECT_EQ(ext::encode_certificate_policies("2.23.146.1.2.1.1").value(),
            hex("300B3009060767811201020101"));
}

TEST(Extensions, when_key_identifiers_and_policies_parsed_then_values_returned) {
  EXPECT_EQ(ext::parse_subject_key_identifier(hex("0402AABB")).value(), hex("AABB"));
  EXPECT_FALSE(ext::parse_subject_key_identifier(hex("0400")));
  EXPECT_EQ(ext::parse_authority_key_identifier(hex("30048002AABB")).value(), hex("AABB"));
  EXPECT_EQ(ext::parse_authority_key_identifier(hex("3000")).value(), std::nullopt);
  EXPECT_FALSE(
      ext::parse_authority_key_identifier(hex("30048102AABB")));  // [1] must be constructed
  EXPECT_EQ(ext::parse_certificate_policies(hex("300B3009060767811201020101")).value(),
            std::vector<std::string>{"2.23.146.1.2.1.1"});
  EXPECT_FALSE(ext::parse_certificate_policies(hex("3000")));
}

TEST(Eid, when_made_from_the_sgp26_prefix_then_the_sgp26_eid_with_valid_check_digits) {
  EXPECT_EQ(make_eid("89049032", "1234512345123456789012"), "89049032123451234512345678901235");
  EXPECT_TRUE(eid_check_digits_ok("89049032123451234512345678901235"));
  EXPECT_FALSE(eid_check_digits_ok("89049032123451234512345678901299"));  // SGP.26 UNMATCHED_EID
  EXPECT_FALSE(eid_check_digits_ok("89049033123451234512345678901234"));  // SGP.26 INVALID_EID
  auto made = make_eid("8904903200001", "99999999999999999999");
  ASSERT_TRUE(made);
  EXPECT_TRUE(eid_check_digits_ok(*made));
  EXPECT_EQ(make_eid("8904x", "1234512345123456789012"), std::nullopt);
  EXPECT_EQ(make_eid("89049032", "123"), std::nullopt);
  EXPECT_TRUE(is_eid_prefix("89049032"));
  EXPECT_FALSE(is_eid_prefix(""));
  EXPECT_FALSE(is_eid_prefix(std::string(31, '8')));
  EXPECT_FALSE(is_eid("8904903212345123451234567890123"));
}

}  // namespace
}  // namespace smdp::pki
