// SPDX-License-Identifier: Apache-2.0
#include "cluster.h"

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "fleet.h"
#include "load.h"
#include "report.h"
#include "server_process.h"
#include "store/sql_store.h"

namespace bench {
namespace fs = std::filesystem;
namespace {

using nlohmann::json;

// The SM-DP+ instances of scripts/cluster.sh: name, role, admin port offset.
struct Instance {
  const char* name;
  const char* role;
  std::uint16_t admin;
};
constexpr Instance kInstances[] = {{"a", "es9", 20},         {"b", "es9", 21},
                                   {"e", "es2", 22},         {"r", "relay", 23},
                                   {"d1", "dispatcher", 24}, {"d2", "dispatcher", 25}};
// The other parts, by their pid file in the cluster directory.
constexpr std::pair<const char*, const char*> kParts[] = {
    {"nats", "nats"}, {"haproxy", "haproxy"}, {"mno", "mno-sim"}};

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "load_bench: %s\n", what.c_str());
  std::exit(1);
}

std::string first_line(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

pid_t pid_in(const std::string& path) {
  const std::string line = first_line(path);
  const long pid = std::strtol(line.c_str(), nullptr, 10);
  if (pid <= 0 || ::kill(static_cast<pid_t>(pid), 0) != 0)
    fail("no running process in " + path + " (is the cluster up?)");
  return static_cast<pid_t>(pid);
}

// /proc/<pid>/stat: the parent and the CPU ticks (utime, stime, cutime, cstime; proc(5)).
struct ProcStat {
  pid_t ppid = 0;
  double own_s = 0;       // utime + stime
  double children_s = 0;  // cutime + cstime: children that exited and were waited for
};

bool proc_stat(pid_t pid, ProcStat& out) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(in, line)) return false;
  const auto paren = line.rfind(')');  // the command name may hold spaces and ')'
  if (paren == std::string::npos) return false;
  std::istringstream fields(line.substr(paren + 2));
  std::vector<std::string> f;  // f[0] is field 3 (state)
  for (std::string w; fields >> w && f.size() < 15;) f.push_back(w);
  if (f.size() < 15) return false;
  static const double tick = static_cast<double>(::sysconf(_SC_CLK_TCK));
  out.ppid = static_cast<pid_t>(std::stol(f[1]));
  out.own_s = (std::stod(f[11]) + std::stod(f[12])) / tick;
  out.children_s = (std::stod(f[13]) + std::stod(f[14])) / tick;
  return true;
}

double resident_mib(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/statm");
  double size = 0;
  double resident = 0;
  in >> size >> resident;
  return resident * static_cast<double>(::sysconf(_SC_PAGESIZE)) / 1048576.0;
}

// The process and its direct children (PostgreSQL: the postmaster and its backends and
// workers), the exited ones included.
void tree(pid_t root, double& cpu_s, double& rss_mib) {
  ProcStat st;
  if (!proc_stat(root, st)) return;
  cpu_s += st.own_s + st.children_s;
  rss_mib += resident_mib(root);
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const std::string name = entry.path().filename();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    const auto pid = static_cast<pid_t>(std::stol(name));
    ProcStat child;
    if (pid == root || !proc_stat(pid, child) || child.ppid != root) continue;
    cpu_s += child.own_s;
    rss_mib += resident_mib(pid);
  }
}

std::unique_ptr<smdp::store::SqlStore> open_store(const std::string& url) {
  auto store = smdp::store::SqlStore::open(url);
  if (!store) fail("open the cluster's store: " + store.error().message());
  return std::move(*store);
}

}  // namespace

Cluster::Cluster(std::string dir, std::uint16_t base_port)
    : dir_(std::move(dir)), base_(base_port) {
  for (const auto& i : kInstances) pid_in(dir_ + "/" + i.name + ".pid");
  for (const auto& [file, role] : kParts) pid_in(dir_ + "/" + file + ".pid");
  pid_in(dir_ + "/pg/data/postmaster.pid");
}

std::string Cluster::database_url() const {
  // scripts/cluster.sh: the cluster's URL names database postgres; the SM-DP+'s is smdp.
  std::string url = first_line(dir_ + "/pg/url");
  const auto at = url.find("/postgres?");
  if (at == std::string::npos) fail("unexpected URL in " + dir_ + "/pg/url");
  return url.replace(at, 10, "/smdp?");
}

ClusterSample Cluster::sample() const {
  ClusterSample out;
  for (const auto& i : kInstances) {
    tree(pid_in(dir_ + "/" + i.name + ".pid"), out.cpu_s[i.role], out.rss_mib[i.role]);
    const auto body = http_get(static_cast<std::uint16_t>(base_ + i.admin), "/metrics");
    if (!body) fail(std::string("instance ") + i.name + "'s /metrics did not answer");
    out.installed += metric(*body, "smdp_downloads_total{result=\"installed\"}");
    out.db_round_trips += metric(*body, "smdp_db_round_trips_total");
    out.db_statements += metric(*body, "smdp_db_statements_total");
  }
  for (const auto& [file, role] : kParts)
    tree(pid_in(dir_ + "/" + file + ".pid"), out.cpu_s[role], out.rss_mib[role]);
  tree(pid_in(dir_ + "/pg/data/postmaster.pid"), out.cpu_s["postgresql"],
       out.rss_mib["postgresql"]);
  return out;
}

