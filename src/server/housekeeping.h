// SPDX-License-Identifier: Apache-2.0
// Periodic background work of a running SM-DP+, none of which correctness depends on:
// - pre-computed protected packages topped up for profile types that ask for them
//   (core/precompute.h);
// - inventory events (low stock) written since the last pass logged as
//   "inventory.<type>" lines, and the stock per (profile type, state) published as the
//   smdp_profiles gauge;
// - RSP sessions finished or expired more than an hour ago purged.
// With several instances on one database, the stock gauge is refreshed by each (it is
// each instance's metric) and the rest by one at a time: the holder of the store's lease
// "housekeeping" (core::Store::acquire_lease), taken or renewed at each pass for three
// intervals (at least 30 s), so that another instance takes over within that time when
// the holder stops. Each step is a guarded store operation anyway.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

#include "bus/poller.h"
#include "core/clock.h"
#include "core/inventory_store.h"
#include "core/profile_source.h"
#include "core/store.h"
#include "crypto/rng.h"
#include "http/metrics.h"

namespace smdp::server {

class Housekeeping {
 public:
  Housekeeping(core::Store& store, core::InventoryStore& inventory, core::ProfileSource& profiles,
               http::Registry& metrics, crypto::Rng& rng, const core::Clock& clock);
  ~Housekeeping();
  // This instance's name in the store's leases (host, process, a random part); the
  // relay's lease uses it too.
  const std::string& holder() const { return holder_; }
  Housekeeping(const Housekeeping&) = delete;
  Housekeeping& operator=(const Housekeeping&) = delete;

  // One pass now. Failures are logged, never thrown.
  void run_once();
  // Runs a pass every `interval` on a thread until stop() or destruction.
  void start(std::chrono::seconds interval);
  void stop();

 private:
  bool hold_lease();

  core::Store& store_;
  core::InventoryStore& inventory_;
  std::string holder_;  // this instance, for the lease: host, process and a random part
  std::chrono::seconds lease_{60};
  core::ProfileSource& profiles_;
  http::Gauge& stock_;
  crypto::Rng& rng_;
  const core::Clock& clock_;
  std::int64_t last_event_id_ = 0;
  std::mutex run_mutex_;  // one pass at a time
  bus::Poller poller_;    // last: stops before what its passes use
};

}  // namespace smdp::server
