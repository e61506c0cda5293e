// SPDX-License-Identifier: Apache-2.0
// A local cluster started by `scripts/cluster.sh up` (README "Running several
// instances"), as load_bench's target (--cluster DIR): the load goes through HAProxy's
// ES9+ port, orders are released on the cluster's PostgreSQL database, and the CPU each
// part spends is read from /proc (user + system time: the SM-DP+ instances, PostgreSQL's
// postmaster and its backends, NATS, HAProxy, mno-sim), so every role is measured the
// same way, whatever it reports about itself.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "settings.h"

namespace bench {

// One reading of the cluster, per role (the README's names).
struct ClusterSample {
  std::map<std::string, double> cpu_s;    // CPU seconds so far, per role
  std::map<std::string, double> rss_mib;  // resident memory now, per role
  double installed = 0;       // smdp_downloads_total{result="installed"} over the ES9+ fronts
  double db_round_trips = 0;  // smdp_db_round_trips_total over every instance
  double db_statements = 0;   // smdp_db_statements_total over every instance
};

class Cluster {
 public:
  // Reads DIR's process ids and database URL; exits with a message when DIR holds no
  // running cluster (a benchmark has nobody to recover).
  Cluster(std::string dir, std::uint16_t base_port);

  std::string database_url() const;
  std::string pki_dir() const { return dir_ + "/var/pki"; }
  std::uint16_t es9_port() const { return base_; }  // HAProxy's ES9+ frontend

  ClusterSample sample() const;

  // Waits until the outbox holds no pending message (every callback delivered or given
  // up); the seconds it took, or a negative number after `timeout_s`.
  double wait_drained(double timeout_s) const;

  // Outbox messages given up (state undeliverable).
  std::size_t undeliverable() const;

 private:
  std::string dir_;
  std::uint16_t base_;
};

// load_bench --cluster: the warm-up, the measured load through HAProxy, the outbox
// drained, CPU per download per role; prints and appends one JSON line to --json.
int run_cluster(const Settings& s);

}  // namespace bench