double Cluster::wait_drained(double timeout_s) const {
  const auto store = open_store(database_url());
  const auto start = std::chrono::steady_clock::now();
  for (;;) {
    const double waited =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    auto pending = store->list_outbox(smdp::core::OutboxState::pending, 1);
    if (!pending) fail("list the outbox: " + pending.error().message());
    if (pending->empty()) return waited;
    if (waited > timeout_s) return -1;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

std::size_t Cluster::undeliverable() const {
  auto given_up =
      open_store(database_url())->list_outbox(smdp::core::OutboxState::undeliverable, 100000);
  if (!given_up) fail("list the outbox: " + given_up.error().message());
  return given_up->size();
}

int run_cluster(const Settings& s) {
  const Cluster cluster(s.cluster, s.cluster_port);
  const unsigned measured =
      s.duration_s > 0 ? static_cast<unsigned>(s.duration_s * (s.rate > 0 ? s.rate * 1.2 : 400))
                       : s.downloads;
  std::fprintf(stderr, "load_bench: releasing %u orders of %s on the cluster's database\n",
               s.warmup + measured, s.profile_type.c_str());
  const auto codes = release_orders(cluster.database_url(), s.profile_type, s.warmup + measured);
  // The cluster's database remembers every earlier run's notifications (a repeated EID
  // and seqNumber is a replay): this run's eUICCs are numbered from the clock, in
  // microseconds times 10^4 (22 digits hold it), so runs started 1 µs apart or more
  // cannot share an EID below 10^4 downloads each.
  const auto now_us = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::system_clock::now().time_since_epoch());
  const Fleet fleet(cluster.pki_dir(), s.curve,
                    static_cast<std::uint64_t>(now_us.count()) * 10'000);
  const auto cis = trusted_cis(cluster.pki_dir());
  const auto es9 =
      s.es9_binding == "asn1" ? smdp::lpa::Es9Binding::asn1 : smdp::lpa::Es9Binding::json;

  LoadPlan warm{&codes, 0, s.warmup, 0, 0, s.concurrency, es9};
  if (const auto w = run_load(warm, fleet, cis, cluster.es9_port()); w.completed != s.warmup)
    std::fprintf(stderr, "load_bench: %u of %u warm-up downloads failed\n", s.warmup - w.completed,
                 s.warmup);
  if (cluster.wait_drained(120) < 0) fail("the warm-up's callbacks did not drain in 120 s");
  const ClusterSample before = cluster.sample();
  const double client_before = client_cpu_s();
  LoadPlan plan{&codes,        s.warmup, s.duration_s > 0 ? 0 : measured, s.duration_s, s.rate,
                s.concurrency, es9};
  LoadResult r = run_load(plan, fleet, cis, cluster.es9_port());
  const double client = client_cpu_s() - client_before;
  // The callbacks of the measured downloads are part of their cost: the CPU is read
  // once the relay and the dispatchers have delivered them all.
  const double drained = cluster.wait_drained(300);
  const ClusterSample after = cluster.sample();

  json result = load_json(r);
  const double n = r.completed;
  const double recorded = after.installed - before.installed;
  if (n != recorded)
    result["errors"]["server recorded " + std::to_string(static_cast<long>(recorded)) + " of " +
                     std::to_string(r.completed) + " installations"] = 1;
  if (drained < 0) result["errors"]["outbox not drained in 300 s"] = 1;
  if (const auto given_up = cluster.undeliverable(); given_up != 0)
    result["errors"]["outbox messages undeliverable"] = given_up;
  unsigned failed = 0;
  for (const auto& [k, v] : result["errors"].items()) failed += v.get<unsigned>();
  result["failed"] = failed;

  json cpu_ms;
  json cpu_s;
  json rss;
  double server = 0;
  for (const auto& [role, seconds] : after.cpu_s) {
    const double spent = seconds - before.cpu_s.at(role);
    cpu_s[role] = spent;
    cpu_ms[role] = n > 0 ? 1000 * spent / n : 0;
    rss[role] = after.rss_mib.at(role);
    if (role != "mno-sim") server += spent;  // the operator's endpoint is not the SM-DP+'s
  }
  cpu_ms["server"] = n > 0 ? 1000 * server / n : 0;
  result["kind"] = "load_cluster";
  result["server_recorded"] = recorded;
  result["drained_s"] = drained;
  result["cpu_s"] = cpu_s;
  result["cpu_ms_per_download"] = cpu_ms;
  result["rss_mib"] = rss;
  result["client_cpu_ms_per_download"] = n > 0 ? 1000 * client / n : 0;
  result["db_round_trips_per_download"] =
      n > 0 ? (after.db_round_trips - before.db_round_trips) / n : 0;
  result["db_statements_per_download"] =
      n > 0 ? (after.db_statements - before.db_statements) / n : 0;
  record(s, result);
  std::fprintf(stderr,
               "load_bench: cluster c=%u: %.1f downloads/s, server %.3f ms CPU/download over "
               "all roles, errors %u\n",
               s.concurrency, result["downloads_per_s"].get<double>(),
               cpu_ms["server"].get<double>(), failed);
  print_roles_row("cluster: 2 ES9+ fronts behind HAProxy, PostgreSQL, NATS", s.concurrency, result);
  return 0;
}

}  // namespace bench
