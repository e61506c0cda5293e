// SPDX-License-Identifier: Apache-2.0
#include "settings.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <limits>

#include "cli/run.h"

namespace bench {
namespace {

constexpr const char* kDescription = R"(Runs simulated eUICCs (a new one, with its own EID and
certificate, per download) through complete downloads (initiateAuthentication,
authenticateClient, getBoundProfilePackage, handleNotification) against `smdpp serve` over
HTTPS, one TLS connection per download kept alive across its four calls, like an LPA.
Prints and appends to --json: downloads/s, p50/p95/p99/max per ES9+ call, errors by
reason code, the server's CPU seconds per download (its process_cpu_seconds_total),
memory samples, and the crypto floor.
)";

}  // namespace

bool parse_settings(int argc, char** argv, Settings& s, int& rc) {
  CLI::App app(kDescription, "load_bench");
  app.set_config("--config", "", "read options from a TOML/INI file");
  app.add_option("--smdpp", s.smdpp, "the smdpp binary (required unless --floor-only)");
  app.add_option("--testdata", s.testdata,
                 "test data directory, for the TS.48 v7 template (the default is the "
                 "repository's when run from its root)")
      ->capture_default_str();
  app.add_option("--work", s.work,
                 "a fresh directory for the server's data (required unless --floor-only)");
  app.add_option("--database", s.database,
                 "an empty PostgreSQL database (postgresql://...) instead of SQLite in --work");
  app.add_option("--curve", s.curve, "eUICC curve")
      ->check(CLI::IsMember({"nist", "brp"}))
      ->capture_default_str();
  app.add_option("--binding", s.binding, "server binding mode (ppk: all packages pre-computed)")
      ->check(CLI::IsMember({"session-keys", "ppk"}))
      ->capture_default_str();
  app.add_option("--es9-binding", s.es9_binding, "ES9+ binding: json (SGP.22 6.5) or asn1 (6.6)")
      ->check(CLI::IsMember({"json", "asn1"}))
      ->capture_default_str();
  app.add_option("--concurrency", s.concurrency, "downloads in flight")
      ->check(CLI::Range(1u, std::numeric_limits<unsigned>::max()))
      ->capture_default_str();
  app.add_option("--downloads", s.downloads, "measured downloads")->capture_default_str();
  app.add_option("--warmup", s.warmup, "downloads before measuring")->capture_default_str();
  app.add_option("--duration", s.duration_s, "measure for S seconds instead of a count");
  app.add_option("--rate", s.rate, "start R downloads per second (default: as fast as possible)");
  app.add_option("--server-cpu", s.server_cpu, "pin smdpp serve to CPU C");
  app.add_option("--client-cpu", s.client_cpu, "pin this generator to CPU C");
  app.add_option("--server-threads", s.server_threads, "smdpp serve --threads");
  app.add_option("--port", s.port, "ES9+ port")->capture_default_str();
  app.add_option("--admin-port", s.admin_port, "admin port (/metrics, /healthz)")
      ->capture_default_str();
  app.add_option("--sample", s.sample_s, "server memory sampling period, seconds")
      ->capture_default_str();
  app.add_option("--json", s.json, "append the results as one JSON line");
  app.add_option("--server-prefix", s.server_prefix,
                 "run the server under CMD (space-separated words), e.g. "
                 "'valgrind --tool=callgrind' to count its instructions");
  app.add_option("--cluster", s.cluster,
                 "load a running local cluster (scripts/cluster.sh up) through its HAProxy "
                 "instead of starting smdpp serve; CPU per role from /proc");
  app.add_option("--cluster-port", s.cluster_port, "the cluster's SMDPP_CLUSTER_PORT")
      ->capture_default_str();
  app.add_option("--profile-type", s.profile_type, "the cluster's profile type to order")
      ->capture_default_str();
  app.add_flag("--floor-only", s.floor_only, "only measure the crypto floor of both curves");
  app.add_option("--floor-iterations", s.floor_iterations, "repetitions per floor operation")
      ->capture_default_str();
  if (auto exit_code = smdp::cli::parse(app, argc, argv)) {
    rc = *exit_code;
    return false;
  }
  rc = 2;
  if (!s.floor_only && s.cluster.empty() && (s.smdpp.empty() || s.work.empty())) {
    std::fprintf(stderr, "load_bench: --smdpp and --work (or --cluster) are required\n%s",
                 app.help().c_str());
    return false;
  }
  // The setup runs commands in the work directory: make the paths absolute.
  for (std::string* path : {&s.smdpp, &s.testdata, &s.work, &s.json, &s.cluster})
    if (!path->empty()) *path = std::filesystem::absolute(*path).string();
  return true;
}

}  // namespace bench
