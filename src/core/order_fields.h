// SPDX-License-Identifier: Apache-2.0
// The fields of a download order, checked the same way wherever an order is made
// (operator commands, ES2+): EID (SGP.22 §2.2.1 / SGP.29, 32 digits) and matchingId.
// SGP.22 restricts the activation code's alphabet (§4.1: [0-9A-Z-]), not an operator's
// choice of matchingId for an order reached through an SM-DS or the default SM-DP+:
// operators' back ends send lower case, '.' and '_' too.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "crypto/rng.h"

namespace smdp::core {

bool all_digits(std::string_view s);
bool valid_eid(std::string_view eid);
// An operator-supplied matchingId: 1..64 of [0-9A-Za-z._-].
bool valid_matching_id(std::string_view matching_id);
// A matchingId that an activation code (and its QR code) can carry: 1..64 of [0-9A-Z-].
bool activation_code_matching_id(std::string_view matching_id);
// Shorter supplied matchingIds are accepted, with a warning in the log: a guessable
// matchingId is a profile anyone can download (ours are 20 characters, 100 bits).
inline constexpr std::size_t kShortMatchingId = 16;
// 20 characters from a 32-letter alphabet without 0/O and 1/I: 100 bits, grouped by 5
// as activation codes usually are ("K7Q2M-...").
std::string make_matching_id(crypto::Rng& rng);

}  // namespace smdp::core
