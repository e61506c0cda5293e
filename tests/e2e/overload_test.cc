// SPDX-License-Identifier: Apache-2.0
// The ES9+ listener under abuse (http/server.h "Robustness"), against the real Service
// over TLS: far more connections than max_connections, slow clients (slowloris), huge
// bodies and headers, connect/close storms and abandoned TLS handshakes. Throughout,
// the admin port's /healthz answers; afterwards the process's memory has not grown
// without bound, and a full download and a burst of normal requests succeed.
// Deadlines are generous (a loaded 2-core machine, sanitizers): they catch hangs, they
// do not measure speed.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <thread>
#include <vector>

#include "e2e_fixture.h"

namespace smdp::e2e {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kMaxConnections = 64;
constexpr std::chrono::seconds kReadTimeout{2};
// Hangs, not speed: a closed connection must be noticed within this.
constexpr auto kCloseDeadline = 30s;
// Each /healthz answer during an attack.
constexpr auto kHealthDeadline = 5s;
#if defined(__SANITIZE_ADDRESS__)
// ASan keeps freed memory in quarantine (256 MiB by default).
constexpr long kRssGrowthKib = (64 + 256) * 1024;
#else
constexpr long kRssGrowthKib = 64 * 1024;
#endif

long rss_kib() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with("VmRSS:")) return std::stol(line.substr(6));
  }
  return -1;
}

void raise_fd_limit() {
  rlimit r{};
  if (::getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur < r.rlim_max) {
    r.rlim_cur = r.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &r);
  }
}

void set_timeouts(int fd, std::chrono::milliseconds t) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(t.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((t.count() % 1000) * 1000);
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

// A blocking TCP connection to 127.0.0.1:port with I/O timeouts; -1 on failure.
int connect_to(std::uint16_t port, std::chrono::milliseconds timeout = 10s) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  set_timeouts(fd, timeout);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// "HTTP/1.1 413 ..." -> 413; 0 when `head` is not a status line.
int status_of(std::string_view head) {
  if (!head.starts_with("HTTP/1.") || head.size() < 12) return 0;
  return std::atoi(std::string(head.substr(9, 3)).c_str());
}

// One plain GET /healthz on the admin port: its status, 0 on failure or timeout.
int healthz(std::uint16_t port) {
  const int fd = connect_to(port, kHealthDeadline);
  if (fd < 0) return 0;
  const std::string req = "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  std::string out;
  if (::send(fd, req.data(), req.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(req.size())) {
    char buf[512];
    for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;)
      out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return status_of(out);
}

// Polls /healthz from its own thread while an attack runs; every answer must be 200
// within kHealthDeadline.
class HealthMonitor {
 public:
  explicit HealthMonitor(std::uint16_t port)
      : thread_([this, port] {
          while (!stop_.load()) {
            const auto start = Clock::now();
            const int status = healthz(port);
            ++polls_;
            if (status != 200 || Clock::now() - start > kHealthDeadline) ++failures_;
            std::this_thread::sleep_for(100ms);
          }
        }) {}
  ~HealthMonitor() { finish(); }
  HealthMonitor(const HealthMonitor&) = delete;
  HealthMonitor& operator=(const HealthMonitor&) = delete;

  void finish() {
    stop_.store(true);
    if (thread_.joinable()) thread_.join();
  }
  int polls() const { return polls_.load(); }
  int failures() const { return failures_.load(); }

 private:
  std::atomic<bool> stop_{false};
  std::atomic<int> polls_{0};
  std::atomic<int> failures_{0};
  std::thread thread_;
};

// A TLS client connection on a blocking socket (no certificate check: an attacker).
class TlsConn {
 public:
  TlsConn(SSL_CTX* ctx, std::uint16_t port, std::chrono::milliseconds timeout = 10s)
      : fd_(connect_to(port, timeout)) {
    if (fd_ < 0) return;
    ssl_ = SSL_new(ctx);
    SSL_set_fd(ssl_, fd_);
    handshaken_ = SSL_connect(ssl_) == 1;
  }
  ~TlsConn() {
    if (ssl_ != nullptr) SSL_free(ssl_);
    if (fd_ >= 0) ::close(fd_);
  }
  TlsConn(const TlsConn&) = delete;
  TlsConn& operator=(const TlsConn&) = delete;

  bool ok() const { return handshaken_; }
  int fd() const { return fd_; }
  bool send(std::string_view data) {
    while (!data.empty()) {
      const int n = SSL_write(ssl_, data.data(), static_cast<int>(data.size()));
      if (n <= 0) return false;
      data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }
  // Reads until the end of the response head, EOF, an error or the socket timeout.
  std::string read_head() {
    std::string out;
    char buf[4096];
    while (out.find("\r\n\r\n") == std::string::npos) {
      const int n = SSL_read(ssl_, buf, sizeof buf);
      if (n <= 0) break;
      out.append(buf, static_cast<std::size_t>(n));
    }
    return out;
  }
  // True once the server has closed (EOF, close_notify or reset); false on timeout or data.
  bool closed_by_server() {
    char buf[256];
    const int n = SSL_read(ssl_, buf, sizeof buf);
    if (n > 0) return false;
    const int err = SSL_get_error(ssl_, n);
    if (err == SSL_ERROR_ZERO_RETURN) return true;
    if (err == SSL_ERROR_SYSCALL) return errno != EAGAIN && errno != EWOULDBLOCK;
    return err == SSL_ERROR_SSL;
  }

 private:
  int fd_ = -1;
  SSL* ssl_ = nullptr;
  bool handshaken_ = false;
};

// True once the server closed a plain TCP connection (EOF or reset) within the timeout
// set on the socket.
bool tcp_closed_by_server(int fd) {
  char buf[256];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n == 0) return true;
    if (n < 0) return errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR;
  }
}

class Overload : public E2e {
 protected:
  void SetUp() override {
    raise_fd_limit();
    E2e::SetUp();
    start_service([](server::ServiceConfig& c) {
      c.es9.max_connections = kMaxConnections;
      c.es9.read_timeout = kReadTimeout;
      c.es9.idle_timeout = kReadTimeout;
    });
    ctx_ = SSL_CTX_new(TLS_client_method());
    ASSERT_NE(ctx_, nullptr);
    SSL_CTX_set_verify(ctx_, SSL_VERIFY_NONE, nullptr);
    burst();  // warms up the pools before the baseline
    rss_before_ = rss_kib();
    monitor_ = std::make_unique<HealthMonitor>(service_->admin_port());
  }
  void TearDown() override {
    monitor_.reset();
    if (ctx_ != nullptr) SSL_CTX_free(ctx_);
    E2e::TearDown();
  }

  std::uint16_t port() const { return service_->es9_port(); }

  // One normal request gets an HTTP answer from the handler.
  bool answers() {
    auto c = client();
    auto r = c.post(kAddress, "initiateAuthentication", "{}");
    return r && r->status >= 200 && r->status < 500;
  }

  // A burst of normal requests from several threads, each answered by the handler
  // (initiateAuthentication with an empty body: an ES9+ error, but an HTTP answer).
  void burst() {
    std::atomic<int> answered{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&] {
        for (int i = 0; i < 5; ++i) {
          if (answers()) ++answered;
        }
      });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(answered.load(), 20);
  }

  // After the attack: /healthz answered throughout, memory did not run away, a full
  // download and a burst of normal requests succeed.
  void expect_healthy_and_recovered() {
    monitor_->finish();
    EXPECT_GT(monitor_->polls(), 0);
    EXPECT_EQ(monitor_->failures(), 0) << "of " << monitor_->polls() << " /healthz polls";
    const long growth = rss_kib() - rss_before_;
    // The attackers' connections are gone; the server notices within read_timeout.
    const auto deadline = Clock::now() + kCloseDeadline;
    while (!answers() && Clock::now() < deadline) std::this_thread::sleep_for(100ms);
    EXPECT_LT(growth, kRssGrowthKib) << "VmRSS grew by " << growth << " KiB";
    const auto p = register_profile();
    auto c = card();
    const auto r = download(c, activation_code(p));
    EXPECT_TRUE(r.ok()) << codes(r) << " " << (r.failure ? r.failure->error.message() : "");
    burst();
  }

  SSL_CTX* ctx_ = nullptr;
  long rss_before_ = 0;
  std::unique_ptr<HealthMonitor> monitor_;
};

