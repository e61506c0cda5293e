// SPDX-License-Identifier: Apache-2.0
// The fields of a download order, checked the same way wherever an order is made
// (operator commands, ES2+): EID (SGP.22 §2.2.1 / SGP.29, 32 digits) and matchingId
// (SGP.22 §4.1: carried in an activation code, so 1..64 of [0-9A-Z-]).
#pragma once

#include <string>
#include <string_view>

#include "crypto/rng.h"

namespace smdp::core {

bool all_digits(std::string_view s);
bool valid_eid(std::string_view eid);
bool valid_matching_id(std::string_view matching_id);
// 20 characters from a 32-letter alphabet without 0/O and 1/I: 100 bits, grouped by 5
// as activation codes usually are ("K7Q2M-...").
std::string make_matching_id(crypto::Rng& rng);

}  // namespace smdp::core
