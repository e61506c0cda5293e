// SPDX-License-Identifier: Apache-2.0
#include "http/process_metrics.h"

#include <sys/resource.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>

namespace smdp::http {
namespace {

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

double resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  unsigned long long size = 0;
  unsigned long long resident = 0;
  if (!(statm >> size >> resident)) return 0;
  return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE));
}

double open_fds() {
  std::error_code ec;
  double n = 0;
  for (std::filesystem::directory_iterator it("/proc/self/fd", ec), end; !ec && it != end;
       it.increment(ec))
    ++n;
  return n;
}

}  // namespace

void register_process_metrics(Registry& registry) {
  Counter& cpu = registry.counter("process_cpu_seconds_total",
                                  "Total user and system CPU time spent in seconds.");
  Gauge& rss = registry.gauge("process_resident_memory_bytes", "Resident memory size in bytes.");
  Gauge& fds = registry.gauge("process_open_fds", "Number of open file descriptors.");
  // The counter only moves forward: each scrape adds what the kernel counted since the
  // previous one (scrapes may run concurrently, hence the lock).
  registry.add_collector([&cpu, &rss, &fds, mutex = std::make_shared<std::mutex>()] {
    const std::scoped_lock lock(*mutex);
    const double now = cpu_seconds();
    cpu.inc({}, now - cpu.value());
    rss.set({}, resident_bytes());
    fds.set({}, open_fds());
  });
}

}  // namespace smdp::http
