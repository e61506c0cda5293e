// SPDX-License-Identifier: Apache-2.0
// The generated download sessions for the asn1 tests (loaded by testdata_json.h), one
// per curve, and two conversions the tests compare with.
#pragma once

#include <string>

#include "testdata_json.h"

namespace smdp::asn1::testing {

using smdp::testing::kSessions;
using smdp::testing::Session;

inline std::string hex_of(ByteView b) { return to_hex(b); }
inline Bytes bytes_of(ByteView b) { return Bytes(b.begin(), b.end()); }

}  // namespace smdp::asn1::testing
