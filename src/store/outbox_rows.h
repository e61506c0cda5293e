// SPDX-License-Identifier: Apache-2.0
// The outbox table (core/outbox.h, DESIGN.md principle 4) as used inside the store's
// write transactions (internal to the store module): SqlStore::append_outbox,
// update() and record_notification() append through insert_outbox().
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "core/outbox.h"
#include "store/sql.h"

namespace smdp::store {

// Inserts `messages` in order on `connection`, inside the caller's open transaction,
// and returns their ids (increasing). The caller sets each message's id only once its
// transaction committed.
Result<std::vector<std::int64_t>> insert_outbox(sql::Connection& connection,
                                                std::span<const core::OutboxMessage> messages,
                                                std::string_view operation);

// Sets messages[i].id = ids[i].
void set_outbox_ids(std::span<core::OutboxMessage> messages, std::span<const std::int64_t> ids);

}  // namespace smdp::store
