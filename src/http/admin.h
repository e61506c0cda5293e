// SPDX-License-Identifier: Apache-2.0
// The admin port's handler (plain HTTP, never exposed to LPAs): liveness and readiness
// for the orchestrator or load balancer, and Prometheus metrics.
//   GET /healthz  -> 200 "ok\n" while the process serves HTTP at all (alive)
//   GET /readyz   -> 200 "ready\n", or 503 "not ready: <reason>\n" when ready() fails
//                    (the instance should get no traffic: its database is unreachable
//                    or not migrated, a listener is down)
//   GET /metrics  -> 200, text/plain; version=0.0.4, registry.render()
//   anything else -> 404 (405 for a method other than GET on these paths)
// A query string is ignored. `registry` must outlive the handler; ready() is called on
// a worker thread per request and must be thread-safe (empty = always ready).
#pragma once

#include <functional>

#include "base/error.h"
#include "http/metrics.h"
#include "http/server.h"

namespace smdp::http {

Handler admin_handler(Registry& registry, std::function<Result<void>()> ready);

}  // namespace smdp::http
