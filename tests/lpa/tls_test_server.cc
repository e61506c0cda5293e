// SPDX-License-Identifier: Apache-2.0
// See tls_test_server.h.
#include "tls_test_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <csignal>
#include <stdexcept>

namespace smdp::lpa::testing {

std::string ReceivedRequest::header(const std::string& lower_name) const {
  for (const auto& [k, v] : headers) {
    if (k == lower_name) return v;
  }
  return {};
}

TlsTestServer::TlsTestServer(const pki::Credential& tls) {
  // A client that drops the connection mid-handshake must not kill the test binary.
  std::signal(SIGPIPE, SIG_IGN);
  ctx_ = SSL_CTX_new(TLS_server_method());
  if (ctx_ == nullptr || SSL_CTX_use_certificate(ctx_, tls.cert.x509()) != 1 ||
      SSL_CTX_use_PrivateKey(ctx_, tls.key.pkey()) != 1)
    throw std::runtime_error("TLS server context");
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (listen_fd_ < 0 || ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), len) != 0 ||
      ::listen(listen_fd_, 8) != 0 ||
      ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
    throw std::runtime_error("listen");
  port_ = ntohs(addr.sin_port);
  thread_ = std::thread([this] { serve(); });
}

TlsTestServer::~TlsTestServer() {
  stop_ = true;
  thread_.join();
  ::close(listen_fd_);
  SSL_CTX_free(ctx_);
}

void TlsTestServer::set_response(int status, std::string body) {
  const std::lock_guard lock(mu_);
  status_ = status;
  body_ = std::move(body);
}

std::vector<ReceivedRequest> TlsTestServer::requests() const {
  const std::lock_guard lock(mu_);
  return requests_;
}

void TlsTestServer::serve() {
  while (!stop_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    ++connections_;
    handle(fd);
    ::close(fd);
  }
}

namespace {

// Waits until `ssl` has data to read, the peer closed, or stop is set.
bool wait_readable(SSL* ssl, int fd, const std::atomic<bool>& stop) {
  while (!stop) {
    if (SSL_pending(ssl) > 0) return true;
    pollfd p{fd, POLLIN, 0};
    const int r = ::poll(&p, 1, 50);
    if (r > 0) return true;
    if (r < 0) return false;
  }
  return false;
}

}  // namespace

void TlsTestServer::handle(int fd) {
  timeval tv{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  SSL* ssl = SSL_new(ctx_);
  SSL_set_fd(ssl, fd);
  if (SSL_accept(ssl) != 1) {
    SSL_free(ssl);
    return;
  }
  std::string buffer;
  char chunk[4096];
  while (!stop_) {
    // One request: head, then Content-Length bytes of body.
    std::size_t head_end;
    while ((head_end = buffer.find("\r\n\r\n")) == std::string::npos) {
      if (!wait_readable(ssl, fd, stop_)) goto done;
      const int n = SSL_read(ssl, chunk, sizeof chunk);
      if (n <= 0) goto done;
      buffer.append(chunk, static_cast<std::size_t>(n));
    }
    {
      ReceivedRequest req;
      const std::string head = buffer.substr(0, head_end);
      std::size_t line_end = head.find("\r\n");
      const std::string request_line = head.substr(0, line_end);
      const auto sp1 = request_line.find(' ');
      const auto sp2 = request_line.find(' ', sp1 + 1);
      req.method = request_line.substr(0, sp1);
      req.path = request_line.substr(sp1 + 1, sp2 - sp1 - 1);
      std::size_t content_length = 0;
      std::size_t pos = line_end == std::string::npos ? head.size() : line_end + 2;
      while (pos < head.size()) {
        std::size_t e = head.find("\r\n", pos);
        if (e == std::string::npos) e = head.size();
        const std::string line = head.substr(pos, e - pos);
        const auto colon = line.find(':');
        if (colon != std::string::npos) {
          std::string name = line.substr(0, colon);
          for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          std::string value = line.substr(colon + 1);
          while (!value.empty() && value.front() == ' ') value.erase(0, 1);
          if (name == "content-length") content_length = std::stoul(value);
          req.headers.emplace_back(std::move(name), std::move(value));
        }
        pos = e + 2;
      }
      buffer.erase(0, head_end + 4);
      while (buffer.size() < content_length) {
        if (!wait_readable(ssl, fd, stop_)) goto done;
        const int n = SSL_read(ssl, chunk, sizeof chunk);
        if (n <= 0) goto done;
        buffer.append(chunk, static_cast<std::size_t>(n));
      }
      req.body = buffer.substr(0, content_length);
      buffer.erase(0, content_length);
      int status;
      std::string body;
      {
        const std::lock_guard lock(mu_);
        requests_.push_back(std::move(req));
        status = status_;
        body = status_ == 204 ? std::string() : body_;
      }
      std::string response = "HTTP/1.1 " + std::to_string(status) + " X\r\n" +
                             "Content-Type: application/json\r\n" +
                             "X-Admin-Protocol: gsma/rsp/v2.2.0\r\n";
      if (status != 204) response += "Content-Length: " + std::to_string(body.size()) + "\r\n";
      response += "\r\n" + body;
      if (SSL_write(ssl, response.data(), static_cast<int>(response.size())) <= 0) goto done;
    }
  }
done:
  SSL_shutdown(ssl);
  SSL_free(ssl);
}

}  // namespace smdp::lpa::testing
