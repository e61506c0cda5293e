// SPDX-License-Identifier: Apache-2.0
// SM-DP+ binder and eUICC loader together: every shared profile package, both curves,
// session-key and PPK mode, returns byte for byte; any flipped byte is detected.
#include <gtest/gtest.h>

#include <filesystem>

#include "asn1/bpp.h"
#include "binding/bound_profile_package.h"
#include "euicc/bpp_loader.h"
#include "testdata.h"

namespace smdp::euicc {
namespace {
using smdp::testing::hex;
using smdp::testing::profile_packages;
using smdp::testing::read_file;

struct Party {
  explicit Party(crypto::Curve curve)
      : dppb(*crypto::EcPrivateKey::from_pem_file(
            smdp::testing::cert_path("DPpb/SK_S_SM_DPpb_ECDSA",
                                     curve == crypto::Curve::nist_p256 ? "NIST" : "BRP", ".pem"))),
        otsk(*crypto::EcPrivateKey::generate(curve, crypto::system_rng())) {}
  crypto::EcPrivateKey dppb;  // SM-DP+
  crypto::EcPrivateKey otsk;  // eUICC one-time key
  Bytes tid = crypto::system_rng().bytes(16);
  Bytes eid = hex("89049032123451234512345678901235");
  Bytes host = hex("534d445050303031");
  Bytes configure = asn1::ConfigureIsdpRequest{hex("2b0601040182c17a"), {}}.encode();
  Bytes metadata = hex("bf25125a0a98001032547698103214910092009500");

  binding::BindingInput input() const {
    return {tid, eid, otsk.public_key().point(), host, configure, metadata};
  }
  SessionContext ctx() const { return {tid, eid, otsk, dppb.public_key()}; }
};

TEST(BindUnbind, when_every_profile_both_curves_both_modes_then_identical) {
  const auto profiles = profile_packages();
  ASSERT_EQ(profiles.size(), 40u);
  for (crypto::Curve curve : {crypto::Curve::nist_p256, crypto::Curve::brainpool_p256r1}) {
    Party p(curve);
    for (const auto& path : profiles) {
      const Bytes upp = read_file(path);
      auto session = binding::bind_profile_package(p.input(), p.dppb, crypto::system_rng(), upp);
      ASSERT_TRUE(session) << path;
      auto ppp = binding::protect_profile_package(upp, crypto::system_rng());
      ASSERT_TRUE(ppp);
      auto protected_bpp =
          binding::bind_protected_profile_package(p.input(), p.dppb, crypto::system_rng(), *ppp);
      ASSERT_TRUE(protected_bpp) << path;
      for (const auto* bound : {&*session, &*protected_bpp}) {
        auto out = load_bound_profile_package(bound->bound_profile_package, p.ctx());
        ASSERT_TRUE(out) << path << ": " << out.error().detail;
        EXPECT_EQ(out->profile_package, upp) << path;
        EXPECT_EQ(out->store_metadata, p.metadata);
        EXPECT_EQ(out->configure_isdp, p.configure);
        EXPECT_EQ(out->used_ppk, bound == &*protected_bpp);
      }
    }
  }
}

TEST(BindUnbind, when_one_protected_package_bound_to_two_euiccs_then_both_install_it) {
  const Bytes upp = read_file(profile_packages().front());
  auto ppp = binding::protect_profile_package(upp, crypto::system_rng());
  ASSERT_TRUE(ppp);
  Party a(crypto::Curve::nist_p256), b(crypto::Curve::nist_p256);
  auto bpp_a =
      binding::bind_protected_profile_package(a.input(), a.dppb, crypto::system_rng(), *ppp);
  auto bpp_b =
      binding::bind_protected_profile_package(b.input(), b.dppb, crypto::system_rng(), *ppp);
  ASSERT_TRUE(bpp_a && bpp_b);
  EXPECT_EQ(load_bound_profile_package(bpp_a->bound_profile_package, a.ctx())->profile_package,
            upp);
  EXPECT_EQ(load_bound_profile_package(bpp_b->bound_profile_package, b.ctx())->profile_package,
            upp);
  // Each BPP is bound to its eUICC: the other one refuses it.
  EXPECT_FALSE(load_bound_profile_package(bpp_a->bound_profile_package, b.ctx()));
}

TEST(BindUnbind, when_store_metadata_longer_than_one_segment_then_split_and_reassembled) {
  // StoreMetadataRequest with a 1024-byte icon (the ASN.1 maximum): three '88' TLVs.
  Bytes icon(1024, 0x5A);
  Bytes body = hex("5a0a98001032547698103214910092009301019482");
  body.push_back(0x04);
  body.push_back(0x00);
  append(body, icon);
  Bytes metadata = hex("bf2582");
  metadata.push_back(static_cast<std::uint8_t>(body.size() >> 8));
  metadata.push_back(static_cast<std::uint8_t>(body.size()));
  append(metadata, body);
  Party p(crypto::Curve::nist_p256);
  p.metadata = metadata;
  auto bound = binding::bind_profile_package(p.input(), p.dppb, crypto::system_rng(), hex("a000"));
  ASSERT_TRUE(bound);
  auto parsed = asn1::BoundProfilePackage::decode(bound->bound_profile_package);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->sequence_of_88.size(), 2u);
  auto out = load_bound_profile_package(bound->bound_profile_package, p.ctx());
  ASSERT_TRUE(out) << out.error().detail;
  EXPECT_EQ(out->store_metadata, metadata);
}

// Every byte position, flipped, must make the load fail: DER framing, the BF23
// signature and the SCP03t MAC chain leave nothing unprotected.
void expect_every_flip_detected(crypto::Curve curve, bool ppk) {
  const Bytes upp = smdp::testing::profile("pysim-upp/TS48v1_A.der");
  Party p(curve);
  auto bound = ppk ? binding::bind_protected_profile_package(
                         p.input(), p.dppb, crypto::system_rng(),
                         *binding::protect_profile_package(upp, crypto::system_rng()))
                   : binding::bind_profile_package(p.input(), p.dppb, crypto::system_rng(), upp);
  ASSERT_TRUE(bound);
  Bytes bpp = bound->bound_profile_package;
  ASSERT_TRUE(load_bound_profile_package(bpp, p.ctx()));
  std::size_t undetected = 0;
  for (std::size_t i = 0; i < bpp.size(); ++i) {
    bpp[i] ^= 0x01;
    if (load_bound_profile_package(bpp, p.ctx())) {
      ++undetected;
      ADD_FAILURE() << "flip at " << i << " of " << bpp.size() << " not detected";
    }
    bpp[i] ^= 0x01;
    if (undetected > 3) break;
  }
}

TEST(BindUnbind, when_any_byte_flipped_session_mode_nist_then_detected) {
  expect_every_flip_detected(crypto::Curve::nist_p256, false);
}
TEST(BindUnbind, when_any_byte_flipped_ppk_mode_brainpool_then_detected) {
  expect_every_flip_detected(crypto::Curve::brainpool_p256r1, true);
}

}  // namespace
}  // namespace smdp::euicc
