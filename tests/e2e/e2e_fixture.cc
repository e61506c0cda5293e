// SPDX-License-Identifier: Apache-2.0
#include "e2e_fixture.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>

#include "crypto/rng.h"
#include "device_identity.h"
#include "pki/test_pki.h"
#include "testdata.h"

namespace smdp::e2e {
namespace fs = std::filesystem;

const Bytes& ts48_profile() {
  static const Bytes p = smdp::testing::read_file(
      smdp::testing::testdata("profiles/gsma-ts48-v7/TS48_V7.0_eSIM_GTP_SAIP2.3_NoBERTLV.der"));
  return p;
}

std::string codes(const lpa::DownloadResult& r) {
  return r.failure ? r.failure->codes() : std::string();
}

namespace {

void write(const fs::path& path, std::string_view data) {
  std::ofstream out(path, std::ios::binary);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
}

void write_credential(const fs::path& dir, const std::string& name, const pki::Credential& c) {
  write(dir / (name + ".der"), as_chars(c.cert.der()));
  write(dir / (name + ".key.pem"), c.key.to_pem());
}

}  // namespace

// A fresh directory per process (never one a process with the same PID left behind,
// written by another build), removed at exit.
fs::path E2e::pki_dir() {
  struct Dir {
    fs::path path;
    Dir() {
      std::string tmpl = (fs::temp_directory_path() / "smdpp-e2e-pki-XXXXXX").string();
      if (mkdtemp(tmpl.data()) != nullptr) path = tmpl;
    }
    ~Dir() {
      std::error_code ec;
      if (!path.empty()) fs::remove_all(path, ec);
    }
  };
  static const Dir dir;
  return dir.path;
}

void E2e::SetUpTestSuite() {
  if (fs::exists(pki_dir() / "brp" / "tls.der")) return;
  pki::TestPkiParams params;
  params.now = core::SystemClock{}.now();
  const std::vector<std::string> eids = {std::string(kEidA), std::string(kEidB), std::string(kEidC),
                                         std::string(kEidD)};
  for (auto [curve, name] : {std::pair{crypto::Curve::nist_p256, "nist"},
                             std::pair{crypto::Curve::brainpool_p256r1, "brp"}}) {
    auto pki = pki::create_test_pki(curve, eids, params, crypto::system_rng());
    ASSERT_TRUE(pki) << pki.error().message();
    const fs::path d = pki_dir() / name;
    fs::create_directories(d);
    write_credential(d, "ci", pki->ci);
    write_credential(d, "eum", pki->eum);
    for (std::size_t i = 0; i < eids.size(); ++i)
      write_credential(d, "euicc-" + eids[i], pki->euiccs[i]);
    write_credential(d, "dpauth", pki->dpauth);
    write_credential(d, "dppb", pki->dppb);
    write_credential(d, "tls", pki->tls);
  }
}

void E2e::SetUp() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  dir_ = fs::temp_directory_path() / ("smdpp-e2e-" + std::to_string(getpid()) + "-" +
                                      info->test_suite_name() + "-" + info->name());
  fs::remove_all(dir_);
  fs::create_directories(dir_);
  start_service();
}

void E2e::TearDown() {
  if (service_) service_->stop(std::chrono::seconds{0});
  service_.reset();
  fs::remove_all(dir_);
}

void E2e::start_service(const std::function<void(server::ServiceConfig&)>& tweak) {
  if (service_) service_->stop(std::chrono::seconds{0});
  service_.reset();
  server::ServiceConfig c = service_config();
  if (tweak) tweak(c);
  auto s = server::Service::start(std::move(c), clock_, crypto::system_rng());
  ASSERT_TRUE(s) << s.error().message();
  service_ = std::move(*s);
}

server::ServiceConfig E2e::service_config() const {
  server::ServiceConfig c;
  c.rsp.smdp_address = std::string(kAddress);
  c.database_path = (dir_ / "smdpp.db").string();
  c.keys_dir = (dir_ / "keys").string();              // tests create the data key when they need it
  c.housekeeping_interval = std::chrono::seconds{0};  // tests run service_->housekeeping()
  for (const char* curve : {"nist", "brp"}) {
    const fs::path d = pki_dir() / curve;
    c.certificates.ci_certs.push_back(d / "ci.der");
    c.certificates.credentials.push_back({d / "dpauth.der", d / "dpauth.key.pem", d / "dppb.der",
                                          d / "dppb.key.pem", d / "tls.der", d / "tls.key.pem"});
  }
  c.es9.threads = 4;
  c.admin = http::ServerConfig{};
  c.admin->threads = 1;
  return c;
}

core::ProfileRecord E2e::register_profile(core::ProfileRegistration reg) {
  if (reg.profile_package.empty()) reg.profile_package = ts48_profile();
  auto p = core::register_profile(service_->store(), reg, crypto::system_rng(), clock_);
  EXPECT_TRUE(p) << p.error().message();
  return p ? *p : core::ProfileRecord{};
}

std::string E2e::activation_code(const core::ProfileRecord& p) const {
  return core::activation_code(p, kAddress);
}

core::ProfileRecord E2e::profile(const std::string& iccid) {
  auto p = service_->store().get_profile(iccid);
  EXPECT_TRUE(p && *p);
  return p && *p ? **p : core::ProfileRecord{};
}

euicc::Card E2e::card(std::string_view curve, std::string_view eid,
                      const std::function<void(euicc::CardConfig&)>& tweak) {
  auto files = lpa::pki_dir_identity(pki_dir().string(), curve, eid);
  EXPECT_TRUE(files) << files.error().message();
  auto config = lpa::load_identity(*files);
  EXPECT_TRUE(config) << config.error().message();
  if (tweak) tweak(*config);
  return euicc::Card(std::move(*config), crypto::system_rng());
}

lpa::HttpsClient E2e::client(std::string admin_protocol) {
  lpa::HttpsClientConfig c;
  for (const char* curve : {"nist", "brp"})
    c.trusted_ci_certificates.push_back(smdp::testing::read_file(pki_dir() / curve / "ci.der"));
  c.connect_to = "127.0.0.1:" + std::to_string(service_->es9_port());
  c.admin_protocol = std::move(admin_protocol);
  c.binding = binding_;
  auto client = lpa::HttpsClient::create(std::move(c));
  EXPECT_TRUE(client) << client.error().message();
  return std::move(*client);
}

lpa::DownloadResult E2e::download(euicc::Card& card, std::string_view activation_code,
                                  lpa::DownloadOptions options) {
  auto c = client();
  if (options.now == std::chrono::sys_seconds{}) options.now = clock_.now();
  return lpa::download(card, c, activation_code, options);
}

lpa::HttpResponse E2e::post(std::string_view function, std::string_view body,
                            std::string admin_protocol) {
  auto c = client(std::move(admin_protocol));
  auto r = c.post(kAddress, function, body);
  EXPECT_TRUE(r) << r.error().message();
  return r ? *r : lpa::HttpResponse{};
}

std::string E2e::metrics() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(service_->admin_port());
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string out;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    const std::string req = "GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    (void)::write(fd, req.data(), req.size());
    char buf[4096];
    for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;)
      out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return out;
}

}  // namespace smdp::e2e
