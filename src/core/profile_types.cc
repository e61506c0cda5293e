// SPDX-License-Identifier: Apache-2.0
#include "core/profile_types.h"

#include <algorithm>
#include <cctype>

#include "asn1/common.h"
#include "asn1/store_metadata.h"
#include "core/rsp_common.h"
#include "crypto/hash.h"
#include "saip/personalise.h"
#include "saip/variables.h"

namespace smdp::core {
namespace {

std::string errc_name(CatalogueErrc e) {
  switch (e) {
    case CatalogueErrc::invalid_name:
      return "invalid name";
    case CatalogueErrc::invalid_template:
      return "invalid profile template";
    case CatalogueErrc::unknown_template:
      return "unknown profile template";
    case CatalogueErrc::invalid_variables:
      return "invalid personalisation variables";
    case CatalogueErrc::invalid_metadata:
      return "invalid profile metadata";
  }
  return "unknown catalogue error";
}

// A named-bit BIT STRING (DER contents) with the given bits, or "no bits" as '00'.
Bytes named_bits(std::initializer_list<std::pair<bool, std::size_t>> bits) {
  Bytes out{0x00};
  for (auto [set, bit] : bits) {
    if (!set) continue;
    const std::size_t octet = 1 + bit / 8;
    if (out.size() <= octet) out.resize(octet + 1, 0);
    out[octet] |= static_cast<std::uint8_t>(0x80u >> (bit % 8));
  }
  // DER (X.690 §11.2.2): trailing zero bits of a named-bit list are removed.
  if (out.size() > 1) {
    const unsigned last = out.back();
    unsigned unused = 0;
    while (unused < 7 && ((last >> unused) & 1u) == 0) ++unused;
    out[0] = static_cast<std::uint8_t>(unused);
  }
  return out;
}

bool valid_fqdn(std::string_view s) {
  return !s.empty() && s.size() <= 255 && std::ranges::all_of(s, [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':';
  });
}

Result<asn1::StoreMetadataRequest> metadata_of(const ProfileTypeDefinition& d,
                                               std::string_view iccid) {
  auto bad = [](std::string what) { return fail(CatalogueErrc::invalid_metadata, what); };
  if (d.service_provider_name.size() > 32) return bad("service provider name over 32 characters");
  if (d.profile_name.size() > 64) return bad("profile name over 64 characters");
  if (d.profile_class > 2)
    return bad("profile class is test(0), provisioning(1) or operational(2)");
  if (d.icon.size() > 1024) return bad("icon over 1024 octets");
  if (d.icon.empty() != !d.icon_type) return bad("an icon needs its type (jpg or png) and data");
  if (d.icon_type && *d.icon_type > 1) return bad("icon type is jpg(0) or png(1)");
  asn1::StoreMetadataRequest m;
  m.iccid = detail::iccid_to_octets(iccid);
  m.service_provider_name = d.service_provider_name;
  m.profile_name = d.profile_name;
  if (d.icon_type) {
    m.icon_type = d.icon_type;
    m.icon = d.icon;
  }
  m.profile_class = d.profile_class;
  if (!d.notifications.empty()) {
    std::vector<asn1::NotificationConfigurationInformation> list;
    for (const auto& n : d.notifications) {
      if (!valid_fqdn(n.address)) return bad("notification address '" + n.address + "'");
      asn1::NotificationConfigurationInformation info;
      // NotificationEvent (SGP.22 §5.4.1): install(0), enable(1), disable(2), delete(3).
      info.profile_management_operation =
          named_bits({{n.install, 0}, {n.enable, 1}, {n.disable, 2}, {n.remove, 3}});
      info.notification_address = n.address;
      list.push_back(std::move(info));
    }
    m.notification_configuration_info = std::move(list);
  }
  if (d.ppr_update_control || d.ppr1 || d.ppr2)
    m.profile_policy_rules = named_bits({{d.ppr_update_control, 0}, {d.ppr1, 1}, {d.ppr2, 2}});
  return m;
}

}  // namespace

SMDP_DEFINE_ERROR_CATEGORY(CatalogueErrc, "smdp.catalogue", errc_name)

bool valid_catalogue_name(std::string_view name) {
  return !name.empty() && name.size() <= 64 && std::ranges::all_of(name, [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
  });
}

Result<TemplateRecord> import_template(InventoryStore& store, std::string_view name,
                                       ByteView package, const Clock& clock,
                                       saip::ValidationReport* report) {
  if (!valid_catalogue_name(name))
    return fail(CatalogueErrc::invalid_name, "use 1 to 64 of A-Z a-z 0-9 . _ -");
  auto decoded = saip::ProfilePackage::decode(package);
  if (!decoded) return fail(CatalogueErrc::invalid_template, decoded.error().message());
  saip::ValidationReport checked = saip::validate(*decoded);
  const bool ok = checked.ok();
  std::string text = ok ? "" : checked.to_text();
  if (report) *report = std::move(checked);
  if (!ok) return fail(CatalogueErrc::invalid_template, text);
  TemplateRecord record;
  record.name = std::string(name);
  record.package.assign(package.begin(), package.end());
  const auto digest = crypto::sha256(package);
  record.sha256.assign(digest.begin(), digest.end());
  record.created_at = clock.now();
  if (auto added = store.add_template(record); !added) return std::unexpected(added.error());
  return record;
}

Result<ProfileTypeRecord> define_profile_type(InventoryStore& store, const ProfileTypeDefinition& d,
                                              const Clock& clock) {
  if (!valid_catalogue_name(d.name))
    return fail(CatalogueErrc::invalid_name, "use 1 to 64 of A-Z a-z 0-9 . _ -");
  auto variables = saip::parse_variable_list(d.variables);
  if (!variables) return fail(CatalogueErrc::invalid_variables, variables.error().message());
  auto stored = store.get_template(d.template_name);
  if (!stored) return std::unexpected(stored.error());
  const std::optional<TemplateRecord>& stored_template = *stored;
  if (!stored_template) return fail(CatalogueErrc::unknown_template, d.template_name);
  auto package = saip::ProfilePackage::decode(stored_template->package);
  if (!package) return fail(CatalogueErrc::invalid_template, package.error().message());
  if (auto placed = saip::check_template_variables(*package, *variables); !placed)
    return fail(CatalogueErrc::invalid_variables, placed.error().message());
  const saip::Node* header_iccid = saip::find_path(*package, "header/iccid");
  const auto iccid =
      header_iccid ? saip::decode_iccid_header(header_iccid->value) : std::optional<std::string>{};
  if (!iccid) return fail(CatalogueErrc::invalid_template, "no ICCID in the ProfileHeader");
  auto metadata = metadata_of(d, *iccid);
  if (!metadata) return std::unexpected(metadata.error());
  if (d.low_stock_threshold < 0 || d.precompute < 0 || d.max_download_attempts < 1)
    return fail(CatalogueErrc::invalid_metadata,
                "thresholds and counts are >= 0, download attempts >= 1");

  ProfileTypeRecord record;
  record.name = d.name;
  record.template_name = d.template_name;
  std::string names;
  for (const auto& v : *variables) names += (names.empty() ? "" : ",") + v.name();
  record.variables = std::move(names);
  record.metadata = metadata->encode();
  record.low_stock_threshold = d.low_stock_threshold;
  record.precompute = d.precompute;
  record.max_download_attempts = d.max_download_attempts;
  record.order_ttl = d.order_ttl;
  record.operator_name = d.operator_name;
  record.created_at = clock.now();
  if (auto added = store.add_profile_type(record); !added) return std::unexpected(added.error());
  return record;
}

Result<Bytes> profile_metadata_for(const ProfileTypeRecord& type, std::string_view iccid) {
  auto view = asn1::StoreMetadataRequestView::decode(type.metadata);
  if (!view) return std::unexpected(view.error());
  // Re-encoded from the fields (never from raw) with the profile's ICCID.
  const Bytes octets = detail::iccid_to_octets(iccid);
  view->iccid = octets;
  return view->encode();
}

}  // namespace smdp::core
