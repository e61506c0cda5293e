// SPDX-License-Identifier: Apache-2.0
#include "es2_fixture.h"

#include <cstdio>
#include <sstream>

#include "../http/pki_fixtures.h"
#include "core/key_provider.h"
#include "core/profile_types.h"
#include "core/subscription_import.h"
#include "crypto/rng.h"
#include "http/client.h"
#include "saip/variables.h"
#include "testdata.h"

namespace smdp::e2e {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

const pki::Credential& mno1_ca() {
  static const pki::Credential c = http::testing::make_ca();
  return c;
}
const pki::Credential& mno2_ca() {
  static const pki::Credential c = http::testing::make_ca();
  return c;
}
const pki::Credential& rogue_ca() {
  static const pki::Credential c = http::testing::make_ca();
  return c;
}
const pki::Credential& peer_ca() {  // issues the back ends' server certificates
  static const pki::Credential c = http::testing::make_ca();
  return c;
}
const pki::Credential& peer_leaf() {
  static const pki::Credential c = http::testing::make_leaf(peer_ca(), "localhost");
  return c;
}

// The SM-DP+'s CIs: its TLS (client) certificate chains to one of them.
std::vector<Bytes> smdp_cis() {
  std::vector<Bytes> cis;
  for (const char* curve : {"nist", "brp"})
    cis.push_back(smdp::testing::read_file(E2e::pki_dir() / curve / "ci.der"));
  return cis;
}

}  // namespace

const TestOperator& mno1() {
  static const pki::Credential client = http::testing::make_leaf(mno1_ca(), "mno1.example.com");
  static const TestOperator op{"mno1", &mno1_ca(), &client};
  return op;
}

const TestOperator& mno2() {
  static const pki::Credential client = http::testing::make_leaf(mno2_ca(), "mno2.example.com");
  static const TestOperator op{"mno2", &mno2_ca(), &client};
  return op;
}

const pki::Credential& rogue_client() {
  static const pki::Credential c = http::testing::make_leaf(rogue_ca(), "mno1.example.com");
  return c;
}

const pki::Credential& unknown_cn_client() {
  static const pki::Credential c = http::testing::make_leaf(mno1_ca(), "stranger.example.com");
  return c;
}

// ---- PeerReceiver ----

PeerReceiver::PeerReceiver(const pki::Credential& server_leaf, std::vector<Bytes> client_cas,
                           bool es12)
    : leaf_(server_leaf), client_cas_(std::move(client_cas)), es12_(es12) {}

PeerReceiver::~PeerReceiver() { stop(); }

void PeerReceiver::start(std::uint16_t port) {
  http::ServerConfig c;
  c.port = port;
  c.threads = 2;
  c.tls = http::TlsConfig{{{{leaf_.cert.der()}, leaf_.key.to_pem()}}, client_cas_};
  auto s = http::Server::start(std::move(c), [this](const http::Request& r) { return handle(r); });
  ASSERT_TRUE(s) << s.error().message();
  server_ = std::move(*s);
  port_ = server_->port();
}

void PeerReceiver::stop() {
  if (server_) server_->stop(std::chrono::seconds{0});
  server_.reset();
}

http::Response PeerReceiver::handle(const http::Request& request) {
  Call call;
  const std::string_view target = request.target;
  call.function = std::string(target.substr(target.rfind('/') + 1));
  call.body = json::parse(request.body, nullptr, false);
  if (call.body.is_object() && call.body.contains("header") && call.body["header"].is_object())
    call.call_id = call.body["header"].value("functionCallIdentifier", "");
  if (!request.peer_certificates.empty()) call.client_leaf = request.peer_certificates.front();
  std::string refusal;
  {
    std::lock_guard lock(mutex_);
    raw_.push_back(std::move(call));
    refusal = refusal_;
  }
  http::Response response;
  if (unavailable_.load() > 0) {
    unavailable_ -= 1;
    response.status = 503;
    return response;
  }
  if (!refusal.empty()) {
    const auto slash = refusal.find('/');
    const json status{
        {"status", "Failed"},
        {"statusCodeData",
         {{"subjectCode", refusal.substr(0, slash)}, {"reasonCode", refusal.substr(slash + 1)}}}};
    response.headers.emplace_back("Content-Type", "application/json");
    response.body = json{{"header", {{"functionExecutionStatus", status}}}}.dump();
  } else if (es12_) {
    response.headers.emplace_back("Content-Type", "application/json");
    response.body = R"({"header":{"functionExecutionStatus":{"status":"Executed-Success"}}})";
  } else {
    response.status = 204;
  }
  return response;
}

