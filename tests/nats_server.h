// SPDX-License-Identifier: Apache-2.0
// A real NATS server with JetStream for one test (test_<module>_nats binaries, label
// `nats`; see smdp_add_test's NATS keyword in tests/CMakeLists.txt): nats-server on a
// free loopback port, its JetStream storage in a fresh temporary directory, started in
// about a tenth of a second. stop() and start() again keep port and storage: a restart
// of the bus, as an operator's would be. Failures throw std::runtime_error: the test
// fails, never skips.
#pragma once

#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace smdp::testing {

class NatsServer {
 public:
  NatsServer() {
    std::string dir = (std::filesystem::temp_directory_path() / "smdpp-nats-XXXXXX").string();
    if (mkdtemp(dir.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    dir_ = dir;
    port_ = free_port();
    start();
  }
  ~NatsServer() {
    stop();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  NatsServer(const NatsServer&) = delete;
  NatsServer& operator=(const NatsServer&) = delete;

  std::string url() const { return "nats://127.0.0.1:" + std::to_string(port_); }

  void start() {
    if (pid_ > 0) return;
    const std::string port = std::to_string(port_);
    const std::string store = (dir_ / "js").string();
    const std::string log = (dir_ / "server.log").string();
    std::vector<std::string> args = {"nats-server", "-js", "-sd", store, "-a",
                                     "127.0.0.1",   "-p",  port,  "-l",  log};
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    const std::string binary = std::filesystem::exists("/usr/sbin/nats-server")
                                   ? "/usr/sbin/nats-server"
                                   : "/usr/bin/nats-server";
    if (posix_spawn(&pid_, binary.c_str(), nullptr, nullptr, argv.data(), environ) != 0)
      throw std::runtime_error("cannot start " + binary + " (package nats-server)");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{10};
    while (!accepts()) {
      if (std::chrono::steady_clock::now() > deadline)
        throw std::runtime_error("nats-server did not listen on " + port + "; see " + log);
      std::this_thread::sleep_for(std::chrono::milliseconds{20});
    }
  }

  void stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = 0;
  }

 private:
  static std::uint16_t free_port() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
        getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0)
      throw std::runtime_error("no free port");
    close(fd);
    return ntohs(a.sin_port);
  }

  bool accepts() const {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(port_);
    const bool ok = fd >= 0 && connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    if (fd >= 0) close(fd);
    return ok;
  }

  std::filesystem::path dir_;
  std::uint16_t port_ = 0;
  pid_t pid_ = 0;
};

}  // namespace smdp::testing
