// SPDX-License-Identifier: Apache-2.0
#include "core/order_fields.h"

#include <algorithm>

namespace smdp::core {

bool all_digits(std::string_view s) {
  return std::ranges::all_of(s, [](char c) { return c >= '0' && c <= '9'; });
}

bool valid_eid(std::string_view eid) { return eid.size() == 32 && all_digits(eid); }

bool valid_matching_id(std::string_view m) {
  return !m.empty() && m.size() <= 64 && std::ranges::all_of(m, [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' ||
           c == '.' || c == '_';
  });
}

bool activation_code_matching_id(std::string_view m) {
  return !m.empty() && m.size() <= 64 && std::ranges::all_of(m, [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == '-';
  });
}

std::string make_matching_id(crypto::Rng& rng) {
  static constexpr std::string_view kAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  std::string out;
  const Bytes random = rng.bytes(20);
  for (std::size_t i = 0; i < random.size(); ++i) {
    if (i > 0 && i % 5 == 0) out.push_back('-');
    out.push_back(kAlphabet[random[i] % kAlphabet.size()]);
  }
  return out;
}

}  // namespace smdp::core
