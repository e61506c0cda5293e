// SPDX-License-Identifier: Apache-2.0
// The load itself: `concurrency` threads, each running whole downloads through the LPA
// (tools/euicc-sim's lpa::download) with a new software eUICC of the fleet and a fresh
// HTTPS client per download (one TLS connection, kept alive for the session's calls).
// Every ES9+ call is timed by a transport wrapper.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "fleet.h"
#include "https_client.h"
#include "settings.h"

namespace bench {

struct LoadResult {
  unsigned completed = 0;                                 // installed + notified
  std::map<std::string, unsigned> errors;                 // by reason ("8.1.1/3.8" ...)
  std::map<std::string, std::vector<double>> latency_ms;  // per ES9+ function
  double elapsed_s = 0;
};

struct LoadPlan {
  const std::vector<std::string>* codes = nullptr;  // activation codes, one per download
  std::size_t first = 0;                            // index of the first code to use
  std::size_t count = 0;                            // downloads to run (0: until deadline)
  double duration_s = 0;                            // > 0: stop starting after this
  double rate = 0;                                  // > 0: paced starts
  unsigned concurrency = 1;
  smdp::lpa::Es9Binding binding = smdp::lpa::Es9Binding::json;
};

LoadResult run_load(const LoadPlan& plan, const Fleet& fleet,
                    const std::vector<smdp::Bytes>& trusted_cis, std::uint16_t port);

// The value at quantile q (0..1) of `v` (sorted in place), nearest rank.
double quantile(std::vector<double>& v, double q);

}  // namespace bench
