// SPDX-License-Identifier: Apache-2.0
#include "pki/certificate.h"

#include <openssl/obj_mac.h>

#include <filesystem>

#include "crypto/hash.h"
#include "pki_fixtures.h"

namespace smdp::pki {
namespace {
using namespace smdp::pki::testing;
using smdp::testing::hex;
using smdp::testing::read_text;

TEST(Certificate, when_sgp26_euicc_parsed_then_fields_are_exposed) {
  Certificate c = load(euicc_path("NIST"));
  EXPECT_EQ(c.eid(), "89049032123451234512345678901235");
  EXPECT_EQ(c.subject(),
            "CN=Test eUICC,serialNumber=89049032123451234512345678901235,O=RSP Test EUM,C=ES");
  EXPECT_EQ(c.issuer(), "CN=EUM Test,O=RSP Test EUM,C=ES");
  EXPECT_EQ(c.authority_key_identifier(), hex("DD3DA24D350C1CC5D0AF0965F40EC34C5EE409F1"));
  EXPECT_EQ(c.subject_key_identifier(), hex("A52476AF5D50AA376437CCB1DA2172EF45F484F0"));
  EXPECT_EQ(c.policy_oids(), std::vector<std::string>{"2.23.146.1.2.1.1"});
  EXPECT_TRUE(c.has_policy(Role::euicc));
  EXPECT_EQ(c.key_usage(), static_cast<std::uint32_t>(KeyUsage::digital_signature));
  EXPECT_FALSE(c.is_ca());
  EXPECT_EQ(c.curve(), crypto::Curve::nist_p256);
  EXPECT_TRUE(c.permitted_eid_prefixes().empty());
  EXPECT_EQ(c.extension_critical(NID_key_usage), true);
  EXPECT_EQ(c.extension_critical(NID_subject_key_identifier), false);
  EXPECT_EQ(c.extension_critical(NID_name_constraints), std::nullopt);
  EXPECT_FALSE(c.has_unhandled_critical_extension());
  const auto fp = crypto::sha256(c.der());
  EXPECT_EQ(c.fingerprint(), fp);
}

TEST(Certificate, when_validity_runs_to_year_7496_then_parsed_without_overflow) {
  Certificate c = load(euicc_path("BRP"));
  using namespace std::chrono;
  EXPECT_EQ(c.not_before(), sys_days{2020y / April / 1} + 9h + 48min + 58s);
  EXPECT_EQ(c.not_after(), sys_days{year{7496} / January / 24} + 9h + 48min + 58s);
  EXPECT_EQ(c.validity_at(at(2026, 1, 1)), Validity::valid);
  EXPECT_EQ(c.validity_at(at(7496, 1, 25)), Validity::expired);
  EXPECT_EQ(c.validity_at(at(2019, 1, 1)), Validity::not_yet_valid);
}

TEST(Certificate, when_validity_crosses_2050_then_generalized_time_is_read) {
  Certificate ci = load(ci_path("NIST"));  // notAfter 2055: GeneralizedTime
  using namespace std::chrono;
  EXPECT_EQ(ci.not_after(), sys_days{2055y / April / 1} + 8h + 27min + 51s);
  EXPECT_EQ(ci.validity_at(ci.not_after()), Validity::valid);
  EXPECT_EQ(ci.validity_at(ci.not_after() + 1s), Validity::expired);
}

TEST(Certificate, when_sgp26_eum_parsed_then_eid_prefix_and_ca_flags_are_read) {
  for (const char* curve : kCurves) {
    Certificate eum = load(eum_path(curve));
    EXPECT_EQ(eum.permitted_eid_prefixes(), std::vector<std::string>{"89049032"}) << curve;
    EXPECT_TRUE(eum.is_ca());
    EXPECT_TRUE(eum.allows(KeyUsage::key_cert_sign));
    EXPECT_FALSE(eum.allows(KeyUsage::digital_signature));
    EXPECT_TRUE(eum.has_policy(Role::eum));
    EXPECT_EQ(eum.eid(), std::nullopt);
    EXPECT_EQ(eum.extension_critical(NID_name_constraints), true);
  }
}

TEST(Certificate, when_pem_and_der_of_the_same_certificate_then_equal) {
  for (const char* name :
       {"CERT_EUICC_ECDSA_NIST_INVALID_EID", "CERT_EUICC_ECDSA_NIST_UNMATCHED_EID"}) {
    Certificate der = load(certs(std::string("invalid/") + name + ".der"));
    auto pem = Certificate::from_pem(read_text(certs(std::string("invalid/") + name + ".pem")));
    ASSERT_TRUE(pem) << pem.error().message();
    EXPECT_EQ(pem->der(), der.der());
  }
  Certificate ci = load(certs("CertificateIssuer/CERT_CI_ECDSA_BRP.pem"));
  EXPECT_EQ(ci.der(), load(ci_path("BRP")).der());
}

TEST(Certificate, when_not_exactly_one_der_certificate_then_malformed) {
  const Bytes good = read_file(euicc_path("NIST"));
  auto code = [](ByteView der) {
    auto c = Certificate::from_der(der);
    return c ? std::error_code{} : c.error().code;
  };
  ASSERT_EQ(code(good), std::error_code{});

  Bytes trailing = good;
  trailing.push_back(0x00);
  EXPECT_EQ(code(trailing), Errc::malformed_certificate);
  EXPECT_EQ(code(ByteView(good).first(good.size() - 1)), Errc::malformed_certificate);
  EXPECT_EQ(code({}), Errc::malformed_certificate);

  Bytes octet_string = good;
  octet_string[0] = 0x04;  // a primitive in place of the SEQUENCE
  EXPECT_EQ(code(octet_string), Errc::malformed_certificate);

  // The outer length in non-minimal long form (82 xx xx -> 83 00 xx xx).
  ASSERT_EQ(good[1], 0x82);
  Bytes long_length = {0x30, 0x83, 0x00, good[2], good[3]};
  long_length.insert(long_length.end(), good.begin() + 4, good.end());
  EXPECT_EQ(code(long_length), Errc::malformed_certificate);

  auto pem = Certificate::from_pem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
  EXPECT_FALSE(pem);
}

TEST(Certificate, when_signed_by_issuer_then_verify_issued_by_succeeds_else_names_the_reason) {
  Certificate ci = load(ci_path("NIST"));
  Certificate eum = load(eum_path("NIST"));
  Certificate euicc = load(euicc_path("NIST"));
  EXPECT_TRUE(eum.verify_issued_by(ci));
  EXPECT_TRUE(euicc.verify_issued_by(eum));
  EXPECT_EQ(euicc.verify_issued_by(ci).error().code, Errc::issuer_mismatch);
  EXPECT_EQ(ci.verify_issued_by(ci).error().code, Errc::missing_key_identifier);
  // The BRP CI has the same name but its own SKI and key.
  Certificate brp_ci = load(ci_path("BRP"));
  EXPECT_EQ(eum.verify_issued_by(brp_ci).error().code, Errc::issuer_mismatch);
}

TEST(Certificate, when_any_sgp26_certificate_file_parsed_then_accepted_and_pem_equals_der) {
  int count = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(testdata("certs"))) {
    const auto& path = entry.path();
    if (path.extension() != ".der" || path.filename().string().starts_with("PK_")) continue;
    auto der = Certificate::from_file(path.string());
    ASSERT_TRUE(der) << der.error().message();
    EXPECT_EQ(der->der(), read_file(path)) << path;
    auto pem_path = path;
    pem_path.replace_extension(".pem");
    if (std::filesystem::exists(pem_path) &&
        read_text(pem_path).starts_with("-----BEGIN CERTIFICATE")) {
      EXPECT_EQ(load(pem_path.string()).der(), der->der()) << pem_path;
    }
    ++count;
  }
  EXPECT_GE(count, 29);  // every SGP.26 certificate, invalid/ included
}

TEST(Certificate, when_any_single_bit_flipped_then_parse_fails_or_keeps_the_exact_bytes) {
  // Invariant of strict parsing: success implies der() is the input, byte for byte.
  const Bytes good = read_file(eum_path("BRP"));
  for (std::size_t i = 0; i < good.size(); ++i) {
    Bytes mutated = good;
    mutated[i] ^= static_cast<std::uint8_t>(1u << (i % 8));
    auto c = Certificate::from_der(mutated);
    if (c) {
      EXPECT_EQ(c->der(), mutated) << "byte " << i;
    }
  }
}

TEST(Certificate, when_file_missing_then_io_error_names_the_path) {
  auto c = Certificate::from_file("/nonexistent/cert.der");
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().code, Errc::io_error);
  EXPECT_NE(c.error().message().find("/nonexistent/cert.der"), std::string::npos);
}

}  // namespace
}  // namespace smdp::pki
