// SPDX-License-Identifier: Apache-2.0
// EID syntax (SGP.22 §4.5.2.1 eUICC certificate, SGP.29): 32 decimal digits, the last two being
// check digits computed like IBAN's, ISO 7064 MOD 97-10 (the whole number mod 97 is 1).
// An EUM's permitted EID range is a prefix of such digits (its name constraint).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace smdp::pki {

inline constexpr std::size_t kEidDigits = 32;

// 32 decimal digits.
bool is_eid(std::string_view eid);
// 1 to 30 decimal digits: a prefix that leaves room for at least the check digits.
bool is_eid_prefix(std::string_view prefix);
// is_eid and the check digits are right.
bool eid_check_digits_ok(std::string_view eid);
// `prefix` followed by the leading digits of `body` up to 30 digits, then the check
// digits. nullopt if the prefix is not is_eid_prefix or body has too few digits or a
// non-digit. With prefix "89049032" and body "1234512345123456789012" it gives the
// SGP.26 test EID 89049032123451234512345678901235.
std::optional<std::string> make_eid(std::string_view prefix, std::string_view body);

}  // namespace smdp::pki
