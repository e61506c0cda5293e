// SPDX-License-Identifier: Apache-2.0
// The SM-DP+ binder reproduces the independent fixture BPPs of testdata/generated
// byte for byte (all but smdpSign, whose ECDSA nonce is random: that one is verified).
#include "binding/bound_profile_package.h"

#include <gtest/gtest.h>

#include "asn1/bpp.h"
#include "binding/scp03t.h"
#include "fixed_rng.h"
#include "testdata_json.h"

namespace smdp::binding {
namespace {
using smdp::testing::hex;

class FixtureBpp : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    auto key = crypto::EcPrivateKey::from_pem_file(s.cert_path("DPpb/SK_S_SM_DPpb_ECDSA", ".pem"));
    ASSERT_TRUE(key) << key.error().message();
    sk_dppb.emplace(std::move(*key));
    tid = s.value("transactionId");
    eid = s.value("eid");
    host = s.value("hostId");
    euicc_otpk = s.value("euicc_otPK");
    upp = smdp::testing::profile(smdp::testing::kTs48v7);
    metadata = s.der("storeMetadataRequest.der");
    // ConfigureISDP plaintext: decrypt the fixture's only '87' with the recorded keys.
    fixture = *asn1::BoundProfilePackage::decode(s.der("boundProfilePackage_session.der"));
    Scp03tChannel rx(keys());
    configure_isdp = *rx.verify_and_decrypt(0x87, fixture.first_sequence_of_87.at(0));
  }
  ChannelKeys keys() const {
    return ChannelKeys(s.value("s_enc"), s.value("s_mac"), s.value("initial_mcv"));
  }
  BindingInput input() const { return {tid, eid, euicc_otpk, host, configure_isdp, metadata}; }
  smdp::testing::FixedRng otsk_rng() const { return smdp::testing::FixedRng(s.value("smdp_otSK")); }

  void expect_same_except_signature(const Bytes& ours, const asn1::BoundProfilePackage& theirs) {
    auto mine = asn1::BoundProfilePackage::decode(ours);
    ASSERT_TRUE(mine);
    auto a = asn1::InitialiseSecureChannelRequest::decode(mine->initialise_secure_channel);
    auto b = asn1::InitialiseSecureChannelRequest::decode(theirs.initialise_secure_channel);
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->signed_part, b->signed_part);
    EXPECT_TRUE(sk_dppb->public_key().verify(
        asn1::InitialiseSecureChannelRequest::signature_input(a->signed_part, euicc_otpk),
        a->smdp_sign));
    EXPECT_EQ(mine->first_sequence_of_87, theirs.first_sequence_of_87);
    EXPECT_EQ(mine->sequence_of_88, theirs.sequence_of_88);
    EXPECT_EQ(mine->second_sequence_of_87, theirs.second_sequence_of_87);
    EXPECT_EQ(mine->sequence_of_86, theirs.sequence_of_86);
    EXPECT_EQ(ours.size(), theirs.encode().size());
  }

  const smdp::testing::Session s{GetParam()};
  std::optional<crypto::EcPrivateKey> sk_dppb;
  Bytes tid, eid, host, euicc_otpk, upp, metadata, configure_isdp;
  asn1::BoundProfilePackage fixture;
};

TEST_P(FixtureBpp, when_fixture_smdpsign_checked_then_it_covers_signed_part_and_euicc_otpk) {
  auto isc = asn1::InitialiseSecureChannelRequest::decode(fixture.initialise_secure_channel);
  ASSERT_TRUE(isc);
  EXPECT_EQ(isc->transaction_id, tid);
  EXPECT_EQ(isc->control_ref_template.host_id, host);
  EXPECT_EQ(to_hex(isc->smdp_otpk), s.text("smdp_otPK"));
  EXPECT_TRUE(sk_dppb->public_key().verify(
      asn1::InitialiseSecureChannelRequest::signature_input(isc->signed_part, euicc_otpk),
      isc->smdp_sign));
  EXPECT_EQ(fixture.encode(), s.der("boundProfilePackage_session.der"));
}

TEST_P(FixtureBpp, when_session_mode_with_recorded_otsk_then_bpp_matches_fixture) {
  auto rng = otsk_rng();
  auto bound = bind_profile_package(input(), *sk_dppb, rng, upp);
  ASSERT_TRUE(bound) << bound.error().message();
  EXPECT_EQ(to_hex(bound->smdp_otpk), s.text("smdp_otPK"));
  expect_same_except_signature(bound->bound_profile_package, fixture);
}

TEST_P(FixtureBpp, when_ppk_mode_with_recorded_keys_then_bpp_matches_fixture) {
  auto ppk_fixture = asn1::BoundProfilePackage::decode(s.der("boundProfilePackage_ppk.der"));
  ASSERT_TRUE(ppk_fixture);
  ChannelKeys ppk(s.value("ppk_enc"), s.value("ppk_mac"), s.value("ppk_initial_mcv"));
  auto ppp = protect_profile_package(upp, ppk);
  ASSERT_TRUE(ppp);
  auto rng = otsk_rng();
  auto bound = bind_protected_profile_package(input(), *sk_dppb, rng, *ppp);
  ASSERT_TRUE(bound) << bound.error().message();
  expect_same_except_signature(bound->bound_profile_package, *ppk_fixture);
}

INSTANTIATE_TEST_SUITE_P(BothCurves, FixtureBpp, ::testing::ValuesIn(smdp::testing::kSessions),
                         [](const auto& p) { return std::string(p.param); });

TEST(Binding, when_euicc_otpk_not_on_dppb_curve_then_refused) {
  auto sk = crypto::EcPrivateKey::generate(crypto::Curve::nist_p256, crypto::system_rng());
  auto other =
      crypto::EcPrivateKey::generate(crypto::Curve::brainpool_p256r1, crypto::system_rng());
  Bytes tid(16, 1), eid(16, 2), host = hex("01"), cfg = hex("bf2400"), md = hex("bf2500");
  BindingInput in{tid, eid, other->public_key().point(), host, cfg, md};
  EXPECT_FALSE(bind_profile_package(in, *sk, crypto::system_rng(), hex("a000")));
}

TEST(Binding, when_random_ppks_then_fresh_per_package) {
  auto a = protect_profile_package(hex("a000"), crypto::system_rng());
  auto b = protect_profile_package(hex("a000"), crypto::system_rng());
  ASSERT_TRUE(a && b);
  EXPECT_NE(a->ppk.s_enc, b->ppk.s_enc);
  EXPECT_NE(a->ppk.s_mac, b->ppk.s_mac);
  EXPECT_NE(a->segments, b->segments);
}

}  // namespace
}  // namespace smdp::binding
