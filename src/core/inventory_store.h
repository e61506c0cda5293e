// SPDX-License-Identifier: Apache-2.0
// The operator's inventory: profile templates, profile types, bulk-imported
// subscriptions (ProfileRecords with a profile_type), stock counts and inventory
// events. Implemented by the same stores as core::Store, with the same contract
// (one transaction per call, compare-and-swap on version, errors as StoreErrc).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/bytes.h"
#include "base/error.h"
#include "core/clock.h"
#include "core/store.h"

namespace smdp::core {

// A validated profile package that profile types personalise.
struct TemplateRecord {
  std::string name;  // 1..64 of [A-Za-z0-9._-]
  Bytes package;     // SAIP DER, validated when imported
  Bytes sha256;      // of package
  TimePoint created_at{};
};

// A profile type: a template, the variables each subscription supplies, and the
// metadata every profile of the type carries.
struct ProfileTypeRecord {
  std::string name;           // 1..64 of [A-Za-z0-9._-]
  std::string template_name;  // a stored TemplateRecord
  std::string variables;      // saip::parse_variable_list() form, "iccid,imsi,ki,opc"
  // StoreMetadataRequest (BF25) of the type; each profile's copy carries its own ICCID.
  Bytes metadata;
  int low_stock_threshold = 0;  // an inventory event when Available falls below; 0: none
  int precompute = 0;           // protected packages to keep ready for the next orders
  int max_download_attempts = 10;
  std::optional<std::chrono::seconds> order_ttl;  // order expiry from the order
  // The operator (core/operator_store.h) that owns the type and its profiles, orders
  // them over ES2+ and receives their callbacks. Empty: the command line's only.
  std::string operator_name;
  TimePoint created_at{};
};

struct InventoryCount {
  std::string profile_type;  // "" for profiles registered without a type
  ProfileState state{};
  std::int64_t count = 0;
};

// Something the operator should hear about, appended in the same transaction as the
// change that caused it (the outbox the ES2+ callbacks will also use).
struct InventoryEvent {
  std::int64_t id = 0;       // set by the store, increasing
  std::string type;          // "low_stock"
  std::string profile_type;  // the type concerned
  std::string detail;        // JSON object, no secrets: {"available":99,"threshold":100}
  TimePoint created_at{};
};

class InventoryStore {
 public:
  virtual ~InventoryStore() = default;

  // add_* fail with conflict when the name exists; add_profile_type with not_found
  // when the template does not.
  virtual Result<void> add_template(const TemplateRecord& record) = 0;
  virtual Result<std::optional<TemplateRecord>> get_template(std::string_view name) = 0;
  virtual Result<std::vector<TemplateRecord>> list_templates() = 0;  // package left empty
  virtual Result<void> add_profile_type(const ProfileTypeRecord& record) = 0;
  virtual Result<std::optional<ProfileTypeRecord>> get_profile_type(std::string_view name) = 0;
  virtual Result<std::vector<ProfileTypeRecord>> list_profile_types() = 0;

  // Inserts a batch of profiles in one transaction. A profile whose ICCID or IMSI is
  // already stored is skipped and its index returned; the others are all inserted,
  // or none (an error). Each inserted profile's version is set.
  virtual Result<std::vector<std::size_t>> add_profiles(std::vector<ProfileRecord>& batch) = 0;

  // Moves the oldest Available profile of the type to Allocated (compare-and-swap, so
  // two callers never get the same one) and returns it; nullopt when none is left.
  // When the Available count falls below the type's low_stock_threshold, a
  // "low_stock" event is appended in the same transaction.
  virtual Result<std::optional<ProfileRecord>> allocate_profile(std::string_view profile_type,
                                                                TimePoint now) = 0;

  // Counts per (profile type, state), ordered by type then state.
  virtual Result<std::vector<InventoryCount>> inventory_counts() = 0;

  // Among the `limit` oldest profiles of the type in `state` (the next ones orders will
  // take), those without a protected_package, oldest first.
  virtual Result<std::vector<ProfileRecord>> profiles_to_precompute(std::string_view profile_type,
                                                                    ProfileState state,
                                                                    std::size_t limit) = 0;

  // Events with id > after_id, oldest first.
  virtual Result<std::vector<InventoryEvent>> list_events(std::int64_t after_id,
                                                          std::size_t limit) = 0;
};

}  // namespace smdp::core
