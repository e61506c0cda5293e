// SPDX-License-Identifier: Apache-2.0
#include "http/admin.h"

#include <string_view>
#include <utility>

namespace smdp::http {

Handler admin_handler(Registry& registry, std::function<Result<void>()> ready) {
  return [&registry, ready = std::move(ready)](const Request& req) {
    std::string_view path = req.target;
    if (const auto q = path.find('?'); q != std::string_view::npos) path = path.substr(0, q);
    Response r;
    r.headers.emplace_back("Content-Type", "text/plain; charset=utf-8");
    const bool known = path == "/healthz" || path == "/readyz" || path == "/metrics";
    if (!known) {
      r.status = 404;
      r.body = "not found\n";
      return r;
    }
    if (req.method != "GET") {
      r.status = 405;
      r.headers.emplace_back("Allow", "GET");
      r.body = "method not allowed\n";
      return r;
    }
    if (path == "/healthz") {
      r.body = "ok\n";
    } else if (path == "/readyz") {
      const Result<void> ok = ready ? ready() : Result<void>{};
      r.status = ok ? 200 : 503;
      r.body = ok ? "ready\n" : "not ready: " + ok.error().message() + "\n";
    } else {
      r.headers.front().second = "text/plain; version=0.0.4; charset=utf-8";
      r.body = registry.render();
    }
    return r;
  };
}

}  // namespace smdp::http
