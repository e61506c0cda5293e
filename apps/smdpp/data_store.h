// SPDX-License-Identifier: Apache-2.0
// The operator commands' access to the SM-DP+ data: the SQLite store (created with its
// directory on first use) and the data key that seals subscription secrets.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "base/bytes.h"
#include "base/error.h"
#include "service_options.h"
#include "store/sqlite_store.h"

namespace smdpp {

smdp::Result<std::unique_ptr<smdp::store::SqliteStore>> open_store(const DataOptions& data);

// Prints "smdpp <command>: <message>" to stderr and returns 1.
int report_failure(std::string_view command, const smdp::Error& error);
int report_failure(std::string_view command, std::string_view message);

}  // namespace smdpp