int PeerReceiver::raw_count() const {
  std::lock_guard lock(mutex_);
  return static_cast<int>(raw_.size());
}

std::vector<PeerReceiver::Call> PeerReceiver::calls() const {
  std::lock_guard lock(mutex_);
  std::vector<Call> unique;
  for (const Call& c : raw_) {
    if (std::ranges::none_of(unique, [&](const Call& u) { return u.call_id == c.call_id; }))
      unique.push_back(c);
  }
  return unique;
}

std::vector<PeerReceiver::Call> PeerReceiver::calls(std::string_view function) const {
  std::vector<Call> out;
  for (Call& c : calls()) {
    if (c.function == function) out.push_back(std::move(c));
  }
  return out;
}

Points points(const PeerReceiver& mno, const std::string& iccid) {
  Points out;
  for (const auto& c : mno.calls(kProgress)) {
    if (c.body.value("iccid", "") != iccid) continue;
    out.emplace_back(
        c.body.value("notificationPointId", 0),
        c.body.value(json::json_pointer("/notificationPointStatus/status"), std::string()));
  }
  return out;
}

std::string point_code(const json& callback) {
  const json::json_pointer data("/notificationPointStatus/statusCodeData");
  if (!callback.is_object() || !callback.contains(data)) return "";
  const json& d = callback.at(data);
  return d.value("subjectCode", "") + "/" + d.value("reasonCode", "");
}

// ---- Es2Reply ----

std::string Es2Reply::status_text() const {
  if (!body.is_object()) return "";
  return body.value(json::json_pointer("/header/functionExecutionStatus/status"), std::string());
}

std::string Es2Reply::code() const {
  if (!body.is_object()) return "";
  const json::json_pointer data("/header/functionExecutionStatus/statusCodeData");
  if (!body.contains(data)) return "";
  const json& d = body[data];
  return d.value("subjectCode", "") + "/" + d.value("reasonCode", "");
}

// ---- Es2Test ----

void Es2Test::SetUp() {
  E2e::SetUp();
  core::FileKeyProvider keys((dir_ / "keys").string());
  ASSERT_TRUE(keys.create(core::kSubscriptionsKey, crypto::system_rng()));
  mno_ = std::make_unique<PeerReceiver>(peer_leaf(), smdp_cis(), false);
  mno_->start();
  smds_ = std::make_unique<PeerReceiver>(peer_leaf(), smdp_cis(), true);
  smds_->start();
  start_service();  // with the data key
  add_operator(mno1(), mno_->url());
  define_type("gtp", mno1().name, kStock, 0);
  start_es2();
}

void Es2Test::TearDown() {
  E2e::TearDown();
  if (mno_) mno_->stop();
  if (smds_) smds_->stop();
}

void Es2Test::start_es2(const std::function<void(server::ServiceConfig&)>& tweak) {
  const std::string smds_url = smds_->url();
  start_service([&](server::ServiceConfig& c) {
    c.es2 = http::ServerConfig{};
    c.es2->threads = 2;
    c.dispatch = false;
    c.dispatcher.smds.push_back({std::string(kSmdsAddress), smds_url, {peer_ca().cert.der()}});
    c.dispatcher.connect_timeout = std::chrono::milliseconds{2000};
    c.dispatcher.timeout = std::chrono::milliseconds{5000};
    if (tweak) tweak(c);
  });
  ASSERT_NE(service_->es2_port(), 0);
}

void Es2Test::add_operator(const TestOperator& op, const std::string& callback_url) {
  core::OperatorRecord r;
  r.name = op.name;
  r.client_cn = op.name + ".example.com";
  r.client_ca = op.ca->cert.der();
  r.callback_url = callback_url;
  r.callback_ca = peer_ca().cert.der();
  r.created_at = clock_.now();
  auto added = service_->operators().add_operator(r);
  ASSERT_TRUE(added) << added.error().message();
}

std::string Es2Test::iccid(std::size_t i, std::size_t digits) {
  char text[32];
  std::snprintf(text, sizeof text, "894988000%010zu", i);  // 19 digits
  const std::string body = std::string(text).substr(0, digits - 1);
  return body + saip::luhn_check_digit(body);
}