// 8x max_connections idle TCP connections: those beyond the limit are closed at
// accept, the others when the TLS handshake does not arrive within read_timeout; none
// stays open, and nothing hangs.
TEST_F(Overload, when_far_more_connections_than_max_then_all_are_closed_and_server_recovers) {
  std::vector<int> fds;
  for (int i = 0; i < 520; ++i) {
    const int fd = connect_to(port(), kCloseDeadline);
    if (fd >= 0) fds.push_back(fd);
  }
  EXPECT_GT(fds.size(), 4 * kMaxConnections);
  std::size_t not_closed = 0;
  const auto deadline = Clock::now() + kCloseDeadline;  // for all of them together
  for (const int fd : fds) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    set_timeouts(fd, std::max(left, std::chrono::milliseconds(1)));
    if (!tcp_closed_by_server(fd)) ++not_closed;
    ::close(fd);
  }
  EXPECT_EQ(not_closed, 0u) << "connections the server neither served nor closed";
  // The limit did refuse some at accept (smdp_http_connections_rejected_total).
  const std::string rejected =
      "smdp_http_connections_rejected_total{port=\"" + std::to_string(port()) + "\"}";
  EXPECT_NE(metrics().find(rejected), std::string::npos) << metrics();
  expect_healthy_and_recovered();
}

