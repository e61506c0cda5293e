// SPDX-License-Identifier: Apache-2.0
// The standard Prometheus process metrics, read from the kernel at every scrape:
//   process_cpu_seconds_total       user + system CPU time of this process (getrusage)
//   process_resident_memory_bytes   resident set size (/proc/self/statm)
//   process_open_fds                open file descriptors (/proc/self/fd)
// The load generator (bench/load_bench) divides the CPU counter's increase by the
// downloads it completed: the server's own accounting, not the generator's guess.
#pragma once

#include "http/metrics.h"

namespace smdp::http {

// Registers the three families in `registry` and a collector that refreshes them
// before each render(). Call once per registry.
void register_process_metrics(Registry& registry);

}  // namespace smdp::http
