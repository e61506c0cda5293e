// SPDX-License-Identifier: Apache-2.0
#include "server/housekeeping.h"

#include <unistd.h>

#include <algorithm>

#include "base/bytes.h"
#include "base/log.h"
#include "core/precompute.h"

namespace smdp::server {

Housekeeping::Housekeeping(core::Store& store, core::InventoryStore& inventory,
                           core::ProfileSource& profiles, http::Registry& metrics, crypto::Rng& rng,
                           const core::Clock& clock)
    : store_(store),
      inventory_(inventory),
      profiles_(profiles),
      stock_(metrics.gauge("smdp_profiles", "Profiles per profile type and SGP.22 state.",
                           {"profile_type", "state"})),
      rng_(rng),
      clock_(clock) {
  char host[256] = {};
  (void)gethostname(host, sizeof host - 1);
  holder_ = std::string(host) + ":" + std::to_string(getpid()) + ":" + to_hex(rng_.bytes(4));
}

bool Housekeeping::hold_lease() {
  auto held = store_.acquire_lease("housekeeping", holder_, clock_.now(), lease_);
  if (!held) {
    log::warn("housekeeping.lease_failed", {{"error", held.error().message()}});
    return false;
  }
  return *held;
}

Housekeeping::~Housekeeping() { stop(); }

void Housekeeping::run_once() {
  std::lock_guard run(run_mutex_);
  if (auto counts = inventory_.inventory_counts()) {
    for (const auto& c : *counts)
      stock_.set({c.profile_type, std::string(core::to_string(c.state))},
                 static_cast<double>(c.count));
  }
  if (!hold_lease()) return;  // another instance does the rest
  if (auto types = inventory_.list_profile_types()) {
    for (const auto& type : *types) {
      auto computed =
          core::precompute_protected_packages(store_, inventory_, profiles_, type, rng_, clock_);
      if (!computed)
        log::warn("housekeeping.precompute_failed",
                  {{"profileType", type.name}, {"error", computed.error().message()}});
      else if (*computed > 0)
        log::info("housekeeping.precomputed",
                  {{"profileType", type.name}, {"count", std::to_string(*computed)}});
    }
  }
  if (auto events = inventory_.list_events(last_event_id_, 100)) {
    for (const auto& e : *events) {
      log::warn("inventory." + e.type, {{"profileType", e.profile_type}, {"detail", e.detail}});
      last_event_id_ = e.id;
    }
  }
  if (auto purged = store_.purge_sessions(clock_.now() - std::chrono::hours{1}); !purged)
    log::warn("housekeeping.purge_failed", {{"error", purged.error().message()}});
  // Bound packages past the retry window, matchingId counts past their window and block.
  if (auto dropped = store_.purge_retained(clock_.now()); !dropped)
    log::warn("housekeeping.purge_failed", {{"error", dropped.error().message()}});
}

void Housekeeping::start(std::chrono::seconds interval) {
  lease_ = std::max(3 * interval, std::chrono::seconds{30});
  poller_.start(interval, [this] {
    run_once();
    return 0;  // every `interval`, never at once again
  });
}

void Housekeeping::stop() { poller_.stop(); }

}  // namespace smdp::server
