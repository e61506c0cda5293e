// SPDX-License-Identifier: Apache-2.0
// The server's TLS profile (src/http/server.h TlsProfile, SGP.22 §2.6.6) and its choice
// of certificate per connection (TlsConfig::credentials): real TLS on 127.0.0.1 against
// an OpenSSL client restricted to what each test offers.
#include <gtest/gtest.h>

#include "http/server.h"
#include "pki_fixtures.h"
#include "tls_probe.h"

namespace smdp::http {
namespace {

using testing::probe_tls;
using testing::TlsProbe;

// CERT.DP.TLS-like leaves for "localhost" on each curve, each under its own CA.
const pki::Credential& leaf(crypto::Curve curve) {
  static const auto make = [](crypto::Curve c) {
    auto ca = pki::issue_ci(c, testing::pki_params(), crypto::system_rng());
    if (!ca) throw std::runtime_error(ca.error().message());
    return testing::make_leaf(*ca, "localhost");
  };
  static const pki::Credential nist = make(crypto::Curve::nist_p256);
  static const pki::Credential brp = make(crypto::Curve::brainpool_p256r1);
  return curve == crypto::Curve::nist_p256 ? nist : brp;
}
TlsCredential credential(crypto::Curve curve) {
  return {{leaf(curve).cert.der()}, leaf(curve).key.to_pem()};
}
// An operator's client certificate and its CA.
const pki::Credential& client_ca() {
  static const pki::Credential c = testing::make_ca();
  return c;
}
const pki::Credential& client_leaf() {
  static const pki::Credential c = testing::make_leaf(client_ca(), "mno.example.com");
  return c;
}

class TlsProfileTest : public ::testing::Test {
 protected:
  // Both curves (P-256 first) and the default profile, `tweak` applied.
  void start(const std::function<void(TlsConfig&)>& tweak = {}) {
    ServerConfig c;
    c.tls = TlsConfig{
        {credential(crypto::Curve::nist_p256), credential(crypto::Curve::brainpool_p256r1)}, {}};
    if (tweak) tweak(*c.tls);
    c.threads = 2;
    auto s = Server::start(std::move(c), [](const Request&) { return Response{404, {}, ""}; });
    ASSERT_TRUE(s) << s.error().message();
    server_ = std::move(*s);
  }
  testing::TlsOutcome probe(const TlsProbe& p) { return probe_tls(server_->port(), p); }
  // A TLS 1.2-only probe.
  static TlsProbe tls12() {
    TlsProbe p;
    p.max_version = TLS1_2_VERSION;
    return p;
  }
  static TlsProbe tls13() {
    TlsProbe p;
    p.min_version = TLS1_3_VERSION;
    return p;
  }
  std::unique_ptr<Server> server_;
};

TEST_F(TlsProfileTest, when_a_client_offers_the_defaults_then_tls13_aes128_gcm_on_p256) {
  start();
  const auto r = probe({});
  ASSERT_TRUE(r.accepted) << r.error;
  EXPECT_EQ(r.version, "TLSv1.3");
  EXPECT_EQ(r.cipher, "TLS_AES_128_GCM_SHA256");
  EXPECT_EQ(r.peer_curve, "prime256v1");
  EXPECT_EQ(r.http_status, "HTTP/1.1 404 Not Found");
}

TEST_F(TlsProfileTest, when_a_tls12_client_offers_everything_then_our_first_suite_wins) {
  start();
  const auto r = probe(tls12());
  ASSERT_TRUE(r.accepted) << r.error;
  EXPECT_EQ(r.version, "TLSv1.2");
  EXPECT_EQ(r.cipher, "ECDHE-ECDSA-AES128-GCM-SHA256");
}

TEST_F(TlsProfileTest, when_a_tls12_client_offers_only_aes128_cbc_sha256_then_accepted) {
  start();
  auto p = tls12();
  p.tls12_ciphers = "ECDHE-ECDSA-AES128-SHA256";
  const auto r = probe(p);
  ASSERT_TRUE(r.accepted) << r.error;
  EXPECT_EQ(r.cipher, "ECDHE-ECDSA-AES128-SHA256");
}

// Item 7: one listener, the certificate on the curve the client lists.
TEST_F(TlsProfileTest, when_a_tls12_client_lists_only_brainpool_then_it_gets_the_brainpool_cert) {
  start();
  auto p = tls12();
  p.groups = "brainpoolP256r1";
  const auto r = probe(p);
  ASSERT_TRUE(r.accepted) << r.error;
  EXPECT_EQ(r.version, "TLSv1.2");
  EXPECT_EQ(r.peer_curve, "brainpoolP256r1");
  auto both = tls12();
  both.groups = "brainpoolP256r1:P-256";
  EXPECT_EQ(probe(both).peer_curve, "prime256v1");  // P-256 whenever listed
}

// Without the second credential, the brainpool-only client has no certificate to get.
TEST_F(TlsProfileTest, when_only_a_p256_cert_is_configured_then_a_brainpool_only_client_fails) {
  start([](TlsConfig& c) { c.credentials.pop_back(); });
  auto p = tls12();
  p.groups = "brainpoolP256r1";
  EXPECT_FALSE(probe(p).accepted);
}

TEST_F(TlsProfileTest, when_a_client_offers_only_forbidden_suites_then_refused) {
  start();
  auto p12 = tls12();
  p12.tls12_ciphers =
      "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA:"
      "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-AES128-GCM-SHA256:AES128-SHA256";
  auto p13 = tls13();
  p13.tls13_ciphersuites = "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256";
  for (const auto& p : {p12, p13}) {
    const auto r = probe(p);
    EXPECT_FALSE(r.accepted) << r.version << " " << r.cipher;
  }
}

TEST_F(TlsProfileTest, when_a_client_offers_only_forbidden_groups_then_refused) {
  start();
  for (auto p : {tls12(), tls13()}) {
    p.groups = "X25519:X448:P-384:P-521:ffdhe2048";
    const auto r = probe(p);
    EXPECT_FALSE(r.accepted) << r.version << " " << r.cipher;
  }
}

TEST_F(TlsProfileTest, when_a_client_offers_only_forbidden_signature_algorithms_then_refused) {
  start();
  for (auto p : {tls12(), tls13()}) {
    p.sigalgs = "ECDSA+SHA384:ECDSA+SHA512:ECDSA+SHA1:ed25519:RSA-PSS+SHA256:RSA+SHA256";
    const auto r = probe(p);
    EXPECT_FALSE(r.accepted) << r.version << " " << r.cipher;
  }
}

TEST_F(TlsProfileTest, when_tls13_is_switched_off_then_only_tls12_is_negotiated) {
  start([](TlsConfig& c) { c.profile.tls13 = false; });
  EXPECT_FALSE(probe(tls13()).accepted);
  const auto r = probe({});
  ASSERT_TRUE(r.accepted) << r.error;
  EXPECT_EQ(r.version, "TLSv1.2");
}

// ES2+: the server signs with ECDSA-SHA256 only, while the operator's certificate may
// sign its CertificateVerify with what client_sigalgs lists. (TLS 1.2: in TLS 1.3 an
// ECDSA scheme names the curve too, so a P-256 key signs with SHA-256 only.)
TEST_F(TlsProfileTest, when_client_sigalgs_are_set_apart_then_a_sha384_client_signature_passes) {
  TlsProbe p;
  p.client_chain_pem = testing::pem_of(client_leaf().cert.der());
  p.client_key_pem = client_leaf().key.to_pem();
  p.client_sigalgs = "ECDSA+SHA384";
  for (const bool apart : {true, false}) {
    SCOPED_TRACE(apart);
    start([&](TlsConfig& c) {
      c.client_ca_der = {client_ca().cert.der()};
      if (apart) c.profile.client_sigalgs = "ECDSA+SHA256:ECDSA+SHA384:RSA+SHA256";
    });
    p.max_version = TLS1_2_VERSION;
    const auto r = probe(p);
    EXPECT_EQ(r.accepted, apart) << r.error;
    server_.reset();
  }
}

TEST_F(TlsProfileTest, when_a_profile_list_is_unknown_to_openssl_then_start_fails) {
  for (const auto& set : std::vector<std::function<void(TlsProfile&)>>{
           [](TlsProfile& p) { p.tls12_ciphers = "NO-SUCH-CIPHER"; },
           [](TlsProfile& p) { p.groups = "P-999"; },
           [](TlsProfile& p) { p.sigalgs = "ECDSA+MD4"; }}) {
    ServerConfig c;
    c.tls = TlsConfig{{credential(crypto::Curve::nist_p256)}, {}};
    set(c.tls->profile);
    auto s = Server::start(std::move(c), [](const Request&) { return Response{}; });
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().code, Errc::invalid_tls_config);
  }
}

}  // namespace
}  // namespace smdp::http
