// SPDX-License-Identifier: Apache-2.0
// The verified-EUM cache of verify_euicc_chain (pki/eum_cache.h): it saves the EUM's
// checks, never changes a verdict.
#include "pki/eum_cache.h"

#include "pki/euicc_chain.h"
#include "pki_fixtures.h"

namespace smdp::pki {
namespace {
using namespace smdp::pki::testing;

TEST(EumCache, when_chain_verified_then_eum_remembered_and_second_result_identical) {
  const CiSet cis = sgp26_cis();
  VerifiedEumCache cache;
  const Bytes eum = read_file(eum_path("NIST"));
  const Bytes euicc = read_file(euicc_path("NIST"));
  const EuiccChainCheck check{.now = kSgp26Now, .selected_ci_ski = kNistCiSki, .eum_cache = &cache};
  auto first = verify_euicc_chain(cis, eum, euicc, check);
  ASSERT_TRUE(first) << first.error().message();
  EXPECT_EQ(cache.size(), 1u);
  ASSERT_NE(cache.find(eum), nullptr);
  auto second = verify_euicc_chain(cis, eum, euicc, check);
  ASSERT_TRUE(second) << second.error().message();
  EXPECT_EQ(second->eum.der(), first->eum.der());
  EXPECT_EQ(second->eid, first->eid);
  EXPECT_EQ(second->ci, first->ci);
  EXPECT_EQ(cache.size(), 1u);
}

TEST(EumCache, when_eum_remembered_then_its_validity_and_the_selected_ci_still_checked) {
  const CiSet cis = sgp26_cis();
  VerifiedEumCache cache;
  const Bytes eum = read_file(eum_path("NIST"));
  const Bytes euicc = read_file(euicc_path("NIST"));
  ASSERT_TRUE(verify_euicc_chain(cis, eum, euicc, {.now = kSgp26Now, .eum_cache = &cache}));
  EXPECT_EQ(
      code_of(verify_euicc_chain(cis, eum, euicc, {.now = at(2054, 3, 25), .eum_cache = &cache})),
      ChainErrc::eum_expired);
  EXPECT_EQ(
      code_of(verify_euicc_chain(
          cis, eum, euicc, {.now = kSgp26Now, .selected_ci_ski = kBrpCiSki, .eum_cache = &cache})),
      ChainErrc::ci_unknown);
}

TEST(EumCache, when_eum_refused_then_not_remembered) {
  const CiSet cis = sgp26_cis();
  VerifiedEumCache cache;
  const Bytes bad_eum = read_file(certs("invalid/CERT_EUM_ECDSA_NIST_INVALID.der"));
  const Bytes euicc = read_file(euicc_path("NIST"));
  for (int i = 0; i < 2; ++i)
    EXPECT_EQ(
        code_of(verify_euicc_chain(cis, bad_eum, euicc, {.now = kSgp26Now, .eum_cache = &cache})),
        ChainErrc::eum_invalid);
  EXPECT_EQ(cache.size(), 0u);
}

TEST(EumCache, when_euicc_refused_then_verdict_same_with_remembered_eum) {
  const CiSet cis = sgp26_cis();
  VerifiedEumCache cache;
  const Bytes eum = read_file(eum_path("NIST"));
  ASSERT_TRUE(verify_euicc_chain(cis, eum, read_file(euicc_path("NIST")),
                                 {.now = kSgp26Now, .eum_cache = &cache}));
  const Bytes self_signed = read_file(certs("invalid/CERT_EUICC_ECDSA_NIST_INVALID.der"));
  EXPECT_EQ(
      code_of(verify_euicc_chain(cis, eum, self_signed, {.now = kSgp26Now, .eum_cache = &cache})),
      ChainErrc::euicc_invalid);
  Bytes truncated = read_file(euicc_path("NIST"));
  truncated.pop_back();
  EXPECT_EQ(
      code_of(verify_euicc_chain(cis, eum, truncated, {.now = kSgp26Now, .eum_cache = &cache})),
      ChainErrc::euicc_malformed);
}

TEST(EumCache, when_other_bytes_then_not_found_even_if_same_certificate_content) {
  VerifiedEumCache cache;
  const Bytes eum = read_file(eum_path("NIST"));
  cache.remember(load(eum_path("NIST")));
  Bytes changed = eum;
  changed.back() ^= 0x01;  // in the signature: another certificate
  EXPECT_NE(cache.find(eum), nullptr);
  EXPECT_EQ(cache.find(changed), nullptr);
  EXPECT_EQ(cache.find({}), nullptr);
}

TEST(EumCache, when_capacity_reached_then_oldest_forgotten) {
  VerifiedEumCache cache(1);
  cache.remember(load(eum_path("NIST")));
  cache.remember(load(eum_path("BRP")));
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(cache.find(read_file(eum_path("NIST"))), nullptr);
  EXPECT_NE(cache.find(read_file(eum_path("BRP"))), nullptr);
}

}  // namespace
}  // namespace smdp::pki
