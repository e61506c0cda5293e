// SPDX-License-Identifier: Apache-2.0
// The admin port's handler (plain HTTP, never exposed to LPAs): liveness for the
// orchestrator and Prometheus metrics.
//   GET /healthz  -> 200 "ok\n", or 503 "unhealthy\n" when healthy() is false
//   GET /metrics  -> 200, text/plain; version=0.0.4, registry.render()
//   anything else -> 404 (405 for a method other than GET on these two paths)
// A query string is ignored. `registry` must outlive the handler; healthy() is called
// on a worker thread per request and must be thread-safe (empty = always healthy).
#pragma once

#include <functional>

#include "http/metrics.h"
#include "http/server.h"

namespace smdp::http {

Handler admin_handler(Registry& registry, std::function<bool()> healthy);

}  // namespace smdp::http
