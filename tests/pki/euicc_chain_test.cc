// SPDX-License-Identifier: Apache-2.0
#include "pki/euicc_chain.h"

#include <filesystem>
#include <set>

#include "pki_fixtures.h"

namespace smdp::pki {
namespace {
using namespace smdp::pki::testing;

TEST(EuiccChain, when_sgp26_chain_of_each_curve_then_verified_with_eid_and_key) {
  const CiSet cis = sgp26_cis();
  for (const char* curve : kCurves) {
    const Bytes ski = std::string(curve) == "NIST" ? kNistCiSki : kBrpCiSki;
    auto r = verify_euicc_chain(
        cis, read_file(eum_path(curve)), read_file(euicc_path(curve)),
        {.now = kSgp26Now, .selected_ci_ski = ski, .expected_eid = std::nullopt});
    ASSERT_TRUE(r) << curve << ": " << r.error().message();
    EXPECT_EQ(r->eid, "89049032123451234512345678901235");
    EXPECT_EQ(r->ci->subject_key_identifier(), ski);
    EXPECT_EQ(r->public_key().point(), load(euicc_path(curve)).public_key().point());
    EXPECT_EQ(r->euicc.der(), read_file(euicc_path(curve)));
  }
}

TEST(EuiccChain, when_expected_eid_matches_then_verified) {
  auto r =
      verify_euicc_chain(sgp26_cis(), read_file(eum_path("NIST")), read_file(euicc_path("NIST")),
                         {.now = kSgp26Now, .expected_eid = "89049032123451234512345678901235"});
  EXPECT_TRUE(r);
}

// Each negative SGP.26-derived fixture in certs/invalid/, the certificate it replaces
// in the NIST chain, and the refusal it must cause.
struct InvalidCase {
  const char* file;
  bool is_eum;
  ChainErrc expected;
  std::optional<std::string> expected_eid;
};

const InvalidCase kInvalidCases[] = {
    {"CERT_EUM_ECDSA_NIST_EXPIRED.der", true, ChainErrc::eum_expired, {}},
    {"CERT_EUM_ECDSA_NIST_INVALID.der", true, ChainErrc::eum_invalid, {}},  // self-signed, no AKI
    {"CERT_EUM_ECDSA_NIST_UNKNOWN_CI.der", true, ChainErrc::ci_unknown, {}},
    {"CERT_UNKNOWN_CI_ECDSA_NIST.der", true, ChainErrc::eum_invalid, {}},  // a CI, no AKI
    {"CERT_EUICC_ECDSA_NIST_EXPIRED.der", false, ChainErrc::euicc_expired, {}},
    {"CERT_EUICC_ECDSA_NIST_INVALID.der", false, ChainErrc::euicc_invalid, {}},  // self-signed
    {"CERT_EUICC_ECDSA_NIST_INVALID_EID.der", false, ChainErrc::eid_outside_eum_range, {}},
    {"CERT_EUICC_ECDSA_NIST_UNMATCHED_EID.der", false, ChainErrc::eid_mismatch,
     "89049032123451234512345678901235"},
};

TEST(EuiccChain, when_sgp26_invalid_fixture_then_refused_with_its_reason) {
  const CiSet cis = sgp26_cis();
  for (const auto& c : kInvalidCases) {
    const Bytes bad = read_file(certs(std::string("invalid/") + c.file));
    const Bytes eum = c.is_eum ? bad : read_file(eum_path("NIST"));
    const Bytes euicc = c.is_eum ? read_file(euicc_path("NIST")) : bad;
    auto r = verify_euicc_chain(
        cis, eum, euicc,
        {.now = kSgp26Now, .selected_ci_ski = kNistCiSki, .expected_eid = c.expected_eid});
    EXPECT_EQ(code_of(r), make_error_code(c.expected))
        << c.file << ": " << (r ? "accepted" : r.error().message());
  }
}

TEST(EuiccChain, when_invalid_directory_listed_then_every_der_file_has_a_case) {
  std::set<std::string> covered;
  for (const auto& c : kInvalidCases) covered.insert(c.file);
  for (const auto& entry : std::filesystem::directory_iterator(testdata("certs/invalid"))) {
    if (entry.path().extension() == ".der") {
      EXPECT_TRUE(covered.contains(entry.path().filename().string())) << entry.path();
    }
  }
}

TEST(EuiccChain, when_unmatched_eid_without_expectation_then_accepted) {
  // The UNMATCHED_EID certificate is valid in itself: only a bound EID refuses it.
  auto r = verify_euicc_chain(sgp26_cis(), read_file(eum_path("NIST")),
                              read_file(certs("invalid/CERT_EUICC_ECDSA_NIST_UNMATCHED_EID.der")),
                              {.now = kSgp26Now});
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r->eid, "89049032123451234512345678901299");
}

TEST(EuiccChain, when_eum_from_unknown_ci_then_that_ci_did_sign_it_but_cannot_be_trusted) {
  // The fixture is sound: the unknown CI's key verifies the EUM, so ci_unknown above is
  // about trust, not a broken signature. That CI has no SKI: it cannot be a trust anchor.
  Certificate unknown_ci = load(certs("invalid/CERT_UNKNOWN_CI_ECDSA_NIST.der"));
  Certificate eum = load(certs("invalid/CERT_EUM_ECDSA_NIST_UNKNOWN_CI.der"));
  EXPECT_TRUE(eum.signature_verifies(unknown_ci.public_key()));
  CiSet cis;
  EXPECT_EQ(cis.add(unknown_ci).error().code, Errc::missing_key_identifier);
}

TEST(EuiccChain, when_eum_chains_to_a_known_ci_other_than_the_selected_then_ci_unknown) {
  auto r =
      verify_euicc_chain(sgp26_cis(), read_file(eum_path("NIST")), read_file(euicc_path("NIST")),
                         {.now = kSgp26Now, .selected_ci_ski = kBrpCiSki});
  EXPECT_EQ(code_of(r), ChainErrc::ci_unknown);
}

TEST(EuiccChain, when_ci_of_the_chain_not_loaded_then_ci_unknown) {
  CiSet only_brp;
  ASSERT_TRUE(only_brp.add(load(ci_path("BRP"))));
  auto r = verify_euicc_chain(only_brp, read_file(eum_path("NIST")), read_file(euicc_path("NIST")),
                              {.now = kSgp26Now});
  EXPECT_EQ(code_of(r), ChainErrc::ci_unknown);
}

TEST(EuiccChain, when_euicc_of_the_other_curve_then_refused) {
  // BRP eUICC under the NIST EUM: different AKI, so not issued by that EUM.
  auto r = verify_euicc_chain(sgp26_cis(), read_file(eum_path("NIST")),
                              read_file(euicc_path("BRP")), {.now = kSgp26Now});
  EXPECT_EQ(code_of(r), ChainErrc::euicc_invalid);
}

TEST(EuiccChain, when_time_outside_validity_then_expired_or_invalid) {
  const CiSet cis = sgp26_cis();
  auto after = verify_euicc_chain(cis, read_file(eum_path("NIST")), read_file(euicc_path("NIST")),
                                  {.now = at(2054, 3, 25)});  // EUM expired, eUICC not
  EXPECT_EQ(code_of(after), ChainErrc::eum_expired);
  auto before = verify_euicc_chain(cis, read_file(eum_path("NIST")), read_file(euicc_path("NIST")),
                                   {.now = at(2020, 1, 1)});
  EXPECT_EQ(code_of(before), ChainErrc::eum_invalid);
}

TEST(EuiccChain, when_certificate_not_der_then_malformed_of_that_certificate) {
  const CiSet cis = sgp26_cis();
  Bytes eum = read_file(eum_path("NIST"));
  Bytes euicc = read_file(euicc_path("NIST"));
  Bytes truncated_eum(eum.begin(), eum.end() - 1);
  Bytes padded_euicc = euicc;
  padded_euicc.push_back(0);
  EXPECT_EQ(code_of(verify_euicc_chain(cis, truncated_eum, euicc, {.now = kSgp26Now})),
            ChainErrc::eum_malformed);
  EXPECT_EQ(code_of(verify_euicc_chain(cis, eum, padded_euicc, {.now = kSgp26Now})),
            ChainErrc::euicc_malformed);
  EXPECT_EQ(code_of(verify_euicc_chain(cis, {}, euicc, {.now = kSgp26Now})),
            ChainErrc::eum_malformed);
}

TEST(EuiccChain, when_signature_bit_flipped_then_invalid) {
  const CiSet cis = sgp26_cis();
  Bytes eum = read_file(eum_path("NIST"));
  Bytes euicc = read_file(euicc_path("NIST"));
  // The last byte is inside s of the ECDSA signature: framing stays DER.
  ASSERT_FALSE(eum.empty() || euicc.empty());
  Bytes bad_eum = eum;
  bad_eum[bad_eum.size() - 1] ^= 0x01;
  Bytes bad_euicc = euicc;
  bad_euicc[bad_euicc.size() - 1] ^= 0x01;
  EXPECT_EQ(code_of(verify_euicc_chain(cis, bad_eum, euicc, {.now = kSgp26Now})),
            ChainErrc::eum_invalid);
  EXPECT_EQ(code_of(verify_euicc_chain(cis, eum, bad_euicc, {.now = kSgp26Now})),
            ChainErrc::euicc_invalid);
}

TEST(ChainErrors, when_converted_then_category_and_message_name_the_cause) {
  const std::error_code ec = ChainErrc::eid_mismatch;
  EXPECT_STREQ(ec.category().name(), "euicc-chain");
  EXPECT_NE(ec.message().find("EID"), std::string::npos);
}

}  // namespace
}  // namespace smdp::pki
