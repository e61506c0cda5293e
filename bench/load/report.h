// SPDX-License-Identifier: Apache-2.0
// What every load_bench run reports: the machine and commit it ran on, the client-side
// figures of a load (throughput, latency quantiles per ES9+ call, errors by reason), and
// the results file (one JSON object per run, appended; BENCHMARKS.md).
#pragma once

#include <nlohmann/json.hpp>

#include "load.h"
#include "settings.h"

namespace bench {

// CPU model, cores, kernel, OpenSSL version.
nlohmann::json machine();

// The repository's short commit, "-dirty" with uncommitted changes to tracked files
// outside bench-results/.
std::string commit();

// The run's settings as recorded in the results file.
nlohmann::json settings_json(const Settings& s);

// completed, failed, errors, elapsed_s, downloads_per_s and calls (count, p50/p95/p99/max
// ms per ES9+ function; sorts the latency vectors in place).
nlohmann::json load_json(LoadResult& r);

// "p99 / p99 / p99 / p99" (or max_ms) over initiateAuthentication, authenticateClient,
// getBoundProfilePackage, handleNotification, in ms with one decimal.
std::string per_call(const nlohmann::json& load, const char* field);

// One Markdown row of BENCHMARKS.md's cluster table on stderr, prefixed "roles-row:",
// from a result with cpu_ms_per_download per role ("es9", "es2", "relay", "dispatcher",
// "postgresql", "nats", "haproxy", "mno-sim"; "server": every SM-DP+ role together),
// client_cpu_ms_per_download, db_round_trips_per_download, drained_s and failed:
// | setup | concurrency | downloads/s | p99 ms iA / aC / gBPP / hN | CPU ms/download per
// role ... | all server roles | load generator | DB round trips | drained s | errors |
void print_roles_row(const std::string& setup, unsigned concurrency, const nlohmann::json& r);

// The CPU seconds (user + system) this process has used so far.
double client_cpu_s();

// Prints `j` on stdout and appends it as one line to s.json when given.
void write_json(const Settings& s, const nlohmann::json& j);

// A run's result with its machine, commit and settings added, written by write_json.
void record(const Settings& s, nlohmann::json& result);

}  // namespace bench
