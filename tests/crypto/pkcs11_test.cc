// SPDX-License-Identifier: Apache-2.0
// Private keys in a PKCS#11 token (crypto/pkcs11.h) on SoftHSM2 (tests/softhsm.h): the
// SGP.26 SM-DP+ keys of both curves imported, then signing through the token verifies
// with the certificate's public key; a missing key, a URI carrying its PIN, no PIN and a
// second module are refused with a message, never a prompt. (A wrong PIN needs a process
// of its own: tests/apps/hsm_test.sh.)
#include "crypto/pkcs11.h"

#include <gtest/gtest.h>

#include "softhsm.h"
#include "testdata.h"

namespace smdp::crypto {
namespace {

using smdp::testing::SoftHsm;
using smdp::testing::testdata;

class Pkcs11Test : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const auto& [curve, id] : {std::pair{"NIST", "01"}, std::pair{"BRP", "02"}}) {
      auto key = EcPrivateKey::from_pem_file(
          testdata(std::string("certs/DPauth/SK_S_SM_DPauth_ECDSA_") + curve + ".pem"));
      ASSERT_TRUE(key);
      SoftHsm::instance().import(key->to_pem(),
                                 std::string("dpauth-") + (curve[0] == 'N' ? "nist" : "brp"), id);
    }
  }
};

TEST_F(Pkcs11Test, when_keys_are_in_the_token_then_signatures_verify_on_both_curves) {
  auto token = Pkcs11::open({.module = SoftHsm::kModule, .pin = SoftHsm::kPin, .engine = {}});
  ASSERT_TRUE(token) << token.error().message();
  for (const char* curve : {"NIST", "BRP"}) {
    const std::string label = std::string("dpauth-") + (curve[0] == 'N' ? "nist" : "brp");
    auto key = (*token)->private_key(SoftHsm::uri(label));
    ASSERT_TRUE(key) << key.error().message();
    auto file = EcPrivateKey::from_pem_file(
        testdata(std::string("certs/DPauth/SK_S_SM_DPauth_ECDSA_") + curve + ".pem"));
    ASSERT_TRUE(file);
    EXPECT_EQ(key->curve(), file->curve()) << curve;
    EXPECT_EQ(key->public_key().point(), file->public_key().point()) << curve;
    const Bytes message = {0x5F, 0x37, 0x40, 0x01, 0x02};
    auto signature = key->sign(message);
    ASSERT_TRUE(signature) << signature.error().message();
    EXPECT_TRUE(file->public_key().verify(message, *signature)) << curve;
    EXPECT_FALSE(file->public_key().verify(Bytes{0x00}, *signature)) << curve;
  }
}

TEST_F(Pkcs11Test, when_the_key_is_missing_or_the_uri_holds_the_pin_then_refused) {
  auto token = Pkcs11::open({.module = SoftHsm::kModule, .pin = SoftHsm::kPin, .engine = {}});
  ASSERT_TRUE(token) << token.error().message();
  auto missing = (*token)->private_key(SoftHsm::uri("no-such-key"));
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message().find("no-such-key"), std::string::npos);
  auto with_pin = (*token)->private_key(SoftHsm::uri("dpauth-nist") + "?pin-value=4321");
  ASSERT_FALSE(with_pin);
  EXPECT_NE(with_pin.error().message().find("give the PIN separately"), std::string::npos);
  EXPECT_FALSE((*token)->private_key("/etc/passwd"));

  EXPECT_FALSE(Pkcs11::open({.module = SoftHsm::kModule, .pin = "", .engine = {}}));
  auto no_module = Pkcs11::open({.module = "/no/such/module.so", .pin = "1", .engine = {}});
  ASSERT_FALSE(no_module);
  EXPECT_NE(no_module.error().message().find("/no/such/module.so"), std::string::npos);
}

}  // namespace
}  // namespace smdp::crypto
