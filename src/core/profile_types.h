// SPDX-License-Identifier: Apache-2.0
// The operator's catalogue: profile templates (validated SAIP packages) and profile
// types (a template, the per-subscription variables, and the Profile Metadata every
// profile of the type carries, SGP.22 §2.4.1 / StoreMetadataRequest §5.5.3).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/bytes.h"
#include "base/error.h"
#include "core/clock.h"
#include "core/inventory_store.h"
#include "saip/package.h"
#include "saip/validate.h"

namespace smdp::core {

enum class CatalogueErrc {
  invalid_name = 1,  // not 1..64 of [A-Za-z0-9._-]
  invalid_template,  // not a SAIP package, or it fails validation (the report says why)
  unknown_template,
  invalid_variables,  // unknown name, or the template has no place for one
  invalid_metadata,   // a metadata field out of its SGP.22 range
};

}  // namespace smdp::core
SMDP_DECLARE_ERROR_ENUM(smdp::core, CatalogueErrc)

namespace smdp::core {

bool valid_catalogue_name(std::string_view name);

// Decodes and validates `package`, then stores it. A package that fails validation is
// refused with CatalogueErrc::invalid_template and the report's text as context;
// `report` (when given) receives the full report either way.
Result<TemplateRecord> import_template(InventoryStore& store, std::string_view name,
                                       ByteView package, const Clock& clock,
                                       saip::ValidationReport* report = nullptr);

// One NotificationConfigurationInformation (SGP.22 §5.5.3): which operations notify
// which address.
struct NotificationTarget {
  bool install = false;
  bool enable = false;
  bool disable = false;
  bool remove = false;
  std::string address{};  // FQDN of the notification receiver
};

struct ProfileTypeDefinition {
  std::string name;
  std::string template_name;
  std::string variables = "iccid";  // saip::parse_variable_list() form
  // StoreMetadataRequest fields (SGP.22 §5.5.3).
  std::string service_provider_name;       // 0..32 characters
  std::string profile_name;                // 0..64 characters
  std::uint64_t profile_class = 2;         // test(0), provisioning(1), operational(2)
  std::optional<std::uint64_t> icon_type;  // jpg(0), png(1), with icon
  Bytes icon;                              // 0..1024 octets
  bool ppr_update_control = false, ppr1 = false, ppr2 = false;  // PprIds bits 0..2
  std::vector<NotificationTarget> notifications;
  int low_stock_threshold = 0;
  int precompute = 0;
  int max_download_attempts = 10;
  std::optional<std::chrono::seconds> order_ttl;
  std::string operator_name;  // the owner (core/operator_store.h); must exist when set
};

// Checks the definition against its template (every variable has a place in it, the
// metadata fits its SGP.22 ranges) and stores it. The metadata carries the template's
// ICCID until a profile of the type is ordered (profile_metadata_for()).
Result<ProfileTypeRecord> define_profile_type(InventoryStore& store,
                                              const ProfileTypeDefinition& definition,
                                              const Clock& clock);

// The type's StoreMetadataRequest with `iccid` as the profile's ICCID.
Result<Bytes> profile_metadata_for(const ProfileTypeRecord& type, std::string_view iccid);

}  // namespace smdp::core