void Es2Test::define_type(const std::string& type, const std::string& op, std::size_t count,
                          std::size_t first, std::size_t digits,
                          const std::function<void(core::ProfileTypeDefinition&)>& tweak) {
  auto existing = service_->inventory().get_template("ts48v7");
  ASSERT_TRUE(existing);
  if (!*existing) {
    auto t = core::import_template(service_->inventory(), "ts48v7", ts48_profile(), clock_);
    ASSERT_TRUE(t) << t.error().message();
  }
  core::ProfileTypeDefinition def;
  def.name = type;
  def.template_name = "ts48v7";
  def.variables = "iccid,imsi,ki,opc";
  def.service_provider_name = "Test MNO";
  def.profile_name = "ES2+ test profile";
  def.operator_name = op;
  if (tweak) tweak(def);
  auto defined = core::define_profile_type(service_->inventory(), def, clock_);
  ASSERT_TRUE(defined) << defined.error().message();
  std::stringstream csv;
  csv << "iccid,imsi,ki,opc\n";
  for (std::size_t i = first; i < first + count; ++i) {
    char imsi[32];
    std::snprintf(imsi, sizeof imsi, "00101%010zu", i);
    char secret[64];  // 32 hex digits for the indexes used here
    std::snprintf(secret, sizeof secret, "%08zX%024X", i, 0xA5A5);
    csv << iccid(i, digits) << ',' << imsi << ',' << secret << ',' << secret << '\n';
  }
  core::FileKeyProvider keys((dir_ / "keys").string());
  auto key = keys.key(core::kSubscriptionsKey);
  ASSERT_TRUE(key);
  std::stringstream rejects;
  auto report = core::import_subscriptions(service_->inventory(), *defined, csv, *key,
                                           crypto::system_rng(), clock_, {}, &rejects);
  ASSERT_TRUE(report) << report.error().message();
  ASSERT_EQ(report->imported, count) << rejects.str();
}

Es2Reply Es2Test::es2(const TestOperator& op, std::string_view function, json body,
                      std::optional<std::string> call_id, const pki::Credential* cert) {
  const pki::Credential& identity = cert != nullptr ? *cert : *op.client;
  if (!body.contains("header")) {
    body["header"] = {
        {"functionRequesterIdentifier", op.name},
        {"functionCallIdentifier", call_id.value_or("call-" + std::to_string(++next_call_))}};
  }
  Es2Reply reply;
  auto client =
      http::Client::create({.trusted_ca_der = smdp_cis(),
                            .client_certificate_chain_der = {identity.cert.der()},
                            .client_private_key = identity.key.shared_pkey(),
                            .client_private_key_pem = {},
                            .connect_to = "127.0.0.1:" + std::to_string(service_->es2_port()),
                            .connect_timeout = std::chrono::milliseconds{5000},
                            .timeout = std::chrono::milliseconds{20000}});
  if (!client) {
    reply.transport_error = client.error().message();
    return reply;
  }
  auto answer = client->post(
      "https://" + std::string(kAddress) + "/gsma/rsp2/es2plus/" + std::string(function),
      {{"Content-Type", "application/json"}, {"X-Admin-Protocol", "gsma/rsp/v2.5.0"}}, body.dump());
  if (!answer) {
    reply.transport_error = answer.error().message();
    return reply;
  }
  reply.status = answer->status;
  reply.body = json::parse(answer->body, nullptr, false);
  if (reply.body.is_discarded()) reply.body = nullptr;
  return reply;
}

std::pair<std::string, std::string> Es2Test::order(const std::string& type,
                                                   std::optional<std::string> eid) {
  json request{{"profileType", type}};
  if (eid) request["eid"] = *eid;
  const Es2Reply ordered = es2(mno1(), "downloadOrder", request);
  EXPECT_TRUE(ordered.ok()) << ordered.body.dump();
  if (!ordered.ok()) return {};
  const std::string iccid = ordered.body.value("iccid", "");
  const Es2Reply confirmed = es2(mno1(), "confirmOrder", {{"iccid", iccid}, {"releaseFlag", true}});
  EXPECT_TRUE(confirmed.ok()) << confirmed.body.dump();
  if (!confirmed.ok()) return {};
  return {iccid, confirmed.body.value("matchingId", "")};
}

int Es2Test::deliver() {
  int total = 0;
  for (int pass = 0; pass < 100; ++pass) {
    total += service_->dispatcher().run_once();
    const auto pending = outbox(core::OutboxState::pending);
    if (std::ranges::none_of(pending, [&](const core::OutboxMessage& m) {
          return m.next_attempt_at <= clock_.now();
        }))
      break;
  }
  return total;
}

std::vector<core::OutboxMessage> Es2Test::outbox(std::optional<core::OutboxState> state) {
  auto listed = service_->outbox().list_outbox(state, 1000);
  EXPECT_TRUE(listed) << listed.error().message();
  return listed ? *listed : std::vector<core::OutboxMessage>{};
}

}  // namespace smdp::e2e
