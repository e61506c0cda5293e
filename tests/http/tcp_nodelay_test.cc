// SPDX-License-Identifier: Apache-2.0
// Accepted connections have Nagle's algorithm off (server.cc, on_accept): otherwise the
// last TLS record of a response waits for the peer's delayed ACK (up to 40 ms a call).
// Checked on the server's own sockets in this process, not by timing.
#include <dirent.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <cstdlib>
#include <string>

#include "http/server.h"
#include "test_client.h"

namespace smdp::http {
namespace {

struct AcceptedSockets {
  int found = 0;
  int without_nodelay = 0;
};

// Every connected (not listening) TCP socket of this process whose local port is `port`.
AcceptedSockets accepted_sockets(std::uint16_t port) {
  AcceptedSockets out;
  DIR* dir = opendir("/proc/self/fd");
  if (dir == nullptr) return out;
  while (const dirent* entry = readdir(dir)) {
    const int fd = std::atoi(entry->d_name);
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) continue;
    if (addr.ss_family != AF_INET) continue;
    const auto* in = reinterpret_cast<const sockaddr_in*>(&addr);
    if (ntohs(in->sin_port) != port) continue;
    int listening = 0;
    socklen_t size = sizeof listening;
    if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &size) != 0 || listening != 0)
      continue;
    int nodelay = 0;
    size = sizeof nodelay;
    ++out.found;
    if (getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &nodelay, &size) != 0 || nodelay == 0)
      ++out.without_nodelay;
  }
  closedir(dir);
  return out;
}

TEST(TcpNoDelay, when_connection_accepted_then_nagle_is_off_on_the_server_socket) {
  static const testing::SelfSigned cert = testing::make_self_signed();
  ServerConfig config;
  config.tls = TlsConfig{{{{cert.cert_der}, cert.key_pem}}, {}};
  auto server = Server::start(std::move(config), [](const Request&) { return Response{}; });
  ASSERT_TRUE(server) << server.error().message();
  testing::Client client((*server)->port(), &cert);
  ASSERT_TRUE(client.request(testing::bhttp::verb::get, "/", ""));  // the connection stays open
  const AcceptedSockets sockets = accepted_sockets((*server)->port());
  EXPECT_GE(sockets.found, 1);
  EXPECT_EQ(sockets.without_nodelay, 0);
}

}  // namespace
}  // namespace smdp::http
