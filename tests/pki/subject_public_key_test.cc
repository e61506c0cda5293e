// SPDX-License-Identifier: Apache-2.0
#include "pki/subject_public_key.h"

#include "pki_fixtures.h"

namespace smdp::pki {
namespace {
using namespace smdp::pki::testing;

TEST(SubjectPublicKey, when_certificate_of_each_curve_then_same_key_as_full_parse) {
  for (const char* curve : kCurves) {
    for (const std::string& path : {euicc_path(curve), eum_path(curve), ci_path(curve)}) {
      auto key = subject_public_key(read_file(path));
      ASSERT_TRUE(key) << path << ": " << key.error().message();
      const Certificate full = load(path);
      EXPECT_EQ(key->point(), full.public_key().point()) << path;
      EXPECT_EQ(key->curve(), full.curve()) << path;
    }
  }
}

TEST(SubjectPublicKey, when_not_a_certificate_then_malformed_not_a_crash) {
  const Bytes cert = read_file(euicc_path("NIST"));
  EXPECT_FALSE(subject_public_key({}));
  EXPECT_FALSE(subject_public_key(Bytes{0x30, 0x00}));
  for (std::size_t cut : {std::size_t{1}, std::size_t{20}, cert.size() / 2}) {
    const Bytes truncated(cert.begin(),
                          cert.begin() + static_cast<std::ptrdiff_t>(cert.size() - cut));
    auto key = subject_public_key(truncated);
    ASSERT_FALSE(key) << "cut " << cut;
    EXPECT_EQ(key.error().code, Errc::malformed_certificate);
  }
}

}  // namespace
}  // namespace smdp::pki
