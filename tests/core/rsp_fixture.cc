// SPDX-License-Identifier: Apache-2.0
#include "rsp_fixture.h"

#include <stdlib.h>

#include "asn1/authenticate_server.h"
#include "asn1/cancel_session.h"
#include "asn1/ctx_params.h"
#include "asn1/euicc_info.h"
#include "asn1/notification.h"
#include "asn1/prepare_download.h"
#include "crypto/hash.h"
#include "crypto/rng.h"
#include "der/writer.h"
#include "testdata.h"

namespace smdp::core::testing {
namespace {

using smdp::testing::cert_path;

pki::TestPki make_pki(crypto::Curve curve) {
  const std::vector<std::string> eids = {std::string(kEidA), std::string(kEidB)};
  auto p = pki::create_test_pki(curve, eids, test_pki_params(), crypto::system_rng());
  if (!p) throw std::runtime_error("test PKI: " + p.error().message());
  return std::move(*p);
}

template <class T>
T value(Result<T> r, std::string_view what) {
  if (!r) throw std::runtime_error(std::string(what) + ": " + r.error().message());
  return std::move(*r);
}

}  // namespace

pki::TestPkiParams test_pki_params() {
  pki::TestPkiParams p;
  p.now = kStart;
  p.dp_address = std::string(kAddress);
  return p;
}

const pki::TestPki& test_pki(Curve curve) {
  static const pki::TestPki nist = make_pki(crypto::Curve::nist_p256);
  static const pki::TestPki brp = make_pki(crypto::Curve::brainpool_p256r1);
  return curve == Curve::nist ? nist : brp;
}

std::string code(const Refusal& refusal) {
  return std::string(refusal.code.subject) + "/" + std::string(refusal.code.reason);
}

void flip_first_signature(Bytes& der) {
  for (std::size_t i = 0; i + 3 + 64 <= der.size(); ++i) {
    if (der[i] == 0x5F && der[i + 1] == 0x37 && der[i + 2] == 0x40) {
      der[i + 3 + 10] ^= 0x01;
      return;
    }
  }
  ADD_FAILURE() << "no 5F37 signature found";
}

std::size_t offset_in(const Bytes& whole, ByteView part) {
  return static_cast<std::size_t>(part.data() - whole.data());
}

void resign(Bytes& whole, ByteView signed_part, ByteView signature, const crypto::EcPrivateKey& key,
            ByteView suffix) {
  auto sig = key.sign(concat(signed_part, suffix));
  ASSERT_TRUE(sig);
  ASSERT_EQ(signature.size(), sig->size());
  std::ranges::copy(*sig, whole.begin() + static_cast<std::ptrdiff_t>(offset_in(whole, signature)));
}

void RspTest::SetUp() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "smdp-rsp-XXXXXX").string();
  ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
  dir_ = tmpl;
  use_fresh_database("smdp");

  // Our credentials for the test CIs of both curves and for the SGP.26 NIST and BRP CIs.
  pki::CiSet cis;
  for (Curve c : kCurves) ASSERT_TRUE(cis.add(test_pki(c).ci.cert));
  for (const char* suffix : smdp::testing::kCurves) {
    auto ci =
        pki::Certificate::from_file(cert_path("CertificateIssuer/CERT_CI_ECDSA", suffix).string());
    ASSERT_TRUE(ci && cis.add(*ci));
  }
  certificates_ = std::make_unique<pki::CertificateSet>(std::move(cis));
  for (Curve c : kCurves) {
    const auto& p = test_pki(c);
    auto added = certificates_->add(p.dpauth, p.dppb, p.tls, clock_.now());
    ASSERT_TRUE(added) << added.error().message();
  }
  for (const char* suffix : smdp::testing::kCurves) {
    auto load_pair = [&](const std::string& cert, const std::string& key) {
      return pki::Credential::load(cert_path(cert, suffix).string(),
                                   cert_path(key, suffix, ".pem").string());
    };
    auto dpauth = load_pair("DPauth/CERT_S_SM_DPauth_ECDSA", "DPauth/SK_S_SM_DPauth_ECDSA");
    auto dppb = load_pair("DPpb/CERT_S_SM_DPpb_ECDSA", "DPpb/SK_S_SM_DPpb_ECDSA");
    ASSERT_TRUE(dpauth && dppb);
    auto added = certificates_->add(*dpauth, *dppb, std::nullopt, clock_.now());
    ASSERT_TRUE(added) << added.error().message();
  }
  make_server();
}

void RspTest::use_fresh_database(const std::string& name) {
  server_.reset();
  callbacks_.reset();
  profiles_.reset();
  store_.reset();
  auto opened = store::SqlStore::open((dir_ / (name + ".db")).string());
  ASSERT_TRUE(opened) << opened.error().message();
  sqlite_ = std::move(*opened);
  store_ = std::make_unique<FaultyStore>(*sqlite_);
  if (certificates_) make_server();
}

