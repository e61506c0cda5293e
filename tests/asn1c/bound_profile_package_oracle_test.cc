// SPDX-License-Identifier: Apache-2.0
// What the ES8+ binder produces (asn1/bpp.h, binding/) decodes in the independent asn1c
// oracle as the RSPDefinitions types and re-encodes to the same bytes: BF23, BF24, BF26
// and whole BoundProfilePackages in both modes, on both curves.
#include <gtest/gtest.h>

#include "asn1/bpp.h"
#include "binding/bound_profile_package.h"
#include "oracle_expect.h"
#include "testdata.h"

namespace smdp {
namespace {
using smdp::testing::hex;
using smdp::testing::asn1c::expect_oracle_agrees;

TEST(Asn1cOracleBpp, when_bpp_commands_built_then_oracle_agrees) {
  expect_oracle_agrees("ConfigureISDPRequest", asn1::ConfigureIsdpRequest{}.encode());
  expect_oracle_agrees("ConfigureISDPRequest",
                       asn1::ConfigureIsdpRequest{hex("2b0601040182c17a"), {}}.encode());
  expect_oracle_agrees(
      "ReplaceSessionKeysRequest",
      asn1::ReplaceSessionKeysRequest{Bytes(16, 1), Bytes(16, 2), Bytes(16, 3)}.encode());
}

TEST(Asn1cOracleBpp, when_profiles_bound_in_both_modes_then_oracle_agrees) {
  const Bytes upp = smdp::testing::profile(smdp::testing::kTs48v7);
  for (const char* curve : smdp::testing::kCurves) {
    auto dppb = crypto::EcPrivateKey::from_pem_file(
        smdp::testing::cert_path("DPpb/SK_S_SM_DPpb_ECDSA", curve, ".pem"));
    ASSERT_TRUE(dppb);
    auto otsk = crypto::EcPrivateKey::generate(dppb->curve(), crypto::system_rng());
    const Bytes tid(16, 7), eid = hex("89049032123451234512345678901235"),
                            host = hex("534d445050303031");
    const Bytes configure = asn1::ConfigureIsdpRequest{hex("2b0601040182c17a"), {}}.encode();
    const Bytes metadata = hex("bf25125a0a98001032547698103214910092009500");
    const binding::BindingInput in{tid, eid, otsk->public_key().point(), host, configure, metadata};
    auto session = binding::bind_profile_package(in, *dppb, crypto::system_rng(), upp);
    auto ppp = binding::protect_profile_package(upp, crypto::system_rng());
    ASSERT_TRUE(session && ppp);
    auto ppk = binding::bind_protected_profile_package(in, *dppb, crypto::system_rng(), *ppp);
    ASSERT_TRUE(ppk);
    for (const Bytes* bpp : {&session->bound_profile_package, &ppk->bound_profile_package}) {
      expect_oracle_agrees("BoundProfilePackage", *bpp);
      auto parsed = asn1::BoundProfilePackage::decode(*bpp);
      ASSERT_TRUE(parsed);
      expect_oracle_agrees("InitialiseSecureChannelRequest", parsed->initialise_secure_channel);
    }
  }
}

}  // namespace
}  // namespace smdp
