// SPDX-License-Identifier: Apache-2.0
#include "core/eligibility.h"

#include "asn1/common.h"
#include "asn1/store_metadata.h"
#include "core/rsp_common.h"
#include "der/der.h"

namespace smdp::core {

std::optional<SaipVersion> profile_package_version(ByteView profile_package) {
  // ProfileElement ::= CHOICE { header [0] ProfileHeader, ... }: A0 { 80 major 81 minor ...}
  der::Reader top(profile_package);
  auto header = top.read(0xA0);
  if (!header) return std::nullopt;
  der::Reader fields(header->value);
  auto major = fields.read_uint(0x80);
  if (!major) return std::nullopt;
  auto minor = fields.read_uint(0x81);
  if (!minor) return std::nullopt;
  return SaipVersion{*major, *minor};
}

std::optional<std::uint64_t> free_non_volatile_memory(ByteView ext_card_resource) {
  der::Reader r(ext_card_resource);
  while (!r.empty()) {
    auto tlv = r.read();
    if (!tlv) return std::nullopt;
    if (tlv->tag != 0x82) continue;
    if (tlv->value.empty() || tlv->value.size() > 8) return std::nullopt;
    std::uint64_t v = 0;
    for (std::uint8_t b : tlv->value) v = (v << 8) | b;
    return v;
  }
  return std::nullopt;
}

std::vector<std::string> forbidden_rules(const asn1::EUICCInfo2View& info2,
                                         ByteView profile_metadata) {
  // PprIds ::= BIT STRING {ppr-update-control(0), ppr1(1), ppr2(2)}; update control is
  // not a rule an eUICC can forbid (§2.9.1 defines PPR1 and PPR2).
  static constexpr std::pair<std::size_t, const char*> kRules[] = {{1, "PPR1"}, {2, "PPR2"}};
  std::vector<std::string> found;
  if (!info2.forbidden_profile_policy_rules) return found;
  auto metadata = asn1::StoreMetadataRequestView::decode(profile_metadata);
  if (!metadata || !metadata->profile_policy_rules) return found;
  for (const auto& [bit, name] : kRules) {
    if (asn1::has_bit(*info2.forbidden_profile_policy_rules, bit) &&
        asn1::has_bit(*metadata->profile_policy_rules, bit))
      found.emplace_back(name);
  }
  return found;
}

Outcome<void> check_eligibility(const asn1::EUICCInfo2View& info2, ByteView profile_package,
                                ByteView profile_metadata) {
  if (const auto rules = forbidden_rules(info2, profile_metadata); !rules.empty()) {
    std::string names;
    for (const std::string& r : rules) names += (names.empty() ? "" : ", ") + r;
    return detail::refuse(kNoEligibleProfile,
                          "the eUICC forbids the profile's policy rules (" + names + ")");
  }
  if (auto needed = profile_package_version(profile_package)) {
    const ByteView supported = info2.profile_version;  // VersionType: major, minor, rev
    if (supported.size() < 2 || supported[0] < needed->major ||
        (supported[0] == needed->major && supported[1] < needed->minor)) {
      return detail::refuse(kNoEligibleProfile,
                            "the eUICC does not support the profile's SAIP version " +
                                std::to_string(needed->major) + "." +
                                std::to_string(needed->minor));
    }
  }
  if (auto free = free_non_volatile_memory(info2.ext_card_resource);
      free && *free < profile_package.size()) {
    return detail::refuse(kInsufficientMemory, "the eUICC has " + std::to_string(*free) +
                                                   " bytes free, the profile needs " +
                                                   std::to_string(profile_package.size()));
  }
  return {};
}

}  // namespace smdp::core
