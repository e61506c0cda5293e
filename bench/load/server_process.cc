// SPDX-License-Identifier: Apache-2.0
#include "server_process.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string_view>
#include <thread>

#include "core/clock.h"
#include "core/orders.h"
#include "core/profile_registration.h"
#include "crypto/rng.h"
#include "store/sql_store.h"

namespace bench {
namespace fs = std::filesystem;
namespace {

const std::string kType = "bench";
constexpr const char* kAddress = "testsmdpplus1.example.com";

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "load_bench: %s\n", what.c_str());
  std::exit(1);
}

// Runs `smdpp ARGS` in <work>, so its data directory is the default <work>/var (output
// to <work>/setup.log), on --database when given (SMDPP_DATABASE).
void smdpp(const Settings& s, const std::string& args) {
  const std::string database = s.database.empty() ? "" : "SMDPP_DATABASE='" + s.database + "' ";
  const std::string cmd =
      "cd '" + s.work + "' && " + database + "'" + s.smdpp + "' " + args + " >>setup.log 2>&1";
  if (std::system(cmd.c_str()) != 0) fail("setup step failed: " + cmd + " (see setup.log)");
}

}  // namespace

std::vector<std::string> prepare_server_data(const Settings& s, unsigned orders) {
  std::error_code ec;
  fs::remove_all(s.work, ec);
  fs::create_directories(s.work + "/var", ec);
  if (ec) fail("cannot create " + s.work + ": " + ec.message());
  if (!s.database.empty()) smdpp(s, "db migrate");
  smdpp(s, "pki init --out var/pki");
  smdpp(s, "keys init");
  smdpp(s, "template add --name ts48v7 --package '" + s.testdata +
               "/profiles/gsma-ts48-v7/TS48_V7.0_eSIM_GTP_SAIP2.3_NoBERTLV.der'");
  const std::string precompute =
      s.binding == "ppk" ? " --precompute " + std::to_string(orders) : std::string();
  smdpp(s, "type add --name " + kType +
               " --template ts48v7 --variables iccid,imsi,ki,opc,pin1,puk1"
               " --service-provider Bench --profile-name Bench" +
               precompute);
  const fs::path script = fs::path(SMDPP_SOURCE_DIR) / "scripts" / "gen_subscriptions.sh";
  const std::string csv = s.work + "/subscriptions.csv";
  const std::string gen =
      "bash '" + script.string() + "' " + std::to_string(orders) + " >'" + csv + "'";
  if (std::system(gen.c_str()) != 0) fail("gen_subscriptions.sh failed");
  smdpp(s, "inventory import --type " + kType + " --csv '" + csv + "' --no-progress");
  if (s.binding == "ppk") smdpp(s, "inventory precompute --type " + kType);
  return release_orders(s.database.empty() ? s.work + "/var/smdpp.db" : s.database, kType, orders);
}

std::vector<std::string> release_orders(const std::string& store_url,
                                        const std::string& profile_type, unsigned orders) {
  auto store = smdp::store::SqlStore::open(store_url);
  if (!store) fail("open store: " + store.error().message());
  const smdp::core::SystemClock clock;
  std::vector<std::string> codes;
  codes.reserve(orders);
  for (unsigned i = 0; i < orders; ++i) {
    smdp::core::DownloadOrderRequest order;
    order.profile_type = profile_type;
    auto allocated = smdp::core::download_order(**store, **store, order, clock);
    if (!allocated) fail("downloadOrder: " + allocated.error().message());
    smdp::core::ConfirmOrderRequest confirm;
    confirm.iccid = allocated->iccid;
    auto released =
        smdp::core::confirm_order(**store, **store, confirm, smdp::crypto::system_rng(), clock);
    if (!released) fail("confirmOrder: " + released.error().message());
    codes.push_back(smdp::core::activation_code(*released, kAddress));
  }
  return codes;
}

double metric(std::string_view body, std::string_view name) {
  std::size_t at = 0;
  while ((at = body.find(name, at)) != std::string_view::npos) {
    const bool line_start = at == 0 || body[at - 1] == '\n';
    const std::size_t after = at + name.size();
    if (line_start && after < body.size() && body[after] == ' ')
      return std::strtod(std::string(body.substr(after + 1, 32)).c_str(), nullptr);
    at = after;
  }
  return 0;
}

std::optional<std::string> http_get(std::uint16_t port, const std::string& path) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return std::nullopt;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval timeout{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  std::string response;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    const std::string request = "GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
    if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) ==
        static_cast<ssize_t>(request.size())) {
      char buf[16384];
      ssize_t n = 0;
      while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0)
        response.append(buf, static_cast<std::size_t>(n));
    }
  }
  ::close(fd);
  if (!response.starts_with("HTTP/1.1 200") && !response.starts_with("HTTP/1.0 200"))
    return std::nullopt;
  const std::size_t body = response.find("\r\n\r\n");
  return body == std::string::npos ? std::string() : response.substr(body + 4);
}

bool pin_to_cpu(int cpu) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(static_cast<unsigned>(cpu), &set);
  return sched_setaffinity(0, sizeof set, &set) == 0;
}

ServerProcess::ServerProcess(const Settings& s) : settings_(s) {
  std::vector<std::string> args;
  for (std::size_t at = 0; at < s.server_prefix.size();) {
    const std::size_t end = std::min(s.server_prefix.find(' ', at), s.server_prefix.size());
    if (end > at) args.push_back(s.server_prefix.substr(at, end - at));
    at = end + 1;
  }
  const std::vector<std::string> serve = {
      s.smdpp,          "serve",
      "--data-dir",     s.work + "/var",
      "--listen",       "127.0.0.1:" + std::to_string(s.port),
      "--admin-listen", "127.0.0.1:" + std::to_string(s.admin_port),
      "--es2-listen",   "off",
      "--binding",      s.binding,
      "--housekeeping", "0"};
  args.insert(args.end(), serve.begin(), serve.end());
  if (!s.database.empty()) {
    args.emplace_back("--database");
    args.push_back(s.database);
  }
  if (s.server_threads != 0) {
    args.emplace_back("--threads");
    args.push_back(std::to_string(s.server_threads));
  }
  const std::string log = s.work + "/serve.log";
  pid_ = ::fork();
  if (pid_ < 0) fail("fork failed");
  if (pid_ == 0) {
    if (s.server_cpu >= 0 && !pin_to_cpu(s.server_cpu)) std::_Exit(126);
    if (std::freopen(log.c_str(), "w", stdout) == nullptr ||
        std::freopen(log.c_str(), "a", stderr) == nullptr)
      std::_Exit(126);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execvp(argv[0], argv.data());
    std::_Exit(127);
  }
  for (int i = 0; i < 300; ++i) {
    if (http_get(s.admin_port, "/healthz")) return;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      fail("smdpp serve exited at start (see " + log + ")");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  fail("smdpp serve did not answer /healthz within 30 s");
}

ServerProcess::~ServerProcess() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  int status = 0;
  ::waitpid(pid_, &status, 0);
}

std::optional<ProcessSample> ServerProcess::sample() const {
  auto body = http_get(settings_.admin_port, "/metrics");
  if (!body) return std::nullopt;
  return ProcessSample{metric(*body, "process_cpu_seconds_total"),
                       metric(*body, "process_resident_memory_bytes"),
                       metric(*body, "process_open_fds"),
                       metric(*body, "smdp_downloads_total{result=\"installed\"}"),
                       metric(*body, "smdp_db_round_trips_total"),
                       metric(*body, "smdp_db_statements_total")};
}

}  // namespace bench
