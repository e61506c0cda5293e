// SPDX-License-Identifier: Apache-2.0
#include "es2/functions.h"

#include <algorithm>
#include <expected>

#include "base/strings.h"
#include "core/callbacks.h"
#include "core/order_fields.h"
#include "core/orders.h"
#include "json/fields.h"
#include "json/status.h"

namespace smdp::es2 {
namespace {

using core::StatusCode;

struct Failure {
  StatusCode code;
  std::string message;
};
template <class T>
using Checked = std::expected<T, Failure>;

std::unexpected<Failure> refuse(StatusCode code, std::string message) {
  return std::unexpected(Failure{code, std::move(message)});
}

Answer failed(const Failure& f, std::string iccid = {}) {
  return {json::render_failure(f.code, f.message), f.code, f.message, std::move(iccid)};
}

// A field read by the JSON binding's readers, its parse error as a refusal; `missing`
// is the code for an absent mandatory field (functions name their own, §5.3.3).
template <class T>
Checked<T> checked(Result<T> field, StatusCode missing = core::kMandatoryElementMissing) {
  if (field) return std::move(*field);
  const StatusCode code = field.error().code == json::Errc::missing_parameter
                              ? missing
                              : json::status_code(field.error());
  return refuse(code, field.error().message());
}

Checked<std::optional<std::string>> optional_string(const nlohmann::json& body, const char* name) {
  return checked(json::get_optional_string(body, name));
}

Checked<std::string> mandatory_string(const nlohmann::json& body, const char* name,
                                      StatusCode missing = core::kMandatoryElementMissing) {
  return checked(json::get_string(body, name), missing);
}

// 18-20 digits with an optional final F (any case): the digits.
Checked<std::string> iccid_digits(std::string text) {
  if (!text.empty() && (text.back() == 'F' || text.back() == 'f')) text.pop_back();
  if (text.size() < 18 || text.size() > 20 || !std::ranges::all_of(text, is_digit))
    return refuse(core::kInvalidParameter, "iccid: 18 to 20 digits, optionally F-padded");
  return text;
}

Checked<std::optional<std::string>> optional_eid(const nlohmann::json& body) {
  auto field = optional_string(body, "eid");
  if (!field) return field;
  const std::optional<std::string>& eid = *field;
  if (eid && !core::valid_eid(*eid)) return refuse(core::kInvalidParameter, "eid: 32 digits");
  return field;
}

// The operator's profile, or the refusal ES2+ gives.
Checked<core::ProfileRecord> owned_profile(core::Store& store, core::InventoryStore& inventory,
                                           const core::OperatorRecord& op,
                                           const std::string& iccid) {
  auto found = store.get_profile(iccid);
  if (!found) return refuse(core::kExecutionError, "store unavailable");
  std::optional<core::ProfileRecord>& profile = *found;
  if (!profile) return refuse(core::kIccidUnknown, "unknown ICCID");
  if (profile->profile_type) {
    auto type = inventory.get_profile_type(*profile->profile_type);
    if (!type) return refuse(core::kExecutionError, "store unavailable");
    const std::optional<core::ProfileTypeRecord>& known = *type;
    if (known && known->operator_name == op.name) return std::move(*profile);
  }
  return refuse(core::kIccidNotAllowed, "the ICCID is not one of this operator's profiles");
}

// An order error as the function's status code.
Failure order_failure(const Error& e, bool by_type) {
  if (e.code.category() != core::OrderErrc_category()) {
    if (e.code == core::StoreErrc::conflict) return {core::kIccidInvalidTransition, e.message()};
    return {core::kExecutionError, "store unavailable"};
  }
  switch (static_cast<core::OrderErrc>(e.code.value())) {
    case core::OrderErrc::invalid_request:
      return {core::kInvalidParameter, e.message()};
    case core::OrderErrc::unknown_profile_type:
      return {core::kProfileTypeUnknown, e.message()};
    case core::OrderErrc::out_of_stock:
      return {core::kProfileTypeUnavailable, e.message()};
    case core::OrderErrc::unknown_iccid:
      return {core::kIccidUnknown, e.message()};
    case core::OrderErrc::wrong_state:
      return {by_type ? core::kIccidInUse : core::kIccidInvalidTransition, e.message()};
    case core::OrderErrc::eid_mismatch:
      return {core::kEidMismatch, e.message()};
    case core::OrderErrc::matching_id_in_use:
      return {core::kMatchingIdInUse, e.message()};
    case core::OrderErrc::eid_missing:
      return {core::kEidMissing, e.message()};
  }
  return {core::kExecutionError, e.message()};
}

// The fields that name an order (§5.3.2, §5.3.3): `iccid`, and optional `eid` and
// `matchingId`; or the refusal.
struct OrderRef {
  std::string iccid;
  std::optional<std::string> eid;
  std::optional<std::string> matching_id;
};
std::expected<OrderRef, Answer> order_ref(const nlohmann::json& body, StatusCode iccid_missing) {
  auto iccid_text = mandatory_string(body, "iccid", iccid_missing);
  if (!iccid_text) return std::unexpected(failed(iccid_text.error()));
  auto iccid = iccid_digits(*iccid_text);
  if (!iccid) return std::unexpected(failed(iccid.error()));
  auto eid = optional_eid(body);
  if (!eid) return std::unexpected(failed(eid.error(), *iccid));
  auto matching_id = optional_string(body, "matchingId");
  if (!matching_id) return std::unexpected(failed(matching_id.error(), *iccid));
  return OrderRef{std::move(*iccid), std::move(*eid), std::move(*matching_id)};
}

}  // namespace

Es2Functions::Es2Functions(Es2Config config, core::Store& store, core::InventoryStore& inventory,
                           crypto::Rng& rng, const core::Clock& clock)
    : config_(std::move(config)), store_(store), inventory_(inventory), rng_(rng), clock_(clock) {}

std::optional<Answer> Es2Functions::call(const core::OperatorRecord& op, std::string_view function,
                                         const nlohmann::json& body) {
  if (function == "downloadOrder") return download_order(op, body);
  if (function == "confirmOrder") return confirm_order(op, body);
  if (function == "cancelOrder") return cancel_order(op, body);
  if (function == "releaseProfile") return release_profile(op, body);
  return std::nullopt;
}

// §5.3.1: an ICCID (must be Available), or the next Available of a profile type; with
// both, the ICCID must be of that type (8.2.5/3.8).
Answer Es2Functions::download_order(const core::OperatorRecord& op, const nlohmann::json& body) {
  auto eid_field = optional_eid(body);
  if (!eid_field) return failed(eid_field.error());
  const std::optional<std::string>& eid = *eid_field;
  auto iccid_text_field = optional_string(body, "iccid");
  if (!iccid_text_field) return failed(iccid_text_field.error());
  const std::optional<std::string>& iccid_text = *iccid_text_field;
  auto type_name_field = optional_string(body, "profileType");
  if (!type_name_field) return failed(type_name_field.error());
  const std::optional<std::string>& type_name = *type_name_field;
  if (!iccid_text && !type_name)
    return failed({core::kConditionalElementMissing, "iccid or profileType is required"});

  core::DownloadOrderRequest request{
      .eid = eid, .iccid = std::nullopt, .profile_type = std::nullopt};
  if (iccid_text) {
    auto iccid = iccid_digits(*iccid_text);
    if (!iccid) return failed(iccid.error());
    auto profile = owned_profile(store_, inventory_, op, *iccid);
    if (!profile) return failed(profile.error(), *iccid);
    if (type_name && profile->profile_type != *type_name)
      return failed({core::kProfileTypeMismatch, "the ICCID is not of this profileType"}, *iccid);
    request.iccid = *iccid;
  } else {
    auto type = inventory_.get_profile_type(*type_name);
    if (!type) return failed({core::kExecutionError, "store unavailable"});
    const std::optional<core::ProfileTypeRecord>& known = *type;
    if (!known) return failed({core::kProfileTypeUnknown, "unknown profileType"});
    if (known->operator_name != op.name)
      return failed({core::kProfileTypeNotAllowed, "the profileType is not this operator's"});
    request.profile_type = *type_name;
  }
  auto ordered = core::download_order(store_, inventory_, request, clock_);
  if (!ordered) return failed(order_failure(ordered.error(), true), request.iccid.value_or(""));
  return Answer{json::render_body(json::FunctionStatus::success(),
                                  {{"iccid", core::padded_iccid(ordered->iccid)}}),
                std::nullopt, "", ordered->iccid};
}

// §5.3.2.
Answer Es2Functions::confirm_order(const core::OperatorRecord& op, const nlohmann::json& body) {
  auto ref = order_ref(body, core::kMandatoryElementMissing);
  if (!ref) return std::move(ref.error());
  const std::string& iccid = ref->iccid;
  const std::optional<std::string>& eid = ref->eid;
  const std::optional<std::string>& matching_id = ref->matching_id;
  auto code_field = optional_string(body, "confirmationCode");
  if (!code_field) return failed(code_field.error(), iccid);
  const std::optional<std::string>& code = *code_field;
  auto smds_field = optional_string(body, "smdsAddress");
  if (!smds_field) return failed(smds_field.error(), iccid);
  const std::optional<std::string>& smds = *smds_field;
  auto release = checked(json::get_bool(body, "releaseFlag"));
  if (!release) return failed(release.error(), iccid);
  if (code && (code->empty() || code->size() > 64))
    return failed({core::kInvalidParameter, "confirmationCode: 1 to 64 characters"}, iccid);
  if (smds && std::ranges::none_of(config_.smds_addresses, [&](const std::string& a) {
        return equal_ignore_case(a, *smds);
      }))
    return failed({core::kSmdsInaccessible, "smdsAddress is not an SM-DS this SM-DP+ uses"}, iccid);

  auto profile = owned_profile(store_, inventory_, op, iccid);
  if (!profile) return failed(profile.error(), iccid);
  core::ConfirmOrderRequest request;
  request.iccid = iccid;
  request.eid = eid;
  const bool no_matching_id = matching_id && matching_id->empty();
  request.no_matching_id = no_matching_id;
  if (matching_id && !no_matching_id) request.matching_id = *matching_id;
  request.confirmation_code = code;
  request.release_flag = *release;
  if (smds) request.smds_address = to_lower(*smds);
  request.rsp_server_address = config_.smdp_address;
  auto confirmed = core::confirm_order(store_, inventory_, request, rng_, clock_);
  if (!confirmed) return failed(order_failure(confirmed.error(), false), iccid);
  nlohmann::json fields{{"matchingId", confirmed->matching_id.value_or("")},
                        {"smdpAddress", config_.smdp_address}};
  if (const std::optional<std::string>& order_eid = confirmed->eid; order_eid)
    fields["eid"] = *order_eid;
  return Answer{json::render_body(json::FunctionStatus::success(), std::move(fields)), std::nullopt,
                "", iccid};
}

// §5.3.3: the given EID and matchingId must be the order's.
Answer Es2Functions::cancel_order(const core::OperatorRecord& op, const nlohmann::json& body) {
  auto ref = order_ref(body, core::kIccidMissing);
  if (!ref) return std::move(ref.error());
  const std::string& iccid = ref->iccid;
  const std::optional<std::string>& eid = ref->eid;
  const std::optional<std::string>& matching_id = ref->matching_id;
  auto indicator = mandatory_string(body, "finalProfileStatusIndicator");
  if (!indicator) return failed(indicator.error(), iccid);
  if (*indicator != "Available" && *indicator != "Unavailable")
    return failed(
        {core::kInvalidParameter, "finalProfileStatusIndicator: Available or Unavailable"}, iccid);
  auto profile = owned_profile(store_, inventory_, op, iccid);
  if (!profile) return failed(profile.error(), iccid);
  if (eid && profile->eid != *eid)
    return failed({core::kEidMismatch, "the EID is not the order's"}, iccid);
  if (matching_id && profile->matching_id.value_or("") != *matching_id)
    return failed({core::kMatchingIdMismatch, "the matchingId is not the order's"}, iccid);
  auto cancelled =
      core::cancel_order(store_, iccid,
                         *indicator == "Available" ? core::FinalProfileStatus::available
                                                   : core::FinalProfileStatus::unavailable,
                         clock_);
  if (!cancelled) return failed(order_failure(cancelled.error(), false), iccid);
  return Answer{json::render_body(json::FunctionStatus::success()), std::nullopt, "", iccid};
}

// §5.3.4.
Answer Es2Functions::release_profile(const core::OperatorRecord& op, const nlohmann::json& body) {
  auto iccid_text = mandatory_string(body, "iccid");
  if (!iccid_text) return failed(iccid_text.error());
  auto iccid = iccid_digits(*iccid_text);
  if (!iccid) return failed(iccid.error());
  auto profile = owned_profile(store_, inventory_, op, *iccid);
  if (!profile) return failed(profile.error(), *iccid);
  auto released = core::release_profile(store_, *iccid, clock_, config_.smdp_address);
  if (!released) return failed(order_failure(released.error(), false), *iccid);
  return Answer{json::render_body(json::FunctionStatus::success()), std::nullopt, "", *iccid};
}

}  // namespace smdp::es2
