// SPDX-License-Identifier: Apache-2.0
// A tiny HTTPS/1.1 server on 127.0.0.1 for the LPA's HTTPS client tests: real OpenSSL
// TLS with a given certificate and key, one connection at a time, keep-alive, a canned
// answer to every request, and a record of what it received.
#pragma once

#include <openssl/ssl.h>

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "pki/certificate_set.h"

namespace smdp::lpa::testing {

struct ReceivedRequest {
  std::string method;
  std::string path;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string header(const std::string& lower_name) const;
};

class TlsTestServer {
 public:
  explicit TlsTestServer(const pki::Credential& tls);
  ~TlsTestServer();
  TlsTestServer(const TlsTestServer&) = delete;
  TlsTestServer& operator=(const TlsTestServer&) = delete;

  int port() const { return port_; }
  void set_response(int status, std::string body);
  std::vector<ReceivedRequest> requests() const;
  int connections_accepted() const { return connections_.load(); }

 private:
  void serve();
  void handle(int fd);

  SSL_CTX* ctx_ = nullptr;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> connections_{0};
  mutable std::mutex mu_;
  int status_ = 200;
  std::string body_ = "{}";
  std::vector<ReceivedRequest> requests_;
  std::thread thread_;
};

}  // namespace smdp::lpa::testing
