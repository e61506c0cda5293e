// SPDX-License-Identifier: Apache-2.0
// The GoogleTest check of the cross-check tests (here and tests/asn1/asn1c_cross_check_test.cc):
// what a project encoder produced is one value of the named RSPDefinitions/PEDefinitions
// type that the independent asn1c oracle decodes and re-encodes to the same bytes.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "base/bytes.h"
#include "oracle.h"

namespace smdp::testing::asn1c {

// EXPECTs der_round_trip(type(type_name), der); the failure names the type and says why.
inline void expect_oracle_agrees(std::string_view type_name, ByteView der) {
  std::string why;
  EXPECT_TRUE(der_round_trip(type(type_name), der, &why)) << type_name << ": " << why;
}

}  // namespace smdp::testing::asn1c
