// SPDX-License-Identifier: Apache-2.0
#include "core/profile_registration.h"

#include <algorithm>

#include "asn1/activation_code.h"
#include "asn1/store_metadata.h"
#include "core/eligibility.h"
#include "core/order_fields.h"
#include "core/rsp_common.h"
#include "crypto/hash.h"
#include "saip/package.h"
#include "saip/validate.h"
#include "saip/variables.h"

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

}  // namespace

SMDP_DEFINE_ERROR_CATEGORY(RegistrationErrc, "smdp.registration", errc_name)

std::optional<std::string> profile_header_iccid(ByteView profile_package) {
  auto package = saip::ProfilePackage::decode(profile_package);
  if (!package) return std::nullopt;
  return header_iccid(*package);
}

std::optional<std::string> header_iccid(const saip::ProfilePackage& package) {
  // ProfileHeader.iccid is BCD in digit order (not nibble-swapped as in EF.ICCID).
  const saip::Node* iccid = saip::find_path(package, "header/iccid");
  return iccid ? saip::decode_iccid_header(iccid->value) : std::nullopt;
}

Result<ProfileRecord> register_profile(Store& store, const ProfileRegistration& reg,
                                       crypto::Rng& rng, const Clock& clock) {
  auto package = saip::ProfilePackage::decode(reg.profile_package);
  if (!package) return fail(RegistrationErrc::invalid_package, package.error().message());
  if (const auto report = saip::validate(*package); !report.ok())
    return fail(RegistrationErrc::invalid_package, report.to_text());
  const auto from_header = header_iccid(*package);
  const std::string iccid = reg.iccid.value_or(from_header.value_or(""));
  if (iccid.size() < 18 || iccid.size() > 20 || !all_digits(iccid))
    return fail(RegistrationErrc::invalid_iccid, "'" + iccid + "' is not 18 to 20 digits");
  if (from_header && *from_header != iccid)
    return fail(RegistrationErrc::invalid_iccid,
                iccid + " differs from the ProfileHeader's " + *from_header);
  if (reg.eid && !valid_eid(*reg.eid))
    return fail(RegistrationErrc::invalid_eid, "'" + *reg.eid + "' is not 32 digits");
  if (reg.matching_id && !valid_matching_id(*reg.matching_id))
    return fail(RegistrationErrc::invalid_matching_id,
                "use 1 to 64 of 0-9, A-Z, a-z, '.', '_' and '-'");
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