void RspTest::TearDown() {
  server_.reset();
  callbacks_.reset();
  profiles_.reset();
  store_.reset();
  sqlite_.reset();
  std::filesystem::remove_all(dir_);
}

void RspTest::make_server(const std::function<void(RspServerConfig&)>& tweak, bool with_callbacks) {
  RspServerConfig config;
  config.smdp_address = std::string(kAddress);
  if (tweak) tweak(config);
  server_.reset();
  callbacks_ = with_callbacks ? std::make_unique<Callbacks>(*sqlite_, *sqlite_, *sqlite_) : nullptr;
  profiles_ = std::make_unique<ProfileSource>(sqlite_.get(), std::nullopt);
  server_ = std::make_unique<RspServer>(std::move(config), *store_, *profiles_, *certificates_,
                                        crypto::system_rng(), clock_, callbacks_.get());
}

Bytes RspTest::test_package(int i) {
  static const char* const kPackages[] = {"gsma-ts48-v7/TS48_V7.0_eSIM_GTP_SAIP2.3_NoBERTLV.der",
                                          "pysim-upp/TS48V5-SAIP2-3-NOBERTLV-UNIQUE.der",
                                          "pysim-upp/TS48V4-SAIP2-3-NOBERTLV-UNIQUE.der"};
  return smdp::testing::profile(kPackages[i]);
}

ProfileRecord RspTest::register_profile(ProfileRegistration reg, int package) {
  if (reg.profile_package.empty()) reg.profile_package = test_package(package);
  auto p = core::register_profile(*sqlite_, reg, crypto::system_rng(), clock_);
  EXPECT_TRUE(p) << p.error().message();
  return p ? *p : ProfileRecord{};
}

ProfileRecord RspTest::profile(const std::string& iccid) {
  auto p = sqlite_->get_profile(iccid);
  EXPECT_TRUE(p && *p) << iccid;
  return p && *p ? **p : ProfileRecord{};
}

std::optional<RspSession> RspTest::session(ByteView tid) {
  auto s = sqlite_->get_session(tid);
  EXPECT_TRUE(s);
  return s ? *s : std::nullopt;
}

TestCard RspTest::card(Curve curve, std::string_view eid,
                       const std::function<void(euicc::CardConfig&)>& tweak) {
  const auto& p = test_pki(curve);
  const auto& id = p.euiccs.at(eid == kEidA ? 0 : 1);
  euicc::CardConfig config{.eid = std::string(eid),
                           .euicc_certificate = id.cert.der(),
                           .eum_certificate = p.eum.cert.der(),
                           .ci_certificates = {p.ci.cert.der()},
                           .euicc_private_key = id.key};
  if (tweak) tweak(config);
  crypto::EcPrivateKey key = config.euicc_private_key;
  return TestCard{euicc::Card(std::move(config), crypto::system_rng()), std::move(key)};
}

TestCard RspTest::sgp26_card(const std::string& euicc_cert, const std::string& eum_cert,
                             const std::string& curve) {
  using smdp::testing::cert;
  euicc::CardConfig config{
      .eid = std::string(kEidA),
      .euicc_certificate =
          euicc_cert.empty() ? cert("eUICC/CERT_EUICC_ECDSA", curve) : cert(euicc_cert),
      .eum_certificate = eum_cert.empty() ? cert("EUM/CERT_EUM_ECDSA", curve) : cert(eum_cert),
      .ci_certificates = {cert("CertificateIssuer/CERT_CI_ECDSA", curve)},
      .euicc_private_key = value(
          crypto::EcPrivateKey::from_pem_file(cert_path("eUICC/SK_EUICC_ECDSA", curve, ".pem")),
          "SGP.26 eUICC key")};
  crypto::EcPrivateKey key = config.euicc_private_key;
  return TestCard{euicc::Card(std::move(config), crypto::system_rng()), std::move(key)};
}

InitiateAuthenticationRequest RspTest::initiate_request(TestCard& c) {
  InitiateAuthenticationRequest r;
  r.euicc_challenge = c.card.get_euicc_challenge();
  r.euicc_info1 = field<asn1::EUICCInfo1View>(c.card.get_euicc_info1());
  r.smdp_address = std::string(kAddress);
  return r;
}

Outcome<InitiateAuthenticationResult> RspTest::initiate(
    TestCard& c, const Tamper<InitiateAuthenticationRequest>& tamper) {
  auto request = initiate_request(c);
  if (tamper) tamper(request);
  auto result = server_->initiate_authentication(request);
  if (result) {
    c.transaction_id = result->transaction_id;  // a new session
    c.authenticated.reset();
    c.bound.reset();
    c.loaded = false;
    c.initiated = *result;
  }
  return result;
}

