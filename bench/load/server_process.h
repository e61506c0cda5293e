// SPDX-License-Identifier: Apache-2.0
// The server under test: a data directory prepared with the smdpp command line (PKI,
// data key, the TS.48 v7 template, a profile type, imported subscriptions, and one
// released order per download), then `smdpp serve` as a child process, optionally
// pinned to one CPU, scraped over its admin port.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "settings.h"

namespace bench {

// Prepares settings.work for `orders` downloads; returns their activation codes.
// Exits the process with a message if a step fails (a benchmark has nobody to recover).
std::vector<std::string> prepare_server_data(const Settings& s, unsigned orders);

// `orders` released orders of `profile_type` on the store at `store_url` (a SQLite file or
// postgresql://...), straight on the store (what `smdpp order add` does, without a
// process per order); their activation codes for testsmdpplus1.example.com. Exits with a
// message on failure (for example when the type's stock runs out).
std::vector<std::string> release_orders(const std::string& store_url,
                                        const std::string& profile_type, unsigned orders);

// What the server reports about itself on /metrics.
struct ProcessSample {
  double cpu_seconds = 0;     // process_cpu_seconds_total
  double resident_bytes = 0;  // process_resident_memory_bytes
  double open_fds = 0;
  double installed = 0;       // smdp_downloads_total{result="installed"}
  double db_round_trips = 0;  // smdp_db_round_trips_total (PostgreSQL)
  double db_statements = 0;   // smdp_db_statements_total
};

class ServerProcess {
 public:
  // Starts `smdpp serve` on settings.port/admin_port and waits until /healthz answers.
  explicit ServerProcess(const Settings& s);
  ~ServerProcess();  // SIGTERM, then waits
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  std::optional<ProcessSample> sample() const;
  pid_t pid() const { return pid_; }

 private:
  const Settings& settings_;
  pid_t pid_ = -1;
};

// The value of the sample `name` (with its labels, e.g. smdp_downloads_total{result=
// "installed"}) in a Prometheus text exposition; 0 when absent.
double metric(std::string_view body, std::string_view name);

// GET http://127.0.0.1:<port><path>; the body, or nullopt without a 200 answer.
std::optional<std::string> http_get(std::uint16_t port, const std::string& path);

// Pins the calling process (all its future threads) to `cpu`; false on failure.
bool pin_to_cpu(int cpu);

}  // namespace bench
