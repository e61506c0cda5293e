// SPDX-License-Identifier: Apache-2.0
// load_bench's settings: what one run measures (see BENCHMARKS.md for the runs).
#pragma once

#include <cstdint>
#include <string>

namespace bench {

struct Settings {
  std::string smdpp;                      // the smdpp binary
  std::string testdata = "testdata";      // the TS.48 v7 template's (run from the repository root)
  std::string work;                       // a fresh directory for the server's data
  std::string database;                   // a fresh PostgreSQL database's URL ("": SQLite)
  std::string curve = "nist";             // the eUICCs' curve: nist (P-256) or brp
  std::string binding = "session-keys";   // session-keys or ppk (pre-computed packages)
  std::string es9_binding = "json";       // the ES9+ binding the fleet speaks: json or asn1
  unsigned concurrency = 8;               // simulated eUICCs downloading at once
  unsigned downloads = 200;               // measured downloads (after the warm-up)
  unsigned warmup = 16;                   // downloads before the measurement starts
  double duration_s = 0;                  // > 0: stop after this many seconds instead
  double rate = 0;                        // > 0: start downloads at this rate (per second)
  int server_cpu = -1;                    // pin the server to this CPU (-1: no pinning)
  int client_cpu = -1;                    // pin the generator to this CPU
  unsigned server_threads = 0;            // smdpp serve --threads (0: its default)
  std::uint16_t port = 18443;             // ES9+ port
  std::uint16_t admin_port = 18080;       // /metrics, /healthz
  double sample_s = 5;                    // server memory/CPU sampling period
  std::string json;                       // results file (appended as one JSON line)
  std::string server_prefix;              // words run before smdpp (e.g. valgrind ...)
  std::string cluster;                    // a running scripts/cluster.sh directory ("": none)
  std::uint16_t cluster_port = 18400;     // its SMDPP_CLUSTER_PORT
  std::string profile_type = "demo-gtp";  // the cluster's profile type to order
  bool floor_only = false;                // measure the crypto floor only (no server)
  unsigned floor_iterations = 2000;       // repetitions per operation of the floor
};

// Parses argv (CLI11); on error or --help prints usage and returns false (exit code in
// `rc`: 0 after --help, 2 for a usage error).
bool parse_settings(int argc, char** argv, Settings& s, int& rc);

}  // namespace bench
