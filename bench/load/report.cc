// SPDX-License-Identifier: Apache-2.0
#include "report.h"

#include <sys/resource.h>
#include <sys/utsname.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <thread>

namespace bench {
namespace {

using nlohmann::json;

std::string command_output(const std::string& cmd) {
  std::string out;
  if (FILE* p = ::popen(cmd.c_str(), "r")) {
    char buf[256];
    while (std::fgets(buf, sizeof buf, p) != nullptr) out += buf;
    ::pclose(p);
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

}  // namespace

json machine() {
  utsname u{};
  ::uname(&u);
  return {{"cpu", command_output("sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1")},
          {"cores", std::thread::hardware_concurrency()},
          {"kernel", std::string(u.release)},
          {"openssl", command_output("openssl version")}};
}

std::string commit() {
  const std::string dir = SMDPP_SOURCE_DIR;
  std::string c = command_output("git -C '" + dir + "' rev-parse --short HEAD 2>/dev/null");
  // The results file is tracked and grows with every run: not a change to the code.
  if (!command_output("git -C '" + dir +
                      "' status --porcelain --untracked-files=no -- . ':!bench-results' "
                      "2>/dev/null")
           .empty())
    c += "-dirty";
  return c;
}

json settings_json(const Settings& s) {
  json j = {{"curve", s.curve},
            {"store", s.database.empty() && s.cluster.empty() ? "sqlite" : "postgresql"},
            {"binding", s.binding},
            {"es9_binding", s.es9_binding},
            {"concurrency", s.concurrency},
            {"downloads", s.downloads},
            {"warmup", s.warmup},
            {"duration_s", s.duration_s},
            {"rate", s.rate},
            {"server_cpu", s.server_cpu},
            {"client_cpu", s.client_cpu},
            {"server_threads", s.server_threads}};
  if (!s.cluster.empty()) j["cluster"] = {{"port", s.cluster_port}, {"type", s.profile_type}};
  return j;
}

json load_json(LoadResult& r) {
  json calls;
  for (auto& [function, v] : r.latency_ms)
    calls[function] = {{"count", v.size()},
                       {"p50_ms", quantile(v, 0.50)},
                       {"p95_ms", quantile(v, 0.95)},
                       {"p99_ms", quantile(v, 0.99)},
                       {"max_ms", v.empty() ? 0 : v.back()}};
  unsigned failed = 0;
  for (auto& [k, n] : r.errors) failed += n;
  return {{"completed", r.completed},
          {"failed", failed},
          {"errors", r.errors},
          {"elapsed_s", r.elapsed_s},
          {"downloads_per_s", r.elapsed_s > 0 ? r.completed / r.elapsed_s : 0},
          {"calls", calls}};
}

std::string per_call(const json& load, const char* field) {
  const char* fns[] = {"initiateAuthentication", "authenticateClient", "getBoundProfilePackage",
                       "handleNotification"};
  const auto& calls = load["calls"];
  std::string out;
  for (const char* f : fns) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s%.1f", out.empty() ? "" : " / ",
                  calls.contains(f) ? calls[f][field].get<double>() : 0.0);
    out += buf;
  }
  return out;
}

void print_roles_row(const std::string& setup, unsigned concurrency, const json& r) {
  const json& ms = r["cpu_ms_per_download"];
  auto cell = [&ms](const char* role) {
    char buf[16];
    if (!ms.contains(role)) return std::string("–");
    std::snprintf(buf, sizeof buf, "%.2f", ms[role].get<double>());
    return std::string(buf);
  };
  std::fprintf(stderr,
               "roles-row: | %s | %u | %.1f | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | "
               "%.2f | %.1f | %.1f | %u |\n",
               setup.c_str(), concurrency, r["downloads_per_s"].get<double>(),
               per_call(r, "p99_ms").c_str(), cell("es9").c_str(), cell("es2").c_str(),
               cell("relay").c_str(), cell("dispatcher").c_str(), cell("postgresql").c_str(),
               cell("nats").c_str(), cell("haproxy").c_str(), cell("mno-sim").c_str(),
               cell("server").c_str(), r["client_cpu_ms_per_download"].get<double>(),
               r["db_round_trips_per_download"].get<double>(), r["drained_s"].get<double>(),
               r["failed"].get<unsigned>());
}

double client_cpu_s() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  auto s = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return s(u.ru_utime) + s(u.ru_stime);
}

void write_json(const Settings& s, const json& j) {
  std::cout << j.dump(2) << "\n";
  if (s.json.empty()) return;
  std::ofstream out(s.json, std::ios::app);
  out << j.dump() << "\n";
}

void record(const Settings& s, json& result) {
  result["machine"] = machine();
  result["commit"] = commit();
  result["settings"] = settings_json(s);
  write_json(s, result);
}

}  // namespace bench
