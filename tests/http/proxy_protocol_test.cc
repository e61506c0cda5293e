// SPDX-License-Identifier: Apache-2.0
// PROXY protocol v2 (http/proxy_protocol.h): the header parsed, and the server taking the
// client's address from it only when the connection comes from a configured load
// balancer. Raw sockets on loopback, plain HTTP (the header precedes TLS the same way).
#include "http/proxy_protocol.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "http/server.h"

namespace smdp::http {
namespace {

using Header = std::vector<std::uint8_t>;

// A version 2 header: `command` 0 LOCAL / 1 PROXY, TCP over IPv4 from `source`.
Header header_v4(const char* source, std::uint8_t command = 1) {
  Header h{0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
  h.push_back(static_cast<std::uint8_t>(0x20 | command));
  h.push_back(0x11);
  h.push_back(0x00);
  h.push_back(12);
  std::uint8_t src[4];
  inet_pton(AF_INET, source, src);
  h.insert(h.end(), src, src + 4);
  h.insert(h.end(), {127, 0, 0, 1, 0xC3, 0x50, 0x20, 0xFB});  // destination, ports
  return h;
}

Header header_v6(const char* source) {
  Header h = header_v4("0.0.0.0");
  h.resize(13);
  h.insert(h.end(), {0x21, 0x00, 36});
  std::uint8_t src[16];
  inet_pton(AF_INET6, source, src);
  h.insert(h.end(), src, src + 16);
  h.insert(h.end(), 20, 0x00);  // destination and ports
  return h;
}

std::span<const std::uint8_t, kProxyPrefixSize> prefix(const Header& h) {
  return std::span<const std::uint8_t, kProxyPrefixSize>(h.data(), kProxyPrefixSize);
}

TEST(ProxyProtocol, when_a_v4_header_is_parsed_then_the_source_address_is_the_client) {
  const Header h = header_v4("203.0.113.7");
  auto length = proxy_v2_length(prefix(h));
  ASSERT_TRUE(length);
  EXPECT_EQ(*length, 12u);
  auto source = proxy_v2_source(prefix(h), std::span(h).subspan(kProxyPrefixSize));
  ASSERT_TRUE(source && *source);
  EXPECT_EQ(**source, "203.0.113.7");
}

TEST(ProxyProtocol, when_a_v6_header_is_parsed_then_the_source_address_is_the_client) {
  const Header h = header_v6("2001:db8::7");
  auto source = proxy_v2_source(prefix(h), std::span(h).subspan(kProxyPrefixSize));
  ASSERT_TRUE(source && *source);
  EXPECT_EQ(**source, "2001:db8::7");
}

TEST(ProxyProtocol, when_the_command_is_local_then_no_address_replaces_the_connection_s) {
  const Header h = header_v4("203.0.113.7", 0);
  auto source = proxy_v2_source(prefix(h), std::span(h).subspan(kProxyPrefixSize));
  ASSERT_TRUE(source);
  EXPECT_FALSE(*source);
}

TEST(ProxyProtocol, when_the_header_is_malformed_then_it_is_refused) {
  Header bad_signature = header_v4("203.0.113.7");
  bad_signature[3] = 0x0B;
  EXPECT_FALSE(proxy_v2_length(prefix(bad_signature)));
  Header version1 = header_v4("203.0.113.7");
  version1[12] = 0x11;
  EXPECT_FALSE(proxy_v2_length(prefix(version1)));
  Header bad_command = header_v4("203.0.113.7");
  bad_command[12] = 0x22;
  EXPECT_FALSE(proxy_v2_length(prefix(bad_command)));
  Header too_long = header_v4("203.0.113.7");
  too_long[14] = 0x01;  // 268 bytes
  EXPECT_FALSE(proxy_v2_length(prefix(too_long)));
  const Header short_block = header_v4("203.0.113.7");
  EXPECT_FALSE(proxy_v2_source(prefix(short_block), std::span(short_block).subspan(16, 8)));
}

// One request on a raw connection: `before` (a PROXY header, or nothing) then a GET;
// returns what the server answered ("" when it closed without an answer).
std::string exchange(std::uint16_t port, const Header& before) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) return "connect failed";
  std::string bytes(before.begin(), before.end());
  bytes += "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  (void)send(fd, bytes.data(), bytes.size(), 0);
  std::string answer;
  char buf[4096];
  for (ssize_t n; (n = recv(fd, buf, sizeof buf, 0)) > 0;)
    answer.append(buf, static_cast<std::size_t>(n));
  close(fd);
  return answer;
}

// A plain server answering with the client address it sees.
std::unique_ptr<Server> address_echo(std::vector<std::string> balancers) {
  ServerConfig config;
  config.proxy_protocol_from = std::move(balancers);
  config.read_timeout = std::chrono::seconds{2};
  auto server = Server::start(std::move(config), [](const Request& r) {
    Response response;
    response.body = "client=" + r.remote_address;
    return response;
  });
  EXPECT_TRUE(server) << server.error().message();
  return server ? std::move(*server) : nullptr;
}

TEST(ProxyProtocol, when_a_configured_balancer_sends_the_header_then_the_client_address_is_used) {
  auto server = address_echo({"127.0.0.1"});
  ASSERT_TRUE(server);
  EXPECT_NE(exchange(server->port(), header_v4("203.0.113.7")).find("client=203.0.113.7"),
            std::string::npos);
  // LOCAL (the balancer's health check): the connection's own address.
  EXPECT_NE(exchange(server->port(), header_v4("203.0.113.7", 0)).find("client=127.0.0.1"),
            std::string::npos);
}

TEST(ProxyProtocol, when_a_configured_balancer_sends_no_header_then_the_connection_is_closed) {
  auto server = address_echo({"127.0.0.1"});
  ASSERT_TRUE(server);
  EXPECT_EQ(exchange(server->port(), {}), "");
}

// From an address that is not a configured balancer, a header is not believed: the
// bytes are read as HTTP (400) and the address stays the connection's.
TEST(ProxyProtocol, when_another_peer_sends_the_header_then_its_address_is_not_taken) {
  auto server = address_echo({"192.0.2.1"});
  ASSERT_TRUE(server);
  const std::string answer = exchange(server->port(), header_v4("203.0.113.7"));
  EXPECT_NE(answer.find(" 400 "), std::string::npos) << answer;
  EXPECT_EQ(answer.find("203.0.113.7"), std::string::npos);
  EXPECT_NE(exchange(server->port(), {}).find("client=127.0.0.1"), std::string::npos);
}

TEST(ProxyProtocol, when_a_balancer_address_is_not_an_ip_then_the_server_does_not_start) {
  ServerConfig config;
  config.proxy_protocol_from = {"haproxy.local"};
  EXPECT_FALSE(Server::start(std::move(config), [](const Request&) { return Response{}; }));
}

}  // namespace
}  // namespace smdp::http
