// SPDX-License-Identifier: Apache-2.0
// Mutual TLS on the HTTP server (src/http/server.h, TlsConfig::client_ca_der; SGP.22
// §2.6.6 for ES2+): client certificates issued with the eSIM PKI issuer, real TLS on
// 127.0.0.1.
#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>

#include "http/server.h"
#include "pki/certificate.h"
#include "pki_fixtures.h"
#include "test_client.h"

namespace smdp::http {
namespace {

using testing::Client;
using testing::ClientIdentity;
using namespace std::chrono_literals;

const testing::SelfSigned& server_cert() {
  static const testing::SelfSigned c = testing::make_self_signed();
  return c;
}
const pki::Credential& client_ca() {
  static const pki::Credential c = testing::make_ca();
  return c;
}
const pki::Credential& other_ca() {
  static const pki::Credential c = testing::make_ca();
  return c;
}
const pki::Credential& client_leaf() {
  static const pki::Credential c = testing::make_leaf(client_ca(), "mno.example.com");
  return c;
}
const pki::Credential& foreign_leaf() {
  static const pki::Credential c = testing::make_leaf(other_ca(), "mno.example.com");
  return c;
}

ClientIdentity identity_of(const pki::Credential& leaf) {
  return {testing::pem_of(leaf.cert.der()), leaf.key.to_pem()};
}

class MtlsTest : public ::testing::Test {
 protected:
  void start(std::vector<Bytes> client_cas) {
    ServerConfig c;
    c.tls = TlsConfig{{{{server_cert().cert_der}, server_cert().key_pem}}, std::move(client_cas)};
    c.threads = 2;
    c.read_timeout = 2s;
    auto s = Server::start(std::move(c), [this](const Request& r) {
      ++calls_;
      seen_ = r.peer_certificates;
      Response res;
      res.body = "ok " + std::to_string(r.peer_certificates.size());
      return res;
    });
    ASSERT_TRUE(s.has_value()) << s.error().message();
    server_ = std::move(*s);
  }

  // A request with `identity` (none: no client certificate); the response, or nullopt
  // when the connection failed (the handshake or the first read under TLS 1.3).
  std::optional<testing::HttpResponse> request(const ClientIdentity* identity) {
    try {
      Client c(server_->port(), &server_cert(), 5s, identity);
      return c.request(testing::bhttp::verb::post, "/es2plus", "{}");
    } catch (const std::runtime_error&) {
      return std::nullopt;
    }
  }

  std::unique_ptr<Server> server_;
  std::atomic<int> calls_{0};
  std::vector<Bytes> seen_;
};

TEST_F(MtlsTest, when_client_cert_from_configured_ca_then_handler_sees_verified_chain) {
  start({client_ca().cert.der()});
  const ClientIdentity id = identity_of(client_leaf());
  auto res = request(&id);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 200U);
  EXPECT_EQ(res->body(), "ok 2");
  ASSERT_EQ(seen_.size(), 2U);
  EXPECT_EQ(seen_[0], client_leaf().cert.der());
  EXPECT_EQ(seen_[1], client_ca().cert.der());
  auto leaf = pki::Certificate::from_der(seen_[0]);
  ASSERT_TRUE(leaf) << leaf.error().message();
  EXPECT_NE(leaf->subject().find("CN=mno.example.com"), std::string::npos) << leaf->subject();
}

TEST_F(MtlsTest, when_keep_alive_then_every_request_of_the_connection_carries_the_chain) {
  start({client_ca().cert.der()});
  const ClientIdentity id = identity_of(client_leaf());
  Client c(server_->port(), &server_cert(), 5s, &id);
  for (int i = 0; i < 2; ++i) {
    auto res = c.request(testing::bhttp::verb::post, "/es2plus", "{}");
    ASSERT_TRUE(res) << i;
    EXPECT_EQ(res->body(), "ok 2") << i;
  }
  EXPECT_EQ(calls_.load(), 2);
}

TEST_F(MtlsTest, when_one_of_several_cas_issued_the_client_cert_then_accepted) {
  start({other_ca().cert.der(), client_ca().cert.der()});
  const ClientIdentity id = identity_of(client_leaf());
  auto res = request(&id);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 200U);
  ASSERT_EQ(seen_.size(), 2U);
  EXPECT_EQ(seen_[1], client_ca().cert.der());
}

TEST_F(MtlsTest, when_no_client_cert_then_handshake_refused_and_no_handler_call) {
  start({client_ca().cert.der()});
  EXPECT_FALSE(request(nullptr));
  EXPECT_EQ(calls_.load(), 0);
}

TEST_F(MtlsTest, when_client_cert_from_another_ca_then_handshake_refused) {
  start({client_ca().cert.der()});
  const ClientIdentity id = identity_of(foreign_leaf());
  EXPECT_FALSE(request(&id));
  EXPECT_EQ(calls_.load(), 0);
  // The server keeps serving good clients.
  const ClientIdentity good = identity_of(client_leaf());
  EXPECT_TRUE(request(&good));
  EXPECT_EQ(calls_.load(), 1);
}

TEST_F(MtlsTest, when_server_has_no_client_cas_then_clients_without_cert_are_served) {
  start({});
  auto res = request(nullptr);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->body(), "ok 0");
  // A client that offers nothing is never asked; peer_certificates stays empty.
  EXPECT_TRUE(seen_.empty());
}

TEST_F(MtlsTest, when_client_ca_is_not_der_then_invalid_tls_config) {
  ServerConfig c;
  c.tls =
      TlsConfig{{{{server_cert().cert_der}, server_cert().key_pem}}, {Bytes{0x30, 0x03, 1, 2, 3}}};
  auto s = Server::start(std::move(c), [](const Request&) { return Response{}; });
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, Errc::invalid_tls_config);
}

TEST_F(MtlsTest, when_plain_http_then_peer_certificates_empty) {
  ServerConfig c;
  auto s = Server::start(std::move(c), [this](const Request& r) {
    seen_ = r.peer_certificates;
    return Response{200, {}, "plain"};
  });
  ASSERT_TRUE(s);
  Client client((*s)->port(), nullptr);
  auto res = client.request(testing::bhttp::verb::get, "/");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->body(), "plain");
  EXPECT_TRUE(seen_.empty());
}

}  // namespace
}  // namespace smdp::http
