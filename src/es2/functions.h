// SPDX-License-Identifier: Apache-2.0
// The ES2+ functions an operator calls (SGP.22 §5.3.1 DownloadOrder, §5.3.2
// ConfirmOrder, §5.3.3 CancelOrder, §5.3.4 ReleaseProfile), JSON in, JSON out
// (§6.5.2.1-§6.5.2.4), on the domain operations of core/orders.h.
//
// The caller has authenticated the operator (server/es2_endpoint.h). Each function
// acts only on the operator's own profile types and profiles; anything else is refused
// with the function's "not allowed" code (8.2.1/1.2, 8.2.5/1.2). Every refusal carries
// the subject/reason code of core/status.h and a message naming the cause; no secret
// (confirmation code, Ki ...) is ever echoed.
//
// Field rules: `iccid` 18-20 digits, optionally padded with a final F (answered padded
// to 20 characters when odd); `eid` 32 digits; `matchingId` 1-64 of 0-9 A-Z a-z . _ -, or ""
// for an order without one (default SM-DP+); `smdsAddress` one of the configured
// SM-DSs (8.9/5.1 otherwise: we only ever call SM-DSs we trust).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/inventory_store.h"
#include "core/operator_store.h"
#include "core/status.h"
#include "core/store.h"
#include "crypto/rng.h"

namespace smdp::es2 {

struct Es2Config {
  std::string smdp_address;                 // returned by ConfirmOrder, sent in RegisterEvent
  std::vector<std::string> smds_addresses;  // the SM-DSs orders may name (case-insensitive)
};

// The answer to one call: the JSON body and, for the log, its outcome.
struct Answer {
  std::string body;
  std::optional<core::StatusCode> code;  // set when Failed
  std::string message;
  std::string iccid;  // the profile concerned, when known
};

class Es2Functions {
 public:
  // All references must outlive this object. Thread-safe.
  Es2Functions(Es2Config config, core::Store& store, core::InventoryStore& inventory,
               crypto::Rng& rng, const core::Clock& clock);

  // `function` is the lowerCamel name ("downloadOrder" ...); `body` the parsed request
  // (its header already checked). Returns nullopt for an unknown function.
  std::optional<Answer> call(const core::OperatorRecord& op, std::string_view function,
                             const nlohmann::json& body);

 private:
  Answer download_order(const core::OperatorRecord& op, const nlohmann::json& body);
  Answer confirm_order(const core::OperatorRecord& op, const nlohmann::json& body);
  Answer cancel_order(const core::OperatorRecord& op, const nlohmann::json& body);
  Answer release_profile(const core::OperatorRecord& op, const nlohmann::json& body);

  Es2Config config_;
  core::Store& store_;
  core::InventoryStore& inventory_;
  crypto::Rng& rng_;
  const core::Clock& clock_;
};

}  // namespace smdp::es2
