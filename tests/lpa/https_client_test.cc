// SPDX-License-Identifier: Apache-2.0
// The LPA's HTTPS client (SGP.22 §2.6.6, §6.5) against a real local TLS server whose
// certificate is a DPtls certificate of a generated test PKI: trusted chain, foreign
// CA, host name mismatch, connect-to override (one endpoint or several in turn),
// keep-alive, headers, timeouts.
#include "https_client.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <vector>

#include "crypto/rng.h"
#include "pki/test_pki.h"
#include "tls_test_server.h"

namespace smdp::lpa {
namespace {

constexpr const char* kAddress = "testsmdpplus1.example.com";

pki::TestPki make_pki() {
  pki::TestPkiParams p;
  p.now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  const std::vector<std::string> eids{std::string(pki::kSgp26Eid)};
  auto t = pki::create_test_pki(crypto::Curve::nist_p256, eids, p, crypto::system_rng());
  if (!t) throw std::runtime_error(t.error().message());
  return std::move(*t);
}

const pki::TestPki& trusted_pki() {
  static const pki::TestPki p = make_pki();
  return p;
}
const pki::TestPki& foreign_pki() {
  static const pki::TestPki p = make_pki();
  return p;
}

HttpsClient client_for(const pki::TestPki& trusted, int port,
                       std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
  HttpsClientConfig c;
  c.trusted_ci_certificates = {trusted.ci.cert.der()};
  c.connect_to = "127.0.0.1:" + std::to_string(port);
  c.timeout = timeout;
  auto client = HttpsClient::create(std::move(c));
  if (!client) throw std::runtime_error(client.error().message());
  return std::move(*client);
}

TEST(HttpsClient, when_server_chains_to_trusted_ci_then_request_succeeds_with_lpa_headers) {
  testing::TlsTestServer server(trusted_pki().tls);
  server.set_response(200, R"({"header":{}})");
  auto client = client_for(trusted_pki(), server.port());
  auto r = client.post(kAddress, "initiateAuthentication", R"({"a":1})");
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, R"({"header":{}})");
  EXPECT_EQ(r->header("x-admin-protocol"), "gsma/rsp/v2.2.0");
  EXPECT_EQ(r->header("CONTENT-TYPE"), "application/json");

  const auto reqs = server.requests();
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_EQ(reqs[0].method, "POST");
  EXPECT_EQ(reqs[0].path, "/gsma/rsp2/es9plus/initiateAuthentication");
  EXPECT_EQ(reqs[0].body, R"({"a":1})");
  EXPECT_EQ(reqs[0].header("content-type"), "application/json;charset=UTF-8");
  EXPECT_EQ(reqs[0].header("x-admin-protocol"), "gsma/rsp/v2.2.0");
  EXPECT_EQ(reqs[0].header("user-agent"), "gsma-rsp-lpad");
  EXPECT_EQ(reqs[0].header("host"), kAddress);
}

TEST(HttpsClient, when_two_requests_are_sent_then_one_connection_is_reused) {
  testing::TlsTestServer server(trusted_pki().tls);
  auto client = client_for(trusted_pki(), server.port());
  ASSERT_TRUE(client.post(kAddress, "initiateAuthentication", "{}"));
  ASSERT_TRUE(client.post(kAddress, "authenticateClient", "{}"));
  EXPECT_EQ(server.requests().size(), 2u);
  EXPECT_EQ(server.connections_accepted(), 1);
}

TEST(HttpsClient, when_several_endpoints_are_given_then_requests_go_to_each_in_turn) {
  testing::TlsTestServer a(trusted_pki().tls);
  testing::TlsTestServer b(trusted_pki().tls);
  HttpsClientConfig c;
  c.trusted_ci_certificates = {trusted_pki().ci.cert.der()};
  c.connect_to = "127.0.0.1:" + std::to_string(a.port());
  c.more_connect_to = {"127.0.0.1:" + std::to_string(b.port())};
  auto client = HttpsClient::create(std::move(c));
  ASSERT_TRUE(client) << client.error().message();
  for (const char* function : {"initiateAuthentication", "authenticateClient",
                               "getBoundProfilePackage", "handleNotification", "cancelSession"}) {
    auto r = client->post(kAddress, function, "{}");
    ASSERT_TRUE(r) << function << ": " << r.error().message();
  }
  auto paths = [](const testing::TlsTestServer& s) {
    std::vector<std::string> out;
    for (const auto& r : s.requests()) out.push_back(r.path.substr(r.path.rfind('/') + 1));
    return out;
  };
  EXPECT_EQ(paths(a), (std::vector<std::string>{"initiateAuthentication", "getBoundProfilePackage",
                                                "cancelSession"}));
  EXPECT_EQ(paths(b), (std::vector<std::string>{"authenticateClient", "handleNotification"}));
  // Each endpoint keeps its own connection alive.
  EXPECT_EQ(a.connections_accepted(), 1);
  EXPECT_EQ(b.connections_accepted(), 1);
}

TEST(HttpsClient, when_server_answers_204_then_empty_body_and_status) {
  testing::TlsTestServer server(trusted_pki().tls);
  server.set_response(204, "");
  auto client = client_for(trusted_pki(), server.port());
  auto r = client.post(kAddress, "handleNotification", "{}");
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r->status, 204);
  EXPECT_TRUE(r->body.empty());
}

