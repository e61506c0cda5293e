// SPDX-License-Identifier: Apache-2.0
// Periodic background work of a running SM-DP+, none of which correctness depends on:
// - pre-computed protected packages topped up for profile types that ask for them
//   (core/precompute.h);
// - inventory events (low stock) written since the last pass logged as
//   "inventory.<type>" lines, and the stock per (profile type, state) published as the
//   smdp_profiles gauge;
// - RSP sessions finished or expired more than an hour ago purged.
// Safe with several instances on one database: each step is a guarded store operation.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

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
  Housekeeping(const Housekeeping&) = delete;
  Housekeeping& operator=(const Housekeeping&) = delete;

  // One pass now. Failures are logged, never thrown.
  void run_once();
  // Runs a pass every `interval` on a thread until stop() or destruction.
  void start(std::chrono::seconds interval);
  void stop();

 private:
  core::Store& store_;
  core::InventoryStore& inventory_;
  core::ProfileSource& profiles_;
  http::Gauge& stock_;
  crypto::Rng& rng_;
  const core::Clock& clock_;
  std::int64_t last_event_id_ = 0;
  std::mutex run_mutex_;  // one pass at a time
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace smdp::server
