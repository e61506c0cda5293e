// SPDX-License-Identifier: Apache-2.0
// The operator commands' access to the SM-DP+ data: the store named by --database (a
// SQLite file, created with its directory on first use, or a PostgreSQL URL) and the
// data key that seals subscription secrets.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "base/bytes.h"
#include "base/error.h"
#include "service_options.h"
#include "store/sql_store.h"

namespace smdpp {

// SchemaMode::engine_default: a SQLite file is migrated, a PostgreSQL database must have
// been migrated (`smdpp db migrate`).
smdp::Result<std::unique_ptr<smdp::store::SqlStore>> open_store(
    const DataOptions& data,
    smdp::store::SchemaMode mode = smdp::store::SchemaMode::engine_default);

// Prints "smdpp <command>: <message>" to stderr and returns 1.
int report_failure(std::string_view command, const smdp::Error& error);
int report_failure(std::string_view command, std::string_view message);

}  // namespace smdpp
