// SPDX-License-Identifier: Apache-2.0
// Refusals over real HTTPS, each with its exact SGP.22 subject/reason code (SGP.22 §5.6,
// docs/SGP22-CODES.md), and what the order looks like afterwards: still downloadable,
// or consumed where the specification says so.
#include <nlohmann/json.hpp>

#include "asn1/authenticate_server.h"
#include "device_identity.h"
#include "e2e_fixture.h"
#include "pki/test_pki.h"
#include "tamper.h"

namespace smdp::e2e {
namespace {

class Refusal : public E2e {
 protected:
  // After a refusal the order must still be downloadable.
  void expect_still_downloadable(const core::ProfileRecord& p, std::string_view curve = "nist") {
    auto c = card(curve);
    const auto r = download(c, activation_code(p));
    EXPECT_TRUE(r.ok()) << codes(r);
  }
  std::string failed_codes(const lpa::HttpResponse& r) {
    EXPECT_EQ(r.status, 200);
    auto j = nlohmann::json::parse(r.body, nullptr, false);
    if (j.is_discarded()) return "not json";
    const auto& s = j["header"]["functionExecutionStatus"];
    if (s["status"] != "Failed") return "not failed";
    return s["statusCodeData"]["subjectCode"].get<std::string>() + "/" +
           s["statusCodeData"]["reasonCode"].get<std::string>();
  }
};

TEST_F(Refusal, when_smdp_address_is_not_ours_then_8_8_1_3_8) {
  const auto p = register_profile();
  auto c = card();
  lpa::DownloadOptions o;
  o.tamper_request = [](std::string_view fn, std::string& body) {
    if (fn != "initiateAuthentication") return;
    auto j = nlohmann::json::parse(body);
    j["smdpAddress"] = "other-smdp.example.com";
    body = j.dump();
  };
  EXPECT_EQ(codes(download(c, activation_code(p), o)), "8.8.1/3.8");
  expect_still_downloadable(p);
}

TEST_F(Refusal, when_euicc_trusts_only_an_unknown_ci_then_8_8_2_3_1) {
  const auto p = register_profile();
  pki::TestPkiParams params;
  params.now = clock_.now();
  auto other_ci = pki::issue_ci(crypto::Curve::nist_p256, params, crypto::system_rng());
  ASSERT_TRUE(other_ci);
  auto c = card("nist", kEidA, [&](euicc::CardConfig& config) {
    config.ci_certificates = {other_ci->cert.der()};
  });
  EXPECT_EQ(codes(download(c, activation_code(p))), "8.8.2/3.1");
  expect_still_downloadable(p);
}

TEST_F(Refusal, when_euicc_chains_to_a_ci_we_do_not_know_then_8_11_1_3_9) {
  const auto p = register_profile();
  pki::TestPkiParams params;
  params.now = clock_.now();
  const std::vector<std::string> eids = {std::string(kEidA)};
  auto other = pki::create_test_pki(crypto::Curve::nist_p256, eids, params, crypto::system_rng());
  ASSERT_TRUE(other);
  // The card lists our CI (it can verify us), but its own certificates are another CI's.
  auto c = card("nist", kEidA, [&](euicc::CardConfig& config) {
    config.euicc_certificate = other->euiccs[0].cert.der();
    config.eum_certificate = other->eum.cert.der();
    config.euicc_private_key = std::move(other->euiccs[0].key);
  });
  EXPECT_EQ(codes(download(c, activation_code(p))), "8.11.1/3.9");
  expect_still_downloadable(p);
}

TEST_F(Refusal, when_euicc_signature1_is_tampered_then_8_1_6_1) {
  const auto p = register_profile();
  auto c = card();
  lpa::DownloadOptions o;
  o.tamper_request = [](std::string_view fn, std::string& body) {
    if (fn == "authenticateClient")
      tamper_der_field(body, "authenticateServerResponse", flip_first_signature);
  };
  EXPECT_EQ(codes(download(c, activation_code(p), o)), "8.1/6.1");
  expect_still_downloadable(p);
}

TEST_F(Refusal, when_server_challenge_differs_but_is_signed_then_8_1_6_1) {
  const auto p = register_profile();
  auto c = card();
  auto files = lpa::pki_dir_identity(pki_dir().string(), "nist", kEidA);
  auto key = crypto::EcPrivateKey::from_pem_file(files->euicc_key);
  ASSERT_TRUE(key);
  lpa::DownloadOptions o;
  o.tamper_request = [&](std::string_view fn, std::string& body) {
    if (fn != "authenticateClient") return;
    tamper_der_field(body, "authenticateServerResponse", [&](Bytes& der) {
      auto v = asn1::AuthenticateServerResponseView::decode(der);
      ASSERT_TRUE(v);
      const auto& ok = std::get<asn1::AuthenticateResponseOkView>(v->result);
      const std::size_t challenge = offset_in(der, ok.euicc_signed1.server_challenge);
      const std::size_t signed_at = offset_in(der, ok.euicc_signed1.raw);
      const std::size_t signed_size = ok.euicc_signed1.raw.size();
      const std::size_t sig = offset_in(der, ok.euicc_signature1);
      der[challenge] ^= 0xFF;
      resign(der, signed_at, signed_size, sig, *key);
    });
  };
  EXPECT_EQ(codes(download(c, activation_code(p), o)), "8.1/6.1");
  expect_still_downloadable(p);
}

TEST_F(Refusal, when_transaction_id_is_unknown_then_8_10_1_3_9) {
  const auto p = register_profile();
  auto c = card();
  lpa::DownloadOptions o;
  o.tamper_request = [](std::string_view fn, std::string& body) {
    if (fn != "authenticateClient") return;
    auto j = nlohmann::json::parse(body);
    j["transactionId"] = "00112233445566778899AABBCCDDEEFF";
    body = j.dump();
  };
  EXPECT_EQ(codes(download(c, activation_code(p), o)), "8.10.1/3.9");
  expect_still_downloadable(p);
}

TEST_F(Refusal, when_matching_id_is_unknown_then_8_2_6_3_8) {
  const auto p = register_profile();
  auto c = card();
  EXPECT_EQ(codes(download(c, "1$" + std::string(kAddress) + "$NOT-A-REAL-ORDER")), "8.2.6/3.8");
  expect_still_downloadable(p);
}

TEST_F(Refusal, when_no_order_exists_for_the_eid_then_8_2_6_3_8) {
  auto c = card();
  EXPECT_EQ(codes(download(c, "1$" + std::string(kAddress) + "$")), "8.2.6/3.8");
}

TEST_F(Refusal, when_profile_is_bound_to_another_eid_then_8_1_1_3_8) {
  core::ProfileRegistration reg;
  reg.eid = std::string(kEidB);
  const auto p = register_profile(reg);
  auto a = card("nist", kEidA);
  EXPECT_EQ(codes(download(a, activation_code(p))), "8.1.1/3.8");
  auto b = card("nist", kEidB);
  EXPECT_TRUE(download(b, activation_code(p)).ok());
}

TEST_F(Refusal, when_confirmation_code_is_wrong_until_the_limit_then_order_is_consumed) {
  core::ProfileRegistration reg;
  reg.confirmation_code = "1234";
  reg.max_confirmation_attempts = 2;
  const auto p = register_profile(reg);
  auto c = card();
  lpa::DownloadOptions o;
  o.confirmation_code = "9999";
  EXPECT_EQ(codes(download(c, activation_code(p), o)), "8.2.7/3.8");
  EXPECT_EQ(profile(p.iccid).state, core::ProfileState::released);
  EXPECT_EQ(codes(download(c, activation_code(p), o)), "8.2.7/6.4");
  EXPECT_EQ(profile(p.iccid).state, core::ProfileState::error);
  o.confirmation_code = "1234";
  EXPECT_EQ(codes(download(c, activation_code(p), o)), "8.2/1.2");  // consumed
}

TEST_F(Refusal, when_euicc_signature2_is_tampered_then_8_1_6_1) {
  const auto p = register_profile();
  auto c = card();
  lpa::DownloadOptions o;
  o.tamper_request = [](std::string_view fn, std::string& body) {
    if (fn == "getBoundProfilePackage")
      tamper_der_field(body, "prepareDownloadResponse", flip_first_signature);
  };
  EXPECT_EQ(codes(download(c, activation_code(p), o)), "8.1/6.1");
  expect_still_downloadable(p);
}

TEST_F(Refusal, when_session_expires_before_get_bound_profile_package_then_8_10_1_3_9) {
  const auto p = register_profile();
  auto c = card();
  lpa::DownloadOptions o;
  o.tamper_request = [&](std::string_view fn, std::string&) {
    if (fn == "getBoundProfilePackage") clock_.advance(std::chrono::seconds{601});
  };
  EXPECT_EQ(codes(download(c, activation_code(p), o)), "8.10.1/3.9");
  EXPECT_EQ(profile(p.iccid).state, core::ProfileState::released);
  expect_still_downloadable(p);  // the expired session no longer holds the profile
}

TEST_F(Refusal, when_order_has_expired_then_8_8_5_4_10) {
  core::ProfileRegistration reg;
  reg.order_ttl = std::chrono::seconds{60};
  const auto p = register_profile(reg);
  clock_.advance(std::chrono::seconds{61});
  auto c = card();
  EXPECT_EQ(codes(download(c, activation_code(p))), "8.8.5/4.10");
}

TEST_F(Refusal, when_download_attempts_are_exhausted_then_8_8_5_6_4) {
  core::ProfileRegistration reg;
  reg.max_download_attempts = 1;
  const auto p = register_profile(reg);
  auto c = card();
  lpa::DownloadOptions o;
  o.stop_after = lpa::Step::authenticate_client;
  EXPECT_EQ(download(c, activation_code(p), o).failure->error.code, lpa::LpaErrc::stopped);
  EXPECT_EQ(codes(download(c, activation_code(p))), "8.8.5/6.4");
}

TEST_F(Refusal, when_euicc_lacks_memory_then_8_1_4_8) {
  const auto p = register_profile();
  auto c = card("nist", kEidA, [](euicc::CardConfig& config) { config.free_nvm = 1000; });
  EXPECT_EQ(codes(download(c, activation_code(p))), "8.1/4.8");
  expect_still_downloadable(p);
}

TEST_F(Refusal, when_euicc_does_not_support_the_saip_version_then_8_2_5_4_3) {
  const auto p = register_profile();
  auto c = card("nist", kEidA, [](euicc::CardConfig& config) { config.profile_version = "2.1.0"; });
  EXPECT_EQ(codes(download(c, activation_code(p))), "8.2.5/4.3");
  expect_still_downloadable(p);
}

TEST_F(Refusal, when_json_is_malformed_then_1_6_2_1) {
  EXPECT_EQ(failed_codes(post("initiateAuthentication", "{\"euiccChallenge\": ")), "1.6/2.1");
}

TEST_F(Refusal, when_base64_is_bad_then_1_6_2_1) {
  const std::string body =
      R"({"euiccChallenge":"AAECAwQFBgcICQoLDA0ODw==","euiccInfo1":"@@@@","smdpAddress":"testsmdpplus1.example.com"})";
  EXPECT_EQ(failed_codes(post("initiateAuthentication", body)), "1.6/2.1");
}

TEST_F(Refusal, when_der_is_truncated_then_1_6_2_1) {
  const std::string body =
      R"({"euiccChallenge":"AAECAwQFBgcICQoLDA0ODw==","euiccInfo1":"vyAFggMCAw==","smdpAddress":"testsmdpplus1.example.com"})";
  EXPECT_EQ(failed_codes(post("initiateAuthentication", body)), "1.6/2.1");
}

TEST_F(Refusal, when_mandatory_field_is_missing_then_1_6_2_2) {
  EXPECT_EQ(failed_codes(post("authenticateClient", R"({"transactionId":"0011"})")), "1.6/2.2");
}

TEST_F(Refusal, when_body_is_oversized_then_http_413) {
  const std::string body = "{\"x\":\"" + std::string(70 * 1024, 'A') + "\"}";
  EXPECT_EQ(post("initiateAuthentication", body).status, 413);
}

TEST_F(Refusal, when_x_admin_protocol_is_wrong_then_1_3_2_3_1) {
  EXPECT_EQ(failed_codes(post("initiateAuthentication", "{}", "gsma/rsp/v1.0.0")), "1.3.2/3.1");
  EXPECT_EQ(failed_codes(post("initiateAuthentication", "{}", "something-else")), "1.3.2/3.1");
}

TEST_F(Refusal, when_x_admin_protocol_is_valid_then_it_is_echoed) {
  const auto r = post("initiateAuthentication", "{}", "gsma/rsp/v2.4.0");
  EXPECT_EQ(r.header("X-Admin-Protocol"), "gsma/rsp/v2.4.0");
}

TEST_F(Refusal, when_function_is_unknown_then_http_404) {
  EXPECT_EQ(post("getEverything", "{}").status, 404);
}

}  // namespace
}  // namespace smdp::e2e
