// SPDX-License-Identifier: Apache-2.0
// The TLS profile of the served ES9+ and ES2+ listeners (SGP.22 §2.6.6): clients that
// offer only forbidden cipher suites, groups or signature algorithms are refused on both
// (the ES2+ probe presents mno1's valid client certificate, so only the profile can
// refuse it), and one ES9+ listener presents CERT.DP.TLS on the curve each client lists.
#include "es2_fixture.h"
#include "http/pki_fixtures.h"
#include "http/tls_probe.h"

namespace smdp::e2e {
namespace {

using http::testing::probe_tls;
using http::testing::TlsProbe;

class TlsProfile : public Es2Test {
 protected:
  // What each listener is probed with: nothing on ES9+, mno1's certificate on ES2+.
  std::vector<std::pair<std::string, TlsProbe>> listeners() const {
    TlsProbe es2;
    es2.client_chain_pem = http::testing::pem_of(mno1().client->cert.der());
    es2.client_key_pem = mno1().client->key.to_pem();
    return {{"ES9+", {}}, {"ES2+", es2}};
  }
  std::uint16_t port(const std::string& listener) const {
    return listener == "ES9+" ? service_->es9_port() : service_->es2_port();
  }
};

TEST_F(TlsProfile, when_a_client_offers_what_sgp22_names_then_both_listeners_accept_it) {
  for (auto [listener, p] : listeners()) {
    SCOPED_TRACE(listener);
    for (int version : {TLS1_2_VERSION, TLS1_3_VERSION}) {
      p.min_version = p.max_version = version;
      const auto r = probe_tls(port(listener), p);
      EXPECT_TRUE(r.accepted) << r.error;
      EXPECT_EQ(r.cipher, version == TLS1_2_VERSION ? "ECDHE-ECDSA-AES128-GCM-SHA256"
                                                    : "TLS_AES_128_GCM_SHA256");
    }
  }
}

TEST_F(TlsProfile, when_a_client_offers_only_forbidden_suites_groups_or_sigalgs_then_refused) {
  for (const auto& [listener, base] : listeners()) {
    SCOPED_TRACE(listener);
    for (int version : {TLS1_2_VERSION, TLS1_3_VERSION}) {
      SCOPED_TRACE(version);
      TlsProbe p = base;
      p.min_version = p.max_version = version;
      TlsProbe suites = p;
      suites.tls12_ciphers = "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES128-SHA";
      suites.tls13_ciphersuites = "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256";
      TlsProbe groups = p;
      groups.groups = "X25519:X448:P-384:ffdhe2048";
      TlsProbe sigalgs = p;
      sigalgs.sigalgs = "ECDSA+SHA384:ECDSA+SHA512:ECDSA+SHA1:RSA-PSS+SHA256";
      for (const auto& probe : {suites, groups, sigalgs}) {
        const auto r = probe_tls(port(listener), probe);
        EXPECT_FALSE(r.accepted) << r.version << " " << r.cipher;
      }
    }
  }
}

// Item 7: one ES9+ listener serves P-256 and brainpoolP256r1 clients.
TEST_F(TlsProfile, when_clients_list_one_curve_each_then_each_gets_its_curves_certificate) {
  TlsProbe nist;
  nist.groups = "P-256";
  auto r = probe_tls(service_->es9_port(), nist);
  ASSERT_TRUE(r.accepted) << r.error;
  EXPECT_EQ(r.peer_curve, "prime256v1");
  TlsProbe brainpool;
  brainpool.max_version = TLS1_2_VERSION;  // OpenSSL 3.0: no TLS 1.3 brainpool group
  brainpool.groups = "brainpoolP256r1";
  r = probe_tls(service_->es9_port(), brainpool);
  ASSERT_TRUE(r.accepted) << r.error;
  EXPECT_EQ(r.version, "TLSv1.2");
  EXPECT_EQ(r.peer_curve, "brainpoolP256r1");
}

TEST_F(TlsProfile, when_tls13_is_switched_off_then_both_listeners_speak_tls12_only) {
  start_es2([](server::ServiceConfig& c) { c.tls.tls13 = false; });
  for (auto [listener, p] : listeners()) {
    SCOPED_TRACE(listener);
    p.min_version = TLS1_3_VERSION;
    EXPECT_FALSE(probe_tls(port(listener), p).accepted);
    p.min_version = TLS1_2_VERSION;
    const auto r = probe_tls(port(listener), p);
    EXPECT_TRUE(r.accepted) << r.error;
    EXPECT_EQ(r.version, "TLSv1.2");
  }
}

// A profile OpenSSL rejects stops the start with a message naming it, and leaves
// nothing running: the housekeeping thread used to start before the listeners and
// outlive the parts it reads when a listener failed (ASan: heap-use-after-free).
TEST_F(TlsProfile, when_a_profile_list_is_rejected_then_the_start_fails_cleanly) {
  service_->stop(std::chrono::seconds{0});
  service_.reset();
  for (int i = 0; i < 3; ++i) {
    server::ServiceConfig c = service_config();
    c.housekeeping_interval = std::chrono::seconds{1};
    c.tls.groups = "P-999";
    auto s = server::Service::start(std::move(c), clock_, crypto::system_rng());
    ASSERT_FALSE(s);
    EXPECT_NE(s.error().message().find("groups 'P-999'"), std::string::npos) << s.error().message();
  }
}

}  // namespace
}  // namespace smdp::e2e
