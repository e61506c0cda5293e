// SPDX-License-Identifier: Apache-2.0
#include "core/orders.h"

#include "base/log.h"
#include "core/callbacks.h"
#include "core/order_fields.h"
#include "core/profile_lifecycle.h"
#include "core/profile_types.h"
#include "crypto/hash.h"

namespace smdp::core {
namespace {

std::string errc_name(OrderErrc e) {
  switch (e) {
    case OrderErrc::invalid_request:
      return "invalid order request";
    case OrderErrc::unknown_profile_type:
      return "unknown profile type";
    case OrderErrc::out_of_stock:
      return "no profile of the type is available";
    case OrderErrc::unknown_iccid:
      return "unknown ICCID";
    case OrderErrc::wrong_state:
      return "the profile's state does not allow this";
    case OrderErrc::eid_mismatch:
      return "the order is bound to another EID";
    case OrderErrc::matching_id_in_use:
      return "matchingId already in use";
    case OrderErrc::eid_missing:
      return "EID missing";
  }
  return "unknown order error";
}

Result<ProfileRecord> load(Store& store, std::string_view iccid) {
  auto found = store.get_profile(iccid);
  if (!found) return std::unexpected(found.error());
  std::optional<ProfileRecord>& profile = *found;
  if (!profile) return fail(OrderErrc::unknown_iccid, std::string(iccid));
  return std::move(*profile);
}

Result<void> move_to(ProfileRecord& p, ProfileState to) {
  if (auto moved = transition(p, to); !moved)
    return fail(OrderErrc::wrong_state, p.iccid + ": " + moved.error().context);
  return {};
}

// Writes `p` (compare-and-swap) with `message` appended to the outbox; a lost race is
// reported as the state having changed.
Result<ProfileRecord> save(Store& store, ProfileRecord& p, const Clock& clock,
                           std::optional<OutboxMessage> message = std::nullopt) {
  p.updated_at = clock.now();
  std::span<OutboxMessage> outbox;
  if (message) outbox = std::span(&*message, 1);
  if (auto u = store.update(nullptr, &p, outbox); !u) {
    if (u.error().code == StoreErrc::conflict)
      return fail(OrderErrc::wrong_state, p.iccid + " changed meanwhile");
    return std::unexpected(u.error());
  }
  return std::move(p);
}

}  // namespace

SMDP_DEFINE_ERROR_CATEGORY(OrderErrc, "smdp.order", errc_name)

Result<ProfileRecord> download_order(Store& store, InventoryStore& inventory,
                                     const DownloadOrderRequest& request, const Clock& clock) {
  if (request.iccid.has_value() == request.profile_type.has_value())
    return fail(OrderErrc::invalid_request, "give either an ICCID or a profile type");
  if (request.eid && !valid_eid(*request.eid))
    return fail(OrderErrc::invalid_request, "EID is not 32 digits");
  ProfileRecord p;
  if (request.profile_type) {
    auto type = inventory.get_profile_type(*request.profile_type);
    if (!type) return std::unexpected(type.error());
    if (!*type) return fail(OrderErrc::unknown_profile_type, *request.profile_type);
    auto allocated = inventory.allocate_profile(*request.profile_type, clock.now());
    if (!allocated) return std::unexpected(allocated.error());
    std::optional<ProfileRecord>& next = *allocated;
    if (!next) return fail(OrderErrc::out_of_stock, *request.profile_type);
    p = std::move(*next);
    if (!request.eid) return p;
  } else {
    auto loaded = load(store, *request.iccid);
    if (!loaded) return loaded;
    p = std::move(*loaded);
    if (p.state != ProfileState::available)
      return fail(OrderErrc::wrong_state, p.iccid + " is " + std::string(to_string(p.state)));
    if (auto moved = move_to(p, ProfileState::allocated); !moved)
      return std::unexpected(moved.error());
  }
  if (request.eid) {
    p.eid = request.eid;
    if (auto moved = move_to(p, ProfileState::linked); !moved)
      return std::unexpected(moved.error());
  }
  return save(store, p, clock);
}

Result<ProfileRecord> confirm_order(Store& store, InventoryStore& inventory,
                                    const ConfirmOrderRequest& request, crypto::Rng& rng,
                                    const Clock& clock) {
  if (request.eid && !valid_eid(*request.eid))
    return fail(OrderErrc::invalid_request, "EID is not 32 digits");
  if (request.matching_id && !valid_matching_id(*request.matching_id))
    return fail(OrderErrc::invalid_request,
                "matchingId: use 1 to 64 of 0-9, A-Z, a-z, '.', '_' and '-'");
  if (request.matching_id && request.matching_id->size() < kShortMatchingId)
    log::warn("order.short_matching_id",
              {{"iccid", request.iccid},
               {"length", std::to_string(request.matching_id->size())},
               {"advice", "a matchingId under 16 characters can be guessed"}});
  if (request.smds_address && request.no_matching_id)
    return fail(OrderErrc::invalid_request, "an SM-DS event needs a matchingId (its eventId)");
  auto loaded = load(store, request.iccid);
  if (!loaded) return loaded;
  ProfileRecord p = std::move(*loaded);
  if (p.state != ProfileState::allocated && p.state != ProfileState::linked)
    return fail(OrderErrc::wrong_state, p.iccid + " is " + std::string(to_string(p.state)));
  if (request.eid && p.eid && *p.eid != *request.eid) return fail(OrderErrc::eid_mismatch, p.iccid);
  if (request.eid) p.eid = request.eid;
  if (!p.eid && (request.no_matching_id || request.smds_address))
    return fail(OrderErrc::eid_missing, request.smds_address ? "an SM-DS event needs the EID"
                                                             : "an order without "
                                                               "matchingId needs the EID");

  if (p.profile_type) {
    auto type = inventory.get_profile_type(*p.profile_type);
    if (!type) return std::unexpected(type.error());
    const std::optional<ProfileTypeRecord>& known = *type;
    if (!known) return fail(OrderErrc::unknown_profile_type, *p.profile_type);
    auto metadata = profile_metadata_for(*known, p.iccid);
    if (!metadata) return std::unexpected(metadata.error());
    p.profile_metadata = std::move(*metadata);
    p.max_download_attempts = known->max_download_attempts;
    if (known->order_ttl) p.order_expires_at = clock.now() + *known->order_ttl;
  }
  p.matching_id.reset();
  if (!request.no_matching_id) p.matching_id = request.matching_id.value_or(make_matching_id(rng));
  p.confirmation_code_hash.reset();
  if (request.confirmation_code) {
    const auto digest = crypto::sha256(as_bytes(*request.confirmation_code));
    p.confirmation_code_hash = Bytes(digest.begin(), digest.end());
  }
  p.confirmation_attempts = 0;
  p.download_attempts = 0;
  p.smds_address = request.smds_address;
  const ProfileState to = request.release_flag ? ProfileState::released : ProfileState::confirmed;
  if (auto moved = move_to(p, to); !moved) return std::unexpected(moved.error());
  p.updated_at = clock.now();
  std::optional<OutboxMessage> event;
  if (request.release_flag) event = register_event(p, request.rsp_server_address, p.updated_at);
  std::span<OutboxMessage> outbox;
  if (event) outbox = std::span(&*event, 1);
  if (auto u = store.update(nullptr, &p, outbox); !u) {
    // The store's unique index on matchingId is what refuses a duplicate.
    if (u.error().code == StoreErrc::conflict && request.matching_id) {
      auto holder = store.find_profile_by_matching_id(*request.matching_id);
      if (holder) {
        const std::optional<ProfileRecord>& other = *holder;
        if (other && other->iccid != p.iccid)
          return fail(OrderErrc::matching_id_in_use, *request.matching_id);
      }
    }
    if (u.error().code == StoreErrc::conflict)
      return fail(OrderErrc::wrong_state, p.iccid + " changed meanwhile");
    return std::unexpected(u.error());
  }
  return p;
}

Result<ProfileRecord> release_profile(Store& store, std::string_view iccid, const Clock& clock,
                                      std::string_view rsp_server_address) {
  auto loaded = load(store, iccid);
  if (!loaded) return loaded;
  ProfileRecord p = std::move(*loaded);
  if (p.state != ProfileState::confirmed)
    return fail(OrderErrc::wrong_state, p.iccid + " is " + std::string(to_string(p.state)));
  if (auto moved = move_to(p, ProfileState::released); !moved)
    return std::unexpected(moved.error());
  return save(store, p, clock, register_event(p, rsp_server_address, clock.now()));
}

Result<ProfileRecord> cancel_order(Store& store, std::string_view iccid,
                                   FinalProfileStatus final_status, const Clock& clock) {
  auto loaded = load(store, iccid);
  if (!loaded) return loaded;
  ProfileRecord p = std::move(*loaded);
  const bool held =
      p.session_transaction_id && p.session_expires_at && *p.session_expires_at > clock.now();
  if (held || p.state == ProfileState::available)
    return fail(OrderErrc::wrong_state,
                p.iccid + (held ? " is held by a download session" : " has no order"));
  const ProfileState to = final_status == FinalProfileStatus::available ? ProfileState::available
                                                                        : ProfileState::unavailable;
  // The SM-DS holds the event of a Released order, and of one the SM-DP+ ended in Error
  // without deleting it (confirmation code attempts exhausted, a terminating
  // CancelSession): delete it (§5.8.2). After a failed installation the event is already
  // gone; the SM-DS's 8.9.5/3.9 then counts as delivered (bus/dispatcher.h).
  std::optional<OutboxMessage> event;
  if (p.state == ProfileState::released || p.state == ProfileState::error)
    event = delete_event(p, clock.now());
  if (auto moved = move_to(p, to); !moved) return std::unexpected(moved.error());
  p.eid.reset();
  p.matching_id.reset();
  p.confirmation_code_hash.reset();
  p.confirmation_attempts = 0;
  p.download_attempts = 0;
  p.order_expires_at.reset();
  p.session_transaction_id.reset();
  p.session_expires_at.reset();
  p.result.reset();
  p.smds_address.reset();
  return save(store, p, clock, std::move(event));
}

Result<ProfileRecord> place_order(Store& store, InventoryStore& inventory,
                                  const DownloadOrderRequest& order, ConfirmOrderRequest confirm,
                                  crypto::Rng& rng, const Clock& clock) {
  auto allocated = download_order(store, inventory, order, clock);
  if (!allocated) return allocated;
  confirm.iccid = allocated->iccid;
  auto confirmed = confirm_order(store, inventory, confirm, rng, clock);
  if (confirmed) return confirmed;
  if (auto undone = cancel_order(store, allocated->iccid, FinalProfileStatus::available, clock);
      !undone)
    return std::unexpected(
        Error{confirmed.error().code,
              confirmed.error().context +
                  "; and undoing the allocation failed: " + undone.error().message()});
  return confirmed;
}

}  // namespace smdp::core
