// SPDX-License-Identifier: Apache-2.0
// Download orders on inventory profiles: the SM-DP+ side of ES2+ DownloadOrder,
// ConfirmOrder, ReleaseProfile and CancelOrder (SGP.22 §5.3.1-§5.3.4), as domain
// operations. The operator command line calls them today; the ES2+ interface will
// call the same functions. Every state change goes through core/profile_lifecycle.h
// and is one compare-and-swap in the store.
#pragma once

#include <optional>
#include <string>

#include "base/error.h"
#include "core/clock.h"
#include "core/inventory_store.h"
#include "core/store.h"
#include "crypto/rng.h"

namespace smdp::core {

// Each refusal ES2+ reports with its own subject/reason code.
enum class OrderErrc {
  invalid_request = 1,   // neither or both of ICCID and profile type; a malformed field
  unknown_profile_type,  // ProfileType unknown
  out_of_stock,          // no Available profile of the type
  unknown_iccid,         // no such profile
  wrong_state,           // the profile's state does not allow the function
  eid_mismatch,          // the order is bound to another EID
  matching_id_in_use,    // another order has this matchingId
  eid_missing,           // an order without matchingId, or with an SM-DS event, has no EID
};

}  // namespace smdp::core
SMDP_DECLARE_ERROR_ENUM(smdp::core, OrderErrc)

namespace smdp::core {

struct DownloadOrderRequest {
  std::optional<std::string> eid;           // links the profile to this eUICC
  std::optional<std::string> iccid;         // this profile, which must be Available
  std::optional<std::string> profile_type;  // or the next Available one of the type
};

// Available -> Allocated (no EID) or Linked (EID). Returns the profile.
Result<ProfileRecord> download_order(Store& store, InventoryStore& inventory,
                                     const DownloadOrderRequest& request, const Clock& clock);

struct ConfirmOrderRequest {
  std::string iccid;
  std::optional<std::string> eid{};  // must agree with the one DownloadOrder linked
  // Default: generated. With an EID and no_matching_id, no activation code: the eUICC
  // finds the order at the default SM-DP+ (SGP.22 §3.1.2 case b).
  std::optional<std::string> matching_id{};
  bool no_matching_id = false;
  std::optional<std::string> confirmation_code{};  // only its SHA-256 is stored
  bool release_flag = true;                        // Released, else Confirmed
  // The SM-DS to register the order's event at (ES12.RegisterEvent, eventId = matchingId)
  // once the profile is Released; needs an EID and a matchingId.
  std::optional<std::string> smds_address{};
  std::string rsp_server_address{};  // our SM-DP+ address, sent in RegisterEvent
};

// Allocated | Linked -> Released (release_flag) or Confirmed. Sets the order: EID,
// matchingId, confirmation code, SM-DS address, the Profile Metadata with the profile's
// ICCID (from its type), and the type's download attempts and order expiry (from now).
// When Released with an SM-DS address, the RegisterEvent is appended to the outbox in
// the same transaction.
Result<ProfileRecord> confirm_order(Store& store, InventoryStore& inventory,
                                    const ConfirmOrderRequest& request, crypto::Rng& rng,
                                    const Clock& clock);

// Confirmed -> Released, with the order's RegisterEvent (if it names an SM-DS) appended to
// the outbox in the same transaction; `rsp_server_address` is our SM-DP+ address.
Result<ProfileRecord> release_profile(Store& store, std::string_view iccid, const Clock& clock,
                                      std::string_view rsp_server_address = {});

enum class FinalProfileStatus { available, unavailable };

// Allocated | Linked | Confirmed | Released | Error -> Available or Unavailable; the
// order (EID, matchingId, confirmation code, attempts, result) is cleared. A profile
// held by a live RSP session, or Downloaded, is refused (wrong_state): the eUICC may be
// installing it. A Released or Error order's SM-DS event is deleted (ES12.DeleteEvent
// through the outbox, same transaction).
Result<ProfileRecord> cancel_order(Store& store, std::string_view iccid,
                                   FinalProfileStatus final_status, const Clock& clock);

// DownloadOrder then ConfirmOrder as one operation, for an operator working without ES2+
// (`smdpp order add`): all or nothing. When the confirmation is refused, the allocation
// is undone (the profile back to Available, no EID) and the confirmation's error is
// returned. `confirm.iccid` is set from the allocated profile.
Result<ProfileRecord> place_order(Store& store, InventoryStore& inventory,
                                  const DownloadOrderRequest& order, ConfirmOrderRequest confirm,
                                  crypto::Rng& rng, const Clock& clock);

// DownloadOrder then ConfirmOrder as one operation, for an operator working without ES2+
// (`smdpp order add`): all or nothing. When the confirmation is refused, the allocation
// is undone (the profile back to Available, no EID) and the confirmation's error is
// returned. `confirm.iccid` is set from the allocated profile.
Result<ProfileRecord> place_order(Store& store, InventoryStore& inventory,
                                  const DownloadOrderRequest& order, ConfirmOrderRequest confirm,
                                  crypto::Rng& rng, const Clock& clock);

}  // namespace smdp::core