// Slowloris: after the handshake, a request trickles in one byte every 200 ms. The
// whole request must arrive within read_timeout, so the server closes each connection
// without an answer.
TEST_F(Overload, when_clients_trickle_bytes_then_server_closes_them_after_read_timeout) {
  constexpr int kSlow = 30;
  const std::string request =
      "POST /gsma/rsp2/es9plus/initiateAuthentication HTTP/1.1\r\nHost: x\r\n"
      "Content-Type: application/json\r\nX-Admin-Protocol: gsma/rsp/v2.2.0\r\n"
      "Content-Length: 1000\r\n\r\n" +
      std::string(1000, ' ');
  std::vector<std::unique_ptr<TlsConn>> conns;
  for (int i = 0; i < kSlow; ++i) {
    conns.push_back(std::make_unique<TlsConn>(ctx_, port()));
    ASSERT_TRUE(conns.back()->ok()) << "handshake " << i;
  }
  std::vector<bool> closed(kSlow, false);
  std::size_t sent = 0;
  const auto deadline = Clock::now() + kCloseDeadline;
  int open = kSlow;
  while (open > 0 && sent < request.size() && Clock::now() < deadline) {
    for (int i = 0; i < kSlow; ++i) {
      if (closed[static_cast<std::size_t>(i)]) continue;
      pollfd pfd{conns[static_cast<std::size_t>(i)]->fd(), POLLIN, 0};
      const bool readable = ::poll(&pfd, 1, 0) > 0;
      if (readable || !conns[static_cast<std::size_t>(i)]->send(request.substr(sent, 1))) {
        closed[static_cast<std::size_t>(i)] = true;
        --open;
      }
    }
    ++sent;
    std::this_thread::sleep_for(200ms);
  }
  EXPECT_EQ(open, 0) << "slow connections still open after " << sent << " bytes each";
  for (auto& c : conns) {
    set_timeouts(c->fd(), 10s);
    EXPECT_EQ(c->read_head(), "") << "a slow request was answered";
  }
  expect_healthy_and_recovered();
}

// Bodies over max_body_bytes (declared by Content-Length or streamed chunked) get 413,
// headers over max_header_bytes 431, then the connection closes; from several threads.
TEST_F(Overload, when_bodies_and_headers_are_huge_then_413_or_431_and_close) {
  const std::string prefix =
      "POST /gsma/rsp2/es9plus/initiateAuthentication HTTP/1.1\r\nHost: x\r\n"
      "Content-Type: application/json\r\nX-Admin-Protocol: gsma/rsp/v2.2.0\r\n";
  const std::string chunk = "4000\r\n" + std::string(0x4000, 'a') + "\r\n";  // 16 KiB
  std::atomic<int> wrong{0};
  auto attack = [&](int kind) {
    TlsConn c(ctx_, port(), kCloseDeadline);
    if (!c.ok()) return ++wrong, void();
    int want = 413;
    if (kind == 0) {  // declared: 100 MiB
      c.send(prefix + "Content-Length: 104857600\r\n\r\n" + std::string(0x10000, 'a'));
    } else if (kind == 1) {  // chunked: 256 KiB, then more until the server stops reading
      c.send(prefix + "Transfer-Encoding: chunked\r\n\r\n");
      for (int i = 0; i < 16; ++i) c.send(chunk);
    } else {  // a 64 KiB header
      want = 431;
      c.send(prefix + "X-Junk: " + std::string(0x10000, 'j') + "\r\n\r\n");
    }
    const int status = status_of(c.read_head());
    if (status != want) {
      ADD_FAILURE() << "kind " << kind << ": status " << status << ", want " << want;
      ++wrong;
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) attack((t + i) % 3);
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(wrong.load(), 0);
  expect_healthy_and_recovered();
}

// Connect/close storms (some with a reset), garbage instead of a ClientHello, and TLS
// handshakes abandoned after the ClientHello or right after completing.
TEST_F(Overload, when_connections_flood_and_handshakes_are_abandoned_then_server_recovers) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 250; ++i) {
        const int fd = connect_to(port());
        if (fd < 0) continue;
        switch ((t + i) % 4) {
          case 0:  // connect and close
            break;
          case 1: {  // reset at once
            const linger l{1, 0};
            ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
            break;
          }
          case 2:  // garbage where the ClientHello belongs
            (void)::send(fd, "\x16\x03\x01\xff\xffGARBAGE", 12, MSG_NOSIGNAL);
            break;
          default: {  // a whole handshake, then gone without a request
            SSL* ssl = SSL_new(ctx_);
            SSL_set_fd(ssl, fd);
            SSL_set_connect_state(ssl);
            (void)SSL_do_handshake(ssl);
            SSL_free(ssl);
            break;
          }
        }
        ::close(fd);
      }
    });
  }
  // Handshakes abandoned after the ClientHello without reading: the server's flight
  // waits in the socket buffers until read_timeout.
  for (int i = 0; i < 200; ++i) {
    const int fd = connect_to(port());
    if (fd < 0) continue;
    SSL* ssl = SSL_new(ctx_);
    SSL_set_fd(ssl, fd);
    ::fcntl(fd, F_SETFL, O_NONBLOCK);
    (void)SSL_connect(ssl);  // writes the ClientHello, then WANT_READ
    SSL_free(ssl);
    ::close(fd);
  }
  for (auto& t : threads) t.join();
  ERR_clear_error();
  expect_healthy_and_recovered();
}

}  // namespace
}  // namespace smdp::e2e
