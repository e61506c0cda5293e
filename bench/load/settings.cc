// SPDX-License-Identifier: Apache-2.0
#include "settings.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string_view>

namespace bench {
namespace {

constexpr const char* kUsage = R"(usage: load_bench --smdpp PATH --testdata DIR --work DIR [options]

Runs simulated eUICCs (a new one, with its own EID and certificate, per download) through complete
downloads (initiateAuthentication, authenticateClient, getBoundProfilePackage,
handleNotification) against `smdpp serve` over HTTPS, one TLS connection per download
kept alive across its four calls, like an LPA. Prints and appends to --json: downloads/s,
p50/p95/p99/max per ES9+ call, errors by reason code, the server's CPU seconds per
download (its process_cpu_seconds_total), memory samples, and the crypto floor.

  --curve nist|brp          eUICC curve (default nist)
  --binding session-keys|ppk  server binding mode (ppk: all packages pre-computed)
  --concurrency N           downloads in flight (default 8)
  --downloads N             measured downloads (default 200)
  --warmup N                downloads before measuring (default 16)
  --duration S              measure for S seconds instead of a count
  --rate R                  start R downloads per second (default: as fast as possible)
  --server-cpu C            pin smdpp serve to CPU C
  --client-cpu C            pin this generator to CPU C
  --server-threads N        smdpp serve --threads
  --port P / --admin-port P ES9+ and admin ports (default 18443 / 18080)
  --sample S                server memory sampling period, seconds (default 5)
  --json FILE               append the results as one JSON line
  --server-prefix 'CMD ...' run the server under CMD (space-separated words), e.g.
                            'valgrind --tool=callgrind' to count its instructions
  --floor-only              only measure the crypto floor of both curves
  --floor-iterations N      repetitions per floor operation (default 2000)
)";

}  // namespace

bool parse_settings(int argc, char** argv, Settings& s, int& rc) {
  rc = 2;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--help") {
      std::fputs(kUsage, stdout);
      rc = 0;
      return false;
    }
    if (a == "--floor-only") {
      s.floor_only = true;
      continue;
    }
    if (i + 1 >= argc) {
      std::fprintf(stderr, "load_bench: %s needs a value\n%s", argv[i], kUsage);
      return false;
    }
    const std::string v = argv[++i];
    auto number = [&v] { return std::strtod(v.c_str(), nullptr); };
    auto count = [&v] { return static_cast<unsigned>(std::strtoul(v.c_str(), nullptr, 10)); };
    if (a == "--smdpp")
      s.smdpp = v;
    else if (a == "--testdata")
      s.testdata = v;
    else if (a == "--work")
      s.work = v;
    else if (a == "--curve")
      s.curve = v;
    else if (a == "--binding")
      s.binding = v;
    else if (a == "--concurrency")
      s.concurrency = count();
    else if (a == "--downloads")
      s.downloads = count();
    else if (a == "--warmup")
      s.warmup = count();
    else if (a == "--duration")
      s.duration_s = number();
    else if (a == "--rate")
      s.rate = number();
    else if (a == "--server-cpu")
      s.server_cpu = static_cast<int>(count());
    else if (a == "--client-cpu")
      s.client_cpu = static_cast<int>(count());
    else if (a == "--server-threads")
      s.server_threads = count();
    else if (a == "--port")
      s.port = static_cast<std::uint16_t>(count());
    else if (a == "--admin-port")
      s.admin_port = static_cast<std::uint16_t>(count());
    else if (a == "--sample")
      s.sample_s = number();
    else if (a == "--json")
      s.json = v;
    else if (a == "--server-prefix")
      s.server_prefix = v;
    else if (a == "--floor-iterations")
      s.floor_iterations = count();
    else {
      std::fprintf(stderr, "load_bench: unknown option %s\n%s", argv[i - 1], kUsage);
      return false;
    }
  }
  if (s.curve != "nist" && s.curve != "brp") {
    std::fprintf(stderr, "load_bench: --curve is nist or brp\n");
    return false;
  }
  if (s.binding != "session-keys" && s.binding != "ppk") {
    std::fprintf(stderr, "load_bench: --binding is session-keys or ppk\n");
    return false;
  }
  if (!s.floor_only && (s.smdpp.empty() || s.testdata.empty() || s.work.empty())) {
    std::fprintf(stderr, "load_bench: --smdpp, --testdata and --work are required\n%s", kUsage);
    return false;
  }
  // The setup runs commands in the work directory: make the paths absolute.
  for (std::string* path : {&s.smdpp, &s.testdata, &s.work, &s.json})
    if (!path->empty()) *path = std::filesystem::absolute(*path).string();
  if (s.concurrency == 0) {
    std::fprintf(stderr, "load_bench: --concurrency must be positive\n");
    return false;
  }
  return true;
}

}  // namespace bench
