// SPDX-License-Identifier: Apache-2.0
// Prometheus text format 0.0.4 rendering of the metrics registry (src/http/metrics.h).
#include "http/metrics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <thread>
#include <vector>

namespace smdp::http {
namespace {

TEST(Metrics, when_counter_has_labels_then_render_lists_each_series_with_help_and_type) {
  Registry reg;
  Counter& c = reg.counter("smdp_es9_requests_total", "ES9+ requests.", {"function", "code"});
  c.inc({"initiateAuthentication", "200"});
  c.inc({"initiateAuthentication", "200"}, 2);
  c.inc({"authenticateClient", "500"});
  c.inc({"authenticateClient", "500"}, -5);  // ignored: counters only go up
  EXPECT_EQ(reg.render(),
            "# HELP smdp_es9_requests_total ES9+ requests.\n"
            "# TYPE smdp_es9_requests_total counter\n"
            "smdp_es9_requests_total{function=\"authenticateClient\",code=\"500\"} 1\n"
            "smdp_es9_requests_total{function=\"initiateAuthentication\",code=\"200\"} 3\n");
}

TEST(Metrics, when_label_value_has_quote_backslash_newline_then_they_are_escaped) {
  Registry reg;
  reg.counter("x_total", "Help with \\ and\nnewline.", {"v"}).inc({"a\"b\\c\nd"});
  EXPECT_EQ(reg.render(),
            "# HELP x_total Help with \\\\ and\\nnewline.\n"
            "# TYPE x_total counter\n"
            "x_total{v=\"a\\\"b\\\\c\\nd\"} 1\n");
}

TEST(Metrics, when_histogram_observes_then_buckets_are_cumulative_with_sum_and_count) {
  Registry reg;
  Histogram& h = reg.histogram("lat_seconds", "Latency.", {"f"}, {0.1, 1, 2.5});
  h.observe({"a"}, 0.05);
  h.observe({"a"}, 0.1);  // le is inclusive
  h.observe({"a"}, 2);
  h.observe({"a"}, 30);
  EXPECT_EQ(reg.render(),
            "# HELP lat_seconds Latency.\n"
            "# TYPE lat_seconds histogram\n"
            "lat_seconds_bucket{f=\"a\",le=\"0.1\"} 2\n"
            "lat_seconds_bucket{f=\"a\",le=\"1\"} 2\n"
            "lat_seconds_bucket{f=\"a\",le=\"2.5\"} 3\n"
            "lat_seconds_bucket{f=\"a\",le=\"+Inf\"} 4\n"
            "lat_seconds_sum{f=\"a\"} 32.15\n"
            "lat_seconds_count{f=\"a\"} 4\n");
}

TEST(Metrics, when_gauge_and_unlabelled_counter_then_no_braces) {
  Registry reg;
  Gauge& g = reg.gauge("open_sessions", "Open sessions.");
  g.inc();
  g.inc();
  g.dec();
  reg.counter("downloads_total", "Downloads.").inc();
  EXPECT_EQ(reg.render(),
            "# HELP open_sessions Open sessions.\n# TYPE open_sessions gauge\nopen_sessions 1\n"
            "# HELP downloads_total Downloads.\n# TYPE downloads_total counter\n"
            "downloads_total 1\n");
}

TEST(Metrics, when_registered_twice_then_same_family_or_error_if_different) {
  Registry reg;
  Counter& a = reg.counter("c_total", "C.", {"x"});
  EXPECT_EQ(&a, &reg.counter("c_total", "C.", {"x"}));
  EXPECT_THROW(reg.counter("c_total", "C.", {"y"}), std::invalid_argument);
  EXPECT_THROW(reg.gauge("c_total", "C."), std::invalid_argument);
  EXPECT_THROW(reg.counter("bad-name", "C."), std::invalid_argument);
  EXPECT_THROW(reg.counter("ok_total", "C.", {"le"}), std::invalid_argument);
  EXPECT_THROW(reg.histogram("h", "H.", {}, {1, 0.5}), std::invalid_argument);
  EXPECT_THROW(a.inc({}), std::invalid_argument);  // wrong number of label values
}

TEST(Metrics, when_incremented_from_many_threads_then_no_update_is_lost) {
  Registry reg;
  Counter& c = reg.counter("n_total", "N.", {"t"});
  Histogram& h = reg.histogram("h_seconds", "H.");
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10000; ++i) {
        c.inc({"x"});
        h.observe({}, 0.002);
      }
    });
  }
  for (int i = 0; i < 100; ++i) (void)reg.render();  // concurrent with the writers
  for (auto& t : threads) t.join();
  EXPECT_EQ(c.value({"x"}), 40000);
  EXPECT_NE(reg.render().find("h_seconds_count 40000\n"), std::string::npos);
}

TEST(Metrics, when_value_is_special_then_prometheus_spelling) {
  EXPECT_EQ(format_value(0.25), "0.25");
  EXPECT_EQ(format_value(1e300 * 1e300), "+Inf");
  EXPECT_EQ(format_value(-1e300 * 1e300), "-Inf");
  EXPECT_EQ(format_value(std::nan("")), "NaN");
}

}  // namespace
}  // namespace smdp::http