Outcome<AuthenticateClientResult> RspTest::authenticate(
    TestCard& c, const std::optional<std::string>& matching_id,
    const Tamper<AuthenticateClientRequest>& tamper) {
  if (!c.initiated) throw std::logic_error("authenticate before initiate");
  asn1::CtxParams1 ctx;
  auto& common = ctx.ctx_params_for_common_authentication;
  common.matching_id = matching_id;
  common.device_info.tac = Bytes{0x35, 0x29, 0x06, 0x11};
  common.device_info.device_capabilities.eutran_epc_supported_release = Bytes{15, 0, 0};
  const auto& init = *c.initiated;
  der::Writer w;
  w.add_constructed(0xBF38, [&](der::Writer& in) {
    in.add_raw(init.server_signed1)
        .add_raw(init.server_signature1)
        .add_raw(init.euicc_ci_pkid_to_be_used)
        .add_raw(init.server_certificate)
        .add_raw(ctx.encode());
  });
  auto response = c.card.authenticate_server(w.take(), kAddress, clock_.now());
  if (!response) return std::unexpected(Refusal{kCardFailed, response.error().message()});
  AuthenticateClientRequest request{c.transaction_id,
                                    field<asn1::AuthenticateServerResponseView>(*response)};
  if (tamper) tamper(request);
  auto result = server_->authenticate_client(request);
  if (result) c.authenticated = *result;
  return result;
}

Outcome<GetBoundProfilePackageResult> RspTest::get_bpp(
    TestCard& c, const std::optional<std::string>& confirmation_code,
    const Tamper<GetBoundProfilePackageRequest>& tamper) {
  if (!c.authenticated) throw std::logic_error("get_bpp before authenticate");
  const auto& auth = *c.authenticated;
  der::Writer w;
  w.add_constructed(0xBF21, [&](der::Writer& in) {
    in.add_raw(auth.smdp_signed2).add_raw(auth.smdp_signature2);
    if (confirmation_code) {
      const auto inner = crypto::sha256(as_bytes(*confirmation_code));
      in.add(0x04, crypto::sha256(inner, c.transaction_id));
    }
    in.add_raw(auth.smdp_certificate);
  });
  auto response = c.card.prepare_download(w.take(), clock_.now());
  if (!response) return std::unexpected(Refusal{kCardFailed, response.error().message()});
  GetBoundProfilePackageRequest request{c.transaction_id,
                                        field<asn1::PrepareDownloadResponseView>(*response)};
  if (tamper) tamper(request);
  auto result = server_->get_bound_profile_package(request);
  if (result) c.bound = *result;
  return result;
}

Bytes RspTest::load(TestCard& c, const std::function<void(Bytes&)>& change) {
  if (!c.bound) throw std::logic_error("load before get_bpp");
  Bytes bpp = c.bound->bound_profile_package;
  if (change) change(bpp);
  c.loaded = true;
  return value(c.card.load_bound_profile_package(bpp), "LoadBoundProfilePackage");
}

NotificationOutcome RspTest::notify(TestCard& c, const std::function<void(Bytes&)>& change) {
  if (c.bound && !c.loaded) load(c);
  auto pending = c.card.pending_notifications();
  if (pending.empty()) throw std::logic_error("no pending notification");
  Bytes notification = pending.back();
  if (change) change(notification);
  return server_->handle_notification(
      {field<asn1::PendingNotificationView>(std::move(notification))});
}

Outcome<void> RspTest::cancel(TestCard& c, std::uint64_t reason,
                              const Tamper<CancelSessionRequest>& tamper) {
  der::Writer w;
  w.add_constructed(
      0xBF41, [&](der::Writer& in) { in.add(0x80, c.transaction_id).add_uint(0x81, reason); });
  auto response = c.card.cancel_session(w.take());
  if (!response) return std::unexpected(Refusal{kCardFailed, response.error().message()});
  CancelSessionRequest request{c.transaction_id, field<asn1::CancelSessionResponseView>(*response)};
  if (tamper) tamper(request);
  return server_->cancel_session(request);
}

std::string RspTest::download(TestCard& c, const std::optional<std::string>& matching_id,
                              const std::optional<std::string>& confirmation_code) {
  if (auto r = initiate(c); !r) return code(r);
  if (auto r = authenticate(c, matching_id); !r) return code(r);
  if (auto r = get_bpp(c, confirmation_code); !r) return code(r);
  const NotificationOutcome n = notify(c);
  if (n.kind != NotificationOutcome::Kind::recorded) return "notification " + n.reason;
  return n.result == "installed" ? "" : n.result;
}

}  // namespace smdp::core::testing
