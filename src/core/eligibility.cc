// SPDX-License-Identifier: Apache-2.0
#include "core/eligibility.h"

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

Outcome<void> check_eligibility(const asn1::EUICCInfo2View& info2, ByteView profile_package) {
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
