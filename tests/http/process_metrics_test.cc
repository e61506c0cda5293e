// SPDX-License-Identifier: Apache-2.0
#include "http/process_metrics.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <string>

namespace smdp::http {
namespace {

// The value of the unlabelled series `name` in a rendered exposition (0 if absent).
double series(const std::string& text, const std::string& name) {
  const std::size_t at = text.find("\n" + name + " ");
  return at == std::string::npos ? 0 : std::strtod(text.c_str() + at + name.size() + 2, nullptr);
}

double process_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

// Spends `seconds` of CPU time (however long that takes on a loaded machine).
void burn_cpu(double seconds) {
  const double end = process_cpu_seconds() + seconds;
  volatile unsigned long spin = 0;
  while (process_cpu_seconds() < end) spin = spin + 1;
}

TEST(ProcessMetrics, when_scraped_then_cpu_memory_and_fds_of_this_process_are_rendered) {
  Registry registry;
  register_process_metrics(registry);
  const std::string text = registry.render();
  EXPECT_NE(text.find("# TYPE process_cpu_seconds_total counter"), std::string::npos) << text;
  EXPECT_NE(text.find("# TYPE process_resident_memory_bytes gauge"), std::string::npos);
  EXPECT_GT(series(text, "process_resident_memory_bytes"), 1024.0 * 1024.0);
  EXPECT_GE(series(text, "process_open_fds"), 3.0);  // stdin, stdout, stderr at least
  EXPECT_GT(series(text, "process_cpu_seconds_total"), 0.0);
}

TEST(ProcessMetrics, when_cpu_is_spent_between_scrapes_then_the_counter_grows_by_it) {
  Registry registry;
  register_process_metrics(registry);
  const double before = series(registry.render(), "process_cpu_seconds_total");
  burn_cpu(0.2);
  const double after = series(registry.render(), "process_cpu_seconds_total");
  EXPECT_GE(after, before + 0.19);  // the kernel's accounting is exact to a tick or so
}

}  // namespace
}  // namespace smdp::http
