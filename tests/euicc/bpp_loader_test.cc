// SPDX-License-Identifier: Apache-2.0
// The eUICC side against the independent fixtures and hostile BPPs.
#include "euicc/bpp_loader.h"

#include <gtest/gtest.h>

#include "asn1/bpp.h"
#include "testdata_json.h"

namespace smdp::euicc {
namespace {
using smdp::testing::session_message;

// A generated session as the eUICC saw it: its otSK.EUICC and the SM-DP+'s PK.DPpb.
struct Session : smdp::testing::Session {
  explicit Session(const char* session_name)
      : smdp::testing::Session(session_name),
        tid(value("transactionId")),
        eid(value("eid")),
        otsk(*crypto::EcPrivateKey::from_scalar(
            curve == "NIST" ? crypto::Curve::nist_p256 : crypto::Curve::brainpool_p256r1,
            value("euicc_otSK"))),
        dppb(crypto::EcPrivateKey::from_pem_file(cert_path("DPpb/SK_S_SM_DPpb_ECDSA", ".pem"))
                 ->public_key()) {}
  SessionContext ctx() const { return {tid, eid, otsk, dppb}; }

  Bytes tid, eid;
  crypto::EcPrivateKey otsk;
  crypto::EcPublicKey dppb;
};

class FixtureLoad : public ::testing::TestWithParam<const char*> {};

TEST_P(FixtureLoad, when_fixture_bpps_loaded_then_profile_and_metadata_recovered) {
  Session se(GetParam());
  const Bytes upp = smdp::testing::profile(smdp::testing::kTs48v7);
  for (const char* name : {"boundProfilePackage_session.der", "boundProfilePackage_ppk.der"}) {
    auto out = load_bound_profile_package(se.der(name), se.ctx());
    ASSERT_TRUE(out) << name << ": " << out.error().detail;
    EXPECT_EQ(out->profile_package, upp);
    EXPECT_EQ(out->store_metadata, se.der("storeMetadataRequest.der"));
    EXPECT_EQ(out->used_ppk, std::string(name).find("ppk") != std::string::npos);
  }
}

TEST_P(FixtureLoad, when_session_context_wrong_then_refused_with_reason) {
  Session se(GetParam());
  const Bytes bpp = se.der("boundProfilePackage_session.der");
  Bytes other_tid = se.tid;
  other_tid[0] ^= 1;
  auto r1 = load_bound_profile_package(bpp, {other_tid, se.eid, se.otsk, se.dppb});
  ASSERT_FALSE(r1);
  EXPECT_EQ(r1.error().reason, ErrorReason::invalid_transaction_id);

  auto other_dp = crypto::EcPrivateKey::generate(se.otsk.curve(), crypto::system_rng());
  auto r2 = load_bound_profile_package(bpp, {se.tid, se.eid, se.otsk, other_dp->public_key()});
  ASSERT_FALSE(r2);
  EXPECT_EQ(r2.error().reason, ErrorReason::invalid_signature);

  // Another otSK.EUICC: the signature covers our otPK, so it no longer verifies.
  auto r3 = load_bound_profile_package(bpp, {se.tid, se.eid, *other_dp, se.dppb});
  ASSERT_FALSE(r3);
  EXPECT_EQ(r3.error().reason, ErrorReason::invalid_signature);

  // Another EID: other session keys, so the first MAC fails.
  Bytes other_eid = se.eid;
  other_eid[15] ^= 1;
  auto r4 = load_bound_profile_package(bpp, {se.tid, other_eid, se.otsk, se.dppb});
  ASSERT_FALSE(r4);
  EXPECT_EQ(r4.error().reason, ErrorReason::scp03t_security_error);
  EXPECT_EQ(r4.error().command, BppCommandId::configure_isdp);
}

TEST_P(FixtureLoad, when_segments_dropped_or_reordered_then_refused) {
  Session se(GetParam());
  auto bpp = *asn1::BoundProfilePackage::decode(se.der("boundProfilePackage_session.der"));
  auto swapped = bpp;
  std::swap(swapped.sequence_of_86[1], swapped.sequence_of_86[2]);
  auto r1 = load_bound_profile_package(swapped.encode(), se.ctx());
  ASSERT_FALSE(r1);
  EXPECT_EQ(r1.error().reason, ErrorReason::scp03t_security_error);
  auto dropped = bpp;
  dropped.sequence_of_86.erase(dropped.sequence_of_86.begin() + 3);
  auto r2 = load_bound_profile_package(dropped.encode(), se.ctx());
  ASSERT_FALSE(r2);
  EXPECT_EQ(r2.error().command, BppCommandId::load_profile_elements);
  // Dropping the last segment keeps every MAC valid but truncates the profile: the
  // profile-element framing check catches it.
  auto last = bpp;
  last.sequence_of_86.pop_back();
  auto r3 = load_bound_profile_package(last.encode(), se.ctx());
  ASSERT_FALSE(r3);
  EXPECT_EQ(r3.error().reason, ErrorReason::install_failed_due_to_pe_processing_error);
  auto no_metadata = bpp;
  no_metadata.sequence_of_88.clear();
  EXPECT_FALSE(load_bound_profile_package(no_metadata.encode(), se.ctx()));
}

INSTANTIATE_TEST_SUITE_P(BothCurves, FixtureLoad, ::testing::ValuesIn(smdp::testing::kSessions),
                         [](const auto& p) { return std::string(p.param); });

TEST(BppLoader, when_nonconformant_pysim_bpp_then_refused_without_crash) {
  // Each 87/88/86 wrapped twice and 1036-byte segments (testdata/README.md): not SGP.22.
  auto otsk = crypto::EcPrivateKey::generate(crypto::Curve::nist_p256, crypto::system_rng());
  Bytes tid(16, 0), eid(16, 0);
  auto out = load_bound_profile_package(
      smdp::testing::read_file(smdp::testing::testdata("bsp/bpp_pysim_test.der")),
      {tid, eid, *otsk, otsk->public_key()});
  EXPECT_FALSE(out);
}

TEST(BppLoader, when_garbage_or_truncated_then_refused) {
  auto otsk = crypto::EcPrivateKey::generate(crypto::Curve::nist_p256, crypto::system_rng());
  Bytes tid(16, 0), eid(16, 0);
  const Bytes bpp = session_message("session_nist", "boundProfilePackage_session.der");
  for (std::size_t n : {0u, 1u, 4u, 100u, 500u}) {
    EXPECT_FALSE(
        load_bound_profile_package(ByteView(bpp).first(n), {tid, eid, *otsk, otsk->public_key()}));
  }
}

}  // namespace
}  // namespace smdp::euicc
