// SPDX-License-Identifier: Apache-2.0
// The admin handler (src/http/admin.h), directly and on a real plain-HTTP server.
#include "http/admin.h"

#include <gtest/gtest.h>

#include <atomic>

#include "test_client.h"

namespace smdp::http {
namespace {

Request get(std::string target, std::string method = "GET") {
  Request r;
  r.method = std::move(method);
  r.target = std::move(target);
  return r;
}

std::string header(const Response& r, std::string_view name) {
  for (const auto& [n, v] : r.headers) {
    if (n == name) return v;
  }
  return {};
}

TEST(Admin, when_not_ready_then_readyz_503_with_the_reason_and_healthz_still_200) {
  Registry reg;
  std::atomic<bool> ready{true};
  Handler h = admin_handler(reg, [&]() -> Result<void> {
    if (ready) return {};
    return std::unexpected(Error{std::make_error_code(std::errc::io_error), "database down"});
  });
  EXPECT_EQ(h(get("/readyz")).status, 200);
  EXPECT_EQ(h(get("/readyz")).body, "ready\n");
  ready = false;
  Response r = h(get("/readyz?probe=1"));
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.body.rfind("not ready: ", 0), 0U) << r.body;
  EXPECT_NE(r.body.find("database down"), std::string::npos) << r.body;
  Response alive = h(get("/healthz"));
  EXPECT_EQ(alive.status, 200);
  EXPECT_EQ(alive.body, "ok\n");
}

TEST(Admin, when_metrics_then_registry_rendered_as_text_0_0_4) {
  Registry reg;
  reg.counter("a_total", "A.").inc();
  Handler h = admin_handler(reg, {});
  Response r = h(get("/metrics"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, reg.render());
  EXPECT_NE(header(r, "Content-Type").find("text/plain; version=0.0.4"), std::string::npos);
}

TEST(Admin, when_other_path_or_method_then_404_or_405) {
  Registry reg;
  Handler h = admin_handler(reg, {});
  EXPECT_EQ(h(get("/")).status, 404);
  EXPECT_EQ(h(get("/metricsx")).status, 404);
  EXPECT_EQ(h(get("/metrics", "POST")).status, 405);
}

TEST(Admin, when_served_on_plain_http_then_curlable_endpoints_answer) {
  Registry reg;
  reg.gauge("up_g", "Up.").set({}, 1);
  auto server = Server::start(ServerConfig{}, admin_handler(reg, {}));
  ASSERT_TRUE(server) << server.error().message();
  testing::Client c((*server)->port(), nullptr);
  auto health = c.request(testing::bhttp::verb::get, "/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->result_int(), 200U);
  EXPECT_EQ(health->body(), "ok\n");
  auto metrics = c.request(testing::bhttp::verb::get, "/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_NE(metrics->body().find("up_g 1\n"), std::string::npos);
  auto missing = c.request(testing::bhttp::verb::get, "/nope");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->result_int(), 404U);
}

}  // namespace
}  // namespace smdp::http
