// SPDX-License-Identifier: Apache-2.0
// The ES9+ front (server/es9_endpoint.h) called in-process with http::Request values, no
// sockets: routing (404, 405), X-Admin-Protocol (SGP.22 §6.5.1: 1.3.2/3.1, echoed when
// supported), the JSON edge's 1.6/x refusals, a procedure's refusal rendered as
// statusCodeData, 204 for any notification (§6.5.2.9), and the metrics each call counts.
#include "server/es9_endpoint.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "asn1/remote_provisioning.h"
#include "core/clock.h"
#include "core/profile_source.h"
#include "crypto/rng.h"
#include "es9/es9_fixtures.h"
#include "pki/certificate_set.h"
#include "store/sql_store.h"

namespace smdp::server {
namespace {

class Es9EndpointTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (std::filesystem::temp_directory_path() / "smdp-es9-XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    auto opened = store::SqlStore::open((dir_ / "smdp.db").string());
    ASSERT_TRUE(opened) << opened.error().message();
    store_ = std::move(*opened);
    rsp_ = std::make_unique<core::RspServer>(
        core::RspServerConfig{.smdp_address = "other.example.com"}, *store_, profiles_,
        certificates_, rng_, clock_);
    endpoint_ = std::make_unique<Es9Endpoint>(*rsp_, metrics_);
  }
  void TearDown() override {
    endpoint_.reset();
    rsp_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  http::Response send(std::string target, std::string body, std::optional<std::string> protocol,
                      std::string method = "POST") {
    http::Request r;
    r.method = std::move(method);
    r.target = std::move(target);
    if (protocol) r.headers.emplace_back("x-admin-protocol", *protocol);
    r.body = std::move(body);
    r.remote_address = "127.0.0.1";
    return endpoint_->handle(r);
  }
  http::Response call(const std::string& function, std::string body,
                      std::optional<std::string> protocol = "gsma/rsp/v2.2.0",
                      std::string method = "POST") {
    return send("/gsma/rsp2/es9plus/" + function, std::move(body), std::move(protocol),
                std::move(method));
  }
  // POST /gsma/rsp2/asn1 (§6.6) with `body` as DER bytes.
  http::Response call_asn1(const Bytes& body,
                           std::optional<std::string> protocol = "gsma/rsp/v2.2.0") {
    return send("/gsma/rsp2/asn1", std::string(body.begin(), body.end()), std::move(protocol));
  }
  static std::string header(const http::Response& r, std::string_view name) {
    for (const auto& [k, v] : r.headers)
      if (k == name) return v;
    return {};
  }
  static std::string code(const http::Response& r) {
    const auto body = nlohmann::json::parse(r.body);
    const auto& data = body["header"]["functionExecutionStatus"]["statusCodeData"];
    return data["subjectCode"].get<std::string>() + "/" + data["reasonCode"].get<std::string>();
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::SqlStore> store_;
  core::ProfileSource profiles_{nullptr, std::nullopt};
  pki::CertificateSet certificates_{pki::CiSet{}};
  crypto::SystemRng rng_;
  core::ManualClock clock_{core::TimePoint{std::chrono::seconds{1'800'000'000}}};
  http::Registry metrics_;
  std::unique_ptr<core::RspServer> rsp_;
  std::unique_ptr<Es9Endpoint> endpoint_;
};

const es9::testing::Session& nist() {
  static const es9::testing::Session s("session_nist");
  return s;
}

TEST_F(Es9EndpointTest, when_function_unknown_then_404_and_when_not_post_then_405) {
  EXPECT_EQ(call("noSuchFunction", "{}").status, 404);
  const auto get = call("initiateAuthentication", "", "gsma/rsp/v2.2.0", "GET");
  EXPECT_EQ(get.status, 405);
  EXPECT_EQ(header(get, "Allow"), "POST");
}

TEST_F(Es9EndpointTest, when_x_admin_protocol_missing_or_not_v2_then_1_3_2_3_1_and_ours_sent) {
  for (const std::optional<std::string>& protocol :
       {std::optional<std::string>{}, std::optional<std::string>{"gsma/rsp/v3.0.0"}}) {
    const auto r = call("initiateAuthentication", nist().initiate_authentication_body(), protocol);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(code(r), "1.3.2/3.1");
    EXPECT_EQ(header(r, "X-Admin-Protocol"), "gsma/rsp/v2.5.0");
  }
}

TEST_F(Es9EndpointTest, when_body_is_not_json_or_misses_a_field_then_1_6_naming_it) {
  const auto bad = call("initiateAuthentication", "{not json");
  EXPECT_EQ(code(bad), "1.6/2.1");
  EXPECT_EQ(header(bad, "X-Admin-Protocol"), "gsma/rsp/v2.2.0");  // the client's, echoed
  auto body = nlohmann::json::parse(nist().initiate_authentication_body());
  body.erase("euiccChallenge");
  const auto missing = call("initiateAuthentication", body.dump());
  EXPECT_EQ(code(missing), "1.6/2.2");
  EXPECT_NE(missing.body.find("euiccChallenge"), std::string::npos);
}

TEST_F(Es9EndpointTest, when_the_procedure_refuses_then_status_code_data_and_metrics) {
  // The fixture's smdpAddress is testsmdpplus1.example.com; this server is another one.
  const auto r = call("initiateAuthentication", nist().initiate_authentication_body());
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(code(r), "8.8.1/3.8");
  EXPECT_EQ(header(r, "Content-Type"), "application/json");
  const std::string text = metrics_.render();
  EXPECT_NE(
      text.find(
          R"(smdp_es9_errors_total{function="initiateAuthentication",subject="8.8.1",reason="3.8"} 1)"),
      std::string::npos)
      << text;
}

TEST_F(Es9EndpointTest, when_a_notification_is_garbage_or_unknown_then_204_without_body) {
  for (const std::string& body : {std::string("garbage"), nist().handle_notification_body()}) {
    const auto r = call("handleNotification", body);
    EXPECT_EQ(r.status, 204);
    EXPECT_TRUE(r.body.empty());
  }
}

// The ASN.1 binding on the same endpoint (§6.6): a refusal is the function's error
// INTEGER in the envelope, with the binding's content type; what is not a
// RemoteProfileProvisioningRequest, or lacks a v2 X-Admin-Protocol, is HTTP 400.
TEST_F(Es9EndpointTest, when_an_asn1_request_is_refused_then_the_functions_error_integer) {
  const Bytes request =
      asn1::wrap_remote_provisioning(nist().der("initiateAuthenticationRequest.der"));
  const auto r = call_asn1(request);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(header(r, "Content-Type"), "application/x-gsma-rsp-asn1");
  EXPECT_EQ(header(r, "X-Admin-Protocol"), "gsma/rsp/v2.2.0");
  EXPECT_EQ(to_hex(as_bytes(r.body)), "a206bf3903810101");  // invalidDpAddress (8.8.1/3.8)
  const std::string text = metrics_.render();
  EXPECT_NE(
      text.find(
          R"(smdp_es9_errors_total{function="initiateAuthentication",subject="8.8.1",reason="3.8"} 1)"),
      std::string::npos)
      << text;
}

TEST_F(Es9EndpointTest, when_an_asn1_body_is_not_a_request_envelope_or_unlabelled_then_400) {
  const Bytes request =
      asn1::wrap_remote_provisioning(nist().der("initiateAuthenticationRequest.der"));
  for (const Bytes& body :
       {Bytes{}, Bytes{'{', '}'}, Bytes{0xA2, 0x00}, Bytes{request.begin(), request.end() - 1}}) {
    const auto r = call_asn1(body);
    EXPECT_EQ(r.status, 400);
    EXPECT_TRUE(r.body.empty());
  }
  for (const std::optional<std::string>& protocol :
       {std::optional<std::string>{}, std::optional<std::string>{"gsma/rsp/v3.0.0"}}) {
    const auto r = call_asn1(request, protocol);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(header(r, "X-Admin-Protocol"), "gsma/rsp/v2.5.0");
  }
}

TEST_F(Es9EndpointTest, when_an_asn1_notification_arrives_then_204_without_body) {
  const Bytes pir = nist().der("profileInstallationResult.der");
  auto pending = asn1::PendingNotificationView::decode(pir);
  ASSERT_TRUE(pending);
  const auto r = call_asn1(
      asn1::wrap_remote_provisioning(asn1::HandleNotificationView{*pending, {}, {}}.encode()));
  EXPECT_EQ(r.status, 204);
  EXPECT_TRUE(r.body.empty());
}

}  // namespace
}  // namespace smdp::server
