// SPDX-License-Identifier: Apache-2.0
// ES9+ over the ASN.1 binding (SGP.22 §6.6) end to end: the software eUICC and LPA with
// --es9-binding asn1 against the served listener (POST /gsma/rsp2/asn1). Downloads on
// both curves, with and without a confirmation code, install the registered package
// byte for byte; refusals arrive as the functions' error INTEGERs; CancelSession and
// handleNotification work; a session started on one binding continues on the other.
#include <cstdlib>

#include "asn1/remote_provisioning.h"
#include "e2e_fixture.h"
#include "es9_asn1_messages.h"

namespace smdp::e2e {
namespace {

class Asn1Binding : public E2e {
 protected:
  void SetUp() override {
    E2e::SetUp();
    binding_ = lpa::Es9Binding::asn1;
  }
  void expect_installed(euicc::Card& c, const lpa::DownloadResult& r,
                        const core::ProfileRecord& p) {
    ASSERT_TRUE(r.ok()) << codes(r) << " " << r.failure->error.message();
    EXPECT_EQ(r.notifications_sent, 1);  // handleNotification: 204
    ASSERT_EQ(c.installed_profiles().size(), 1u);
    EXPECT_EQ(c.installed_profiles()[0].profile_package, p.profile_package);
    EXPECT_EQ(profile(p.iccid).state, core::ProfileState::installed);
    for (const auto& ex : r.exchanges) EXPECT_EQ(ex.request_body[0], '\xA2') << ex.function;
  }
};

TEST_F(Asn1Binding, when_euiccs_of_both_curves_download_then_the_package_is_installed) {
  for (const auto& [curve, eid] : {std::pair{"nist", kEidA}, std::pair{"brp", kEidB}}) {
    SCOPED_TRACE(curve);
    start_service([&](server::ServiceConfig& c) {
      c.database_path = (dir_ / (std::string(curve) + ".db")).string();
    });
    const auto p = register_profile();
    auto c = card(curve, eid);
    expect_installed(c, download(c, activation_code(p)), p);
    const std::string text = metrics();
    EXPECT_NE(text.find(R"(smdp_es9_requests_total{function="getBoundProfilePackage",)"
                        R"(status="Executed-Success"} 1)"),
              std::string::npos);
  }
}

TEST_F(Asn1Binding, when_a_confirmation_code_is_required_then_right_installs_and_wrong_is_3) {
  core::ProfileRegistration reg;
  reg.confirmation_code = "4711";
  const auto p = register_profile(reg);
  auto c = card();
  lpa::DownloadOptions o;
  o.confirmation_code = "1234";
  const auto refused = download(c, activation_code(p), o);
  EXPECT_EQ(codes(refused), "asn1:3");  // confirmationCodeRefused (8.2.7/3.8)
  o.confirmation_code = "4711";
  expect_installed(c, download(c, activation_code(p), o), p);
}

TEST_F(Asn1Binding, when_the_order_is_refused_then_authenticate_client_sends_its_integer) {
  const auto p = register_profile();
  auto c = card();
  EXPECT_EQ(codes(download(c, "1$" + std::string(kAddress) + "$NO-SUCH-ORDER")),
            "asn1:6");  // matchingIdRefused (8.2.6/3.8)
  EXPECT_EQ(profile(p.iccid).download_attempts, 0);
  start_service(
      [&](server::ServiceConfig& config) { config.database_path = (dir_ / "bound.db").string(); });
  core::ProfileRegistration bound;
  bound.eid = std::string(kEidB);
  const auto q = register_profile(bound);
  EXPECT_EQ(codes(download(c, activation_code(q))), "asn1:7");  // eidMismatch (8.1.1/3.8)
}

TEST_F(Asn1Binding, when_the_user_rejects_then_cancel_session_ends_the_order) {
  const auto p = register_profile();
  auto c = card();
  lpa::DownloadOptions o;
  o.reject_consent = true;
  const auto r = download(c, activation_code(p), o);
  ASSERT_TRUE(r.cancel_session_status);
  EXPECT_TRUE(r.cancel_session_status->succeeded()) << r.cancel_session_status->codes();
  EXPECT_EQ(profile(p.iccid).state, core::ProfileState::error);
  EXPECT_EQ(profile(p.iccid).result, "cancelled:0");
}

TEST_F(Asn1Binding, when_the_body_is_not_a_request_envelope_then_http_400) {
  auto c = client();
  for (const std::string& body : {std::string("garbage"), std::string("\xA2\x00", 2)}) {
    auto r = c.post_path(kAddress, lpa::kAsn1Path, body);
    ASSERT_TRUE(r) << r.error().message();
    EXPECT_EQ(r->status, 400);
    EXPECT_TRUE(r->body.empty());
  }
}

// A store fault (1.2/4.2) has no InitiateAuthentication INTEGER: HTTP 500, no body.
TEST_F(Asn1Binding, when_initiate_authentication_fails_inside_then_http_500_without_body) {
  const auto p = register_profile();
  const std::string drop =
      "sqlite3 '" + (dir_ / "smdpp.db").string() + "' 'DROP TABLE sessions' >/dev/null 2>&1";
  ASSERT_EQ(std::system(drop.c_str()), 0);
  auto c = card();
  const auto r = download(c, activation_code(p));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure->step, lpa::Step::initiate_authentication);
  ASSERT_FALSE(r.exchanges.empty());
  EXPECT_EQ(r.exchanges.back().http_status, 500);
  EXPECT_TRUE(r.exchanges.back().response_body.empty());
}

// README: a session is the store's, not the binding's; each request is answered in the
// binding of its own path. Here initiateAuthentication goes over JSON and the rest of
// the download over ASN.1.
TEST_F(Asn1Binding, when_a_session_starts_on_json_then_it_continues_on_asn1) {
  const auto p = register_profile();
  auto c = card();
  binding_ = lpa::Es9Binding::json;
  auto json = client();
  binding_ = lpa::Es9Binding::asn1;
  // A transport that sends initiateAuthentication over JSON, everything else over ASN.1,
  // each rendered in its own binding from what the LPA's ASN.1 flow produced.
  class Mixed final : public lpa::Es9Transport {
   public:
    Mixed(lpa::HttpsClient& json, lpa::HttpsClient asn1) : json_(json), asn1_(std::move(asn1)) {}
    Result<lpa::HttpResponse> post(std::string_view address, std::string_view function,
                                   std::string_view body) override {
      if (function != "initiateAuthentication") return asn1_.post(address, function, body);
      auto envelope = asn1::RemoteProfileProvisioningRequestView::decode(as_bytes(body));
      if (!envelope) return fail(lpa::Es9Errc::invalid_field, "not an envelope");
      const auto& ia = std::get<asn1::InitiateAuthenticationRequestView>(envelope->request);
      auto http = json_.post(address, function,
                             lpa::render_initiate_authentication_request(
                                 ia.euicc_challenge, ia.euicc_info1.raw, ia.smdp_address));
      if (!http) return http;
      auto parsed = lpa::parse_initiate_authentication_response(*http);
      if (!parsed || !parsed->header.succeeded()) return http;
      // Hand the LPA's ASN.1 flow the same answer in its binding.
      der::Writer w;
      w.add_constructed(0xBF39, [&](der::Writer& choice) {
        choice.add_constructed(0xA0, [&](der::Writer& ok) {
          ok.add(0x80, parsed->transaction_id)
              .add_raw(parsed->server_signed1)
              .add_raw(parsed->server_signature1)
              .add_raw(parsed->euicc_ci_pkid_to_be_used)
              .add_raw(parsed->server_certificate);
        });
      });
      const Bytes der = asn1::wrap_remote_provisioning(w.take());
      http->body.assign(der.begin(), der.end());
      return http;
    }
    lpa::Es9Binding binding() const override { return lpa::Es9Binding::asn1; }

   private:
    lpa::HttpsClient& json_;
    lpa::HttpsClient asn1_;
  } mixed(json, client());
  lpa::DownloadOptions o;
  o.now = clock_.now();
  const auto r = lpa::download(c, mixed, activation_code(p), o);
  expect_installed(c, r, p);
}

}  // namespace
}  // namespace smdp::e2e
