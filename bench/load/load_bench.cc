// SPDX-License-Identifier: Apache-2.0
// load_bench: the SM-DP+'s throughput, latency and CPU cost per download against the
// crypto floor (issue 6; how to run it and the results: BENCHMARKS.md).
//
//   load_bench --smdpp build/apps/smdpp/smdpp --testdata testdata
//              --work /tmp/bench --curve nist --binding session-keys --concurrency 8
//
// Steps: prepare a fresh data directory (server_process.h), load the EUM that issues
// one eUICC per download (fleet.h), start `smdpp serve`, run the warm-up downloads, read the
// server's CPU counter, run the measured downloads (load.h) while sampling the server's memory,
// read the counter again, stop the server, measure the crypto floor (crypto_floor.h)
// for the curve, print a summary and append one JSON line to --json.
// With --cluster DIR the target is a running local cluster instead (cluster.h).
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "cluster.h"
#include "crypto_floor.h"
#include "fleet.h"
#include "load.h"
#include "report.h"
#include "server_process.h"
#include "settings.h"

namespace bench {
namespace {

using nlohmann::json;

json floor_json(const CryptoFloor& f) {
  return {{"curve", f.curve},
          {"op_us", f.op_us},
          {"tls_us", f.tls_us},
          {"es9_session_keys_us", f.es9_session_keys_us},
          {"es9_ppk_us", f.es9_ppk_us}};
}

std::size_t template_bytes(const Settings& s) {
  std::error_code ec;
  const auto n = std::filesystem::file_size(
      s.testdata + "/profiles/gsma-ts48-v7/TS48_V7.0_eSIM_GTP_SAIP2.3_NoBERTLV.der", ec);
  return ec ? 12'000 : static_cast<std::size_t>(n);
}

int floor_only(const Settings& s) {
  json j = {{"kind", "crypto_floor"}, {"machine", machine()}, {"commit", commit()}};
  for (const char* curve : {"nist", "brp"})
    j["floor"][curve] =
        floor_json(measure_crypto_floor(curve, template_bytes(s), s.floor_iterations));
  write_json(s, j);
  return 0;
}

// Samples the server's memory and CPU every `period` until stopped.
class Sampler {
 public:
  Sampler(const ServerProcess& server, double period)
      : thread_([this, &server, period] {
          const auto start = std::chrono::steady_clock::now();
          std::unique_lock lock(mutex_);
          do {
            lock.unlock();
            const auto sample = server.sample();
            const double t =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            lock.lock();
            if (sample)
              samples_.push_back({{"t_s", t},
                                  {"rss_mib", sample->resident_bytes / 1048576.0},
                                  {"cpu_s", sample->cpu_seconds},
                                  {"fds", sample->open_fds}});
          } while (
              !cv_.wait_for(lock, std::chrono::duration<double>(period), [this] { return stop_; }));
        }) {}
  json stop() {
    {
      const std::scoped_lock lock(mutex_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
    return samples_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stop_ = false;
  json samples_ = json::array();
  std::thread thread_;
};

// One Markdown table row (BENCHMARKS.md) on stderr, prefixed "row:":
// | curve (ES9+ binding) | binding | concurrency | rate | pinned | downloads/s | server ms
// CPU/download | floor ms | ratio | p99 ms per call (iA / aC / gBPP / hN) | max ms (same) | errors
// | RSS MiB |
// ", PostgreSQL, N round trips" after the curve on PostgreSQL.
std::string store_cell(const Settings& s, const json& r) {
  if (s.database.empty()) return {};
  char buf[64];
  std::snprintf(buf, sizeof buf, ", PostgreSQL, %.1f round trips",
                r["db_round_trips_per_download"].get<double>());
  return buf;
}

void print_table_row(const Settings& s, const json& r) {
  const std::string rate = s.rate > 0 ? std::to_string(static_cast<int>(s.rate)) + "/s" : "max";
  const std::string pinned = s.server_cpu >= 0 ? "yes" : "no";
  std::fprintf(
      stderr, "row: | %s | %s | %u | %s | %s | %.1f | %.2f | %.2f | %.1f | %s | %s | %u | %.0f |\n",
      ((s.curve == "nist" ? "P-256" : "brainpoolP256r1") +
       std::string(s.es9_binding == "asn1" ? " (ASN.1)" : "") + store_cell(s, r))
          .c_str(),
      s.binding.c_str(), s.concurrency, rate.c_str(), pinned.c_str(),
      r["downloads_per_s"].get<double>(), r["server_cpu_ms_per_download"].get<double>(),
      r["crypto_floor_ms"].get<double>(), r["cpu_over_floor"].get<double>(),
      per_call(r, "p99_ms").c_str(), per_call(r, "max_ms").c_str(), r["failed"].get<unsigned>(),
      r["server_rss_mib_end"].get<double>());
}

int run(const Settings& s) {
  // Orders: the warm-up, the count, or (for a duration) a generous upper bound.
  const unsigned measured =
      s.duration_s > 0 ? static_cast<unsigned>(s.duration_s * (s.rate > 0 ? s.rate * 1.2 : 400))
                       : s.downloads;
  std::fprintf(stderr, "load_bench: preparing %u orders in %s\n", s.warmup + measured,
               s.work.c_str());
  const auto codes = prepare_server_data(s, s.warmup + measured);
  const Fleet fleet(s.work + "/var/pki", s.curve);
  const auto cis = trusted_cis(s.work + "/var/pki");
  if (s.client_cpu >= 0 && !pin_to_cpu(s.client_cpu))
    std::fprintf(stderr, "load_bench: cannot pin to CPU %d\n", s.client_cpu);

  json result;
  {
    const ServerProcess server(s);
    const auto es9 =
        s.es9_binding == "asn1" ? smdp::lpa::Es9Binding::asn1 : smdp::lpa::Es9Binding::json;
    LoadPlan warm{&codes, 0, s.warmup, 0, 0, s.concurrency, es9};
    const auto w = run_load(warm, fleet, cis, s.port);
    if (w.completed != s.warmup)
      std::fprintf(stderr, "load_bench: %u of %u warm-up downloads failed\n",
                   s.warmup - w.completed, s.warmup);
    const auto before = server.sample();
    const double client_before = client_cpu_s();
    Sampler sampler(server, s.sample_s);
    LoadPlan plan{&codes,        s.warmup, s.duration_s > 0 ? 0 : measured, s.duration_s, s.rate,
                  s.concurrency, es9};
    auto r = run_load(plan, fleet, cis, s.port);
    const double client = client_cpu_s() - client_before;
    const auto after = server.sample();
    const json samples = sampler.stop();
    if (!before || !after) {
      std::fprintf(stderr, "load_bench: the server's /metrics did not answer\n");
      return 1;
    }
    const double cpu = after->cpu_seconds - before->cpu_seconds;
    // What the client counts as installed must be what the server recorded (each
    // installation notification processed, smdp_downloads_total{result="installed"}).
    const double recorded = after->installed - before->installed;
    if (static_cast<double>(r.completed) != recorded)
      r.errors["server recorded " + std::to_string(static_cast<long>(recorded)) + " of " +
               std::to_string(r.completed) + " installations"] += 1;
    const double n = r.completed;
    result = load_json(r);
    result["kind"] = "load";
    result["server_recorded"] = recorded;
    result["server_cpu_s"] = cpu;
    result["server_cpu_ms_per_download"] = n > 0 ? 1000 * cpu / n : 0;
    // The one process runs every role (BENCHMARKS.md's cluster table compares).
    result["cpu_ms_per_download"] = {{"es9", result["server_cpu_ms_per_download"]},
                                     {"server", result["server_cpu_ms_per_download"]}};
    result["client_cpu_ms_per_download"] = n > 0 ? 1000 * client / n : 0;
    result["drained_s"] = 0;
    result["db_round_trips_per_download"] =
        n > 0 ? (after->db_round_trips - before->db_round_trips) / n : 0;
    result["db_statements_per_download"] =
        n > 0 ? (after->db_statements - before->db_statements) / n : 0;
    result["server_rss_mib_end"] = after->resident_bytes / 1048576.0;
    result["samples"] = samples;
  }
  const CryptoFloor f = measure_crypto_floor(s.curve, template_bytes(s), s.floor_iterations);
  const double floor_ms = f.total_us(s.binding == "ppk") / 1000;
  result["crypto_floor"] = floor_json(f);
  result["crypto_floor_ms"] = floor_ms;
  result["cpu_over_floor"] = result["server_cpu_ms_per_download"].get<double>() / floor_ms;
  record(s, result);
  std::fprintf(stderr,
               "load_bench: %s %s c=%u: %.1f downloads/s, server %.3f ms CPU/download, floor "
               "%.3f ms, ratio %.2f, errors %u\n",
               s.curve.c_str(), s.binding.c_str(), s.concurrency,
               result["downloads_per_s"].get<double>(),
               result["server_cpu_ms_per_download"].get<double>(), floor_ms,
               result["cpu_over_floor"].get<double>(), result["failed"].get<unsigned>());
  print_table_row(s, result);
  print_roles_row(std::string("single process, ") + (s.database.empty() ? "SQLite" : "PostgreSQL"),
                  s.concurrency, result);
  return 0;
}

}  // namespace
}  // namespace bench

int main(int argc, char** argv) try {
  bench::Settings s;
  int rc = 0;
  if (!bench::parse_settings(argc, argv, s, rc)) return rc;
  if (s.floor_only) return bench::floor_only(s);
  return s.cluster.empty() ? bench::run(s) : bench::run_cluster(s);
} catch (const std::exception& e) {
  std::fprintf(stderr, "load_bench: %s\n", e.what());
  return 1;
}
