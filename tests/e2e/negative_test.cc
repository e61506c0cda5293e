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