TEST(HttpsClient, when_server_certificate_is_from_another_ci_then_refused) {
  testing::TlsTestServer server(foreign_pki().tls);
  auto client = client_for(trusted_pki(), server.port());
  auto r = client.post(kAddress, "initiateAuthentication", "{}");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, make_error_code(HttpErrc::untrusted_server)) << r.error().message();
  EXPECT_TRUE(server.requests().empty());
}

TEST(HttpsClient, when_address_differs_from_certificate_name_then_refused) {
  testing::TlsTestServer server(trusted_pki().tls);
  auto client = client_for(trusted_pki(), server.port());
  auto r = client.post("othersmdp.example.com", "initiateAuthentication", "{}");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, make_error_code(HttpErrc::untrusted_server)) << r.error().message();
  EXPECT_TRUE(server.requests().empty());
}

TEST(HttpsClient, when_no_connect_to_override_then_the_address_itself_is_checked) {
  testing::TlsTestServer server(trusted_pki().tls);
  HttpsClientConfig c;
  c.trusted_ci_certificates = {trusted_pki().ci.cert.der()};
  auto client = HttpsClient::create(std::move(c));
  ASSERT_TRUE(client);
  // Reaches the server by its IP: the certificate names testsmdpplus1.example.com only.
  auto r =
      client->post("127.0.0.1:" + std::to_string(server.port()), "initiateAuthentication", "{}");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, make_error_code(HttpErrc::untrusted_server)) << r.error().message();
}

TEST(HttpsClient, when_nothing_listens_then_connect_failed) {
  // A port that was just free.
  int port;
  {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&a), len), 0);
    ASSERT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len), 0);
    port = ntohs(a.sin_port);
    ::close(fd);
  }
  auto client = client_for(trusted_pki(), port);
  auto r = client.post(kAddress, "initiateAuthentication", "{}");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, make_error_code(HttpErrc::connect_failed)) << r.error().message();
}

TEST(HttpsClient, when_server_never_answers_then_timeout) {
  // Listens (the kernel completes TCP handshakes) but never speaks TLS.
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&a), len), 0);
  ASSERT_EQ(::listen(fd, 4), 0);
  ASSERT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len), 0);
  auto client = client_for(trusted_pki(), ntohs(a.sin_port), std::chrono::milliseconds(300));
  const auto start = std::chrono::steady_clock::now();
  auto r = client.post(kAddress, "initiateAuthentication", "{}");
  ::close(fd);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, make_error_code(HttpErrc::timeout)) << r.error().message();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST(HttpsClient, when_configuration_is_invalid_then_error_value) {
  HttpsClientConfig none;
  auto r = HttpsClient::create(none);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, make_error_code(HttpErrc::invalid_config));

  HttpsClientConfig garbage;
  garbage.trusted_ci_certificates = {Bytes{0x30, 0x03, 0x02, 0x01, 0x01}};
  r = HttpsClient::create(garbage);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, make_error_code(HttpErrc::invalid_config));

  HttpsClientConfig bad_connect;
  bad_connect.trusted_ci_certificates = {trusted_pki().ci.cert.der()};
  bad_connect.connect_to = "127.0.0.1";
  r = HttpsClient::create(bad_connect);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, make_error_code(HttpErrc::invalid_config));

  HttpsClientConfig bad_more = bad_connect;
  bad_more.connect_to = "127.0.0.1:1";
  bad_more.more_connect_to = {"127.0.0.1"};
  r = HttpsClient::create(bad_more);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, make_error_code(HttpErrc::invalid_config));

  HttpsClientConfig more_without_first = bad_more;
  more_without_first.connect_to.clear();
  more_without_first.more_connect_to = {"127.0.0.1:1"};
  r = HttpsClient::create(more_without_first);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, make_error_code(HttpErrc::invalid_config));
}

}  // namespace
}  // namespace smdp::lpa
