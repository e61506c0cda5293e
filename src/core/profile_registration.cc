// SPDX-License-Identifier: Apache-2.0
#include "core/profile_registration.h"

#include <algorithm>

#include "asn1/activation_code.h"
#include "asn1/store_metadata.h"
#include "core/eligibility.h"
#include "core/rsp_common.h"
#include "crypto/hash.h"
#include "der/der.h"

namespace smdp::core {
namespace {

std::string errc_name(RegistrationErrc e) {
  switch (e) {
    case RegistrationErrc::invalid_package:
      return "invalid profile package";
    case RegistrationErrc::invalid_iccid:
      return "invalid ICCID";
    case RegistrationErrc::invalid_eid:
      return "invalid EID";
    case RegistrationErrc::invalid_matching_id:
      return "invalid matchingId";
    case RegistrationErrc::invalid_name:
      return "invalid name";
  }
  return "unknown";
}

bool all_digits(std::string_view s) {
  return std::ranges::all_of(s, [](char c) { return c >= '0' && c <= '9'; });
}

// 20 characters from a 32-letter alphabet without 0/O and 1/I: 100 bits, grouped by 5
// as activation codes usually are (e.g. "K7Q2M-...").
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

// A SAIP package is a sequence of ProfileElement TLVs, each a DER tree.
bool valid_profile_elements(ByteView package) {
  der::Reader r(package);
  if (r.empty()) return false;
  while (!r.empty()) {
    auto element = r.read();
    if (!element || !der::validate_tree(element->raw)) return false;
  }
  return true;
}

bool valid_matching_id(std::string_view m) {
  return !m.empty() && m.size() <= 64 && std::ranges::all_of(m, [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == '-';
  });
}

}  // namespace

SMDP_DEFINE_ERROR_CATEGORY(RegistrationErrc, "smdp.registration", errc_name)

std::optional<std::string> profile_header_iccid(ByteView profile_package) {
  // ProfileElement header [0] ProfileHeader: A0 { 80 major, 81 minor, [82 type], 83 iccid }
  der::Reader top(profile_package);
  auto header = top.read(0xA0);
  if (!header) return std::nullopt;
  der::Reader fields(header->value);
  while (!fields.empty()) {
    auto f = fields.read();
    if (!f) return std::nullopt;
    if (f->tag == 0x83) return detail::iccid_from_octets(f->value);
  }
  return std::nullopt;
}

Result<ProfileRecord> register_profile(Store& store, const ProfileRegistration& reg,
                                       crypto::Rng& rng, const Clock& clock) {
  if (!profile_package_version(reg.profile_package) || !valid_profile_elements(reg.profile_package))
    return fail(RegistrationErrc::invalid_package, "no ProfileHeader, or not DER");
  const auto header_iccid = profile_header_iccid(reg.profile_package);
  const std::string iccid = reg.iccid.value_or(header_iccid.value_or(""));
  if (iccid.size() < 18 || iccid.size() > 20 || !all_digits(iccid))
    return fail(RegistrationErrc::invalid_iccid, "'" + iccid + "' is not 18 to 20 digits");
  if (header_iccid && *header_iccid != iccid)
    return fail(RegistrationErrc::invalid_iccid,
                iccid + " differs from the ProfileHeader's " + *header_iccid);
  if (reg.eid && (reg.eid->size() != 32 || !all_digits(*reg.eid)))
    return fail(RegistrationErrc::invalid_eid, "'" + *reg.eid + "' is not 32 digits");
  if (reg.matching_id && !valid_matching_id(*reg.matching_id))
    return fail(RegistrationErrc::invalid_matching_id, "use 1 to 64 of 0-9, A-Z and '-'");
  if (reg.service_provider_name.size() > 32 || reg.profile_name.size() > 64)
    return fail(RegistrationErrc::invalid_name, "service provider name <= 32, profile name <= 64");

  asn1::StoreMetadataRequest metadata;
  metadata.iccid = detail::iccid_to_octets(iccid);
  metadata.service_provider_name = reg.service_provider_name;
  metadata.profile_name = reg.profile_name;

  const TimePoint now = clock.now();
  ProfileRecord p;
  p.iccid = iccid;
  p.state = ProfileState::released;
  p.profile_package = reg.profile_package;
  p.profile_metadata = metadata.encode();
  p.eid = reg.eid;
  if (!reg.no_matching_id || !reg.eid)
    p.matching_id = reg.matching_id.value_or(make_matching_id(rng));
  if (reg.confirmation_code) {
    const auto digest = crypto::sha256(as_bytes(*reg.confirmation_code));
    p.confirmation_code_hash = Bytes(digest.begin(), digest.end());
  }
  p.max_download_attempts = reg.max_download_attempts;
  p.max_confirmation_attempts = reg.max_confirmation_attempts;
  if (reg.order_ttl) p.order_expires_at = now + *reg.order_ttl;
  p.updated_at = now;
  if (auto added = store.add_profile(p); !added) return std::unexpected(added.error());
  return p;
}

std::string activation_code(const ProfileRecord& profile, std::string_view smdp_address) {
  asn1::ActivationCode ac;
  ac.smdp_address = std::string(smdp_address);
  ac.matching_id = profile.matching_id.value_or("");
  ac.confirmation_code_required = profile.confirmation_code_hash.has_value();
  auto text = asn1::format_activation_code(ac);
  return text ? *text : "";
}

}  // namespace smdp::core
