// SPDX-License-Identifier: Apache-2.0
// ES9+ JSON messages, LPA side (SGP.22 §6.5): request rendering and response parsing,
// including malformed responses, which must be error values.
#include "es9_messages.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "der/writer.h"
#include "json/base64.h"

namespace smdp::lpa {
namespace {

using nlohmann::json;

HttpResponse ok_body(const json& j) { return HttpResponse{200, {}, j.dump()}; }

json success_header() { return {{"functionExecutionStatus", {{"status", "Executed-Success"}}}}; }

std::string b64(ByteView v) { return smdp::json::base64_encode(v); }

// Minimal TLVs of the right tags (the LPA checks framing, the card the contents).
const Bytes kSigned1 = der::tlv(0x30, Bytes{0x80, 0x01, 0x01});
const Bytes kSignature = der::tlv(0x5F37, Bytes(64, 0xAB));
const Bytes kSki = der::tlv(0x04, Bytes(20, 0x11));
const Bytes kCert = der::tlv(0x30, Bytes{0x02, 0x01, 0x05});

json initiate_ok() {
  return {{"header", success_header()},       {"transactionId", "0123456789ABCDEF"},
          {"serverSigned1", b64(kSigned1)},   {"serverSignature1", b64(kSignature)},
          {"euiccCiPKIdToBeUsed", b64(kSki)}, {"serverCertificate", b64(kCert)}};
}

TEST(Es9Requests, when_rendering_initiate_authentication_then_fields_are_base64_and_address) {
  const Bytes challenge(16, 0x42);
  const Bytes info1 = der::tlv(0xBF20, Bytes{0x82, 0x03, 2, 3, 0});
  const json j =
      json::parse(render_initiate_authentication_request(challenge, info1, "smdp.example.com"));
  EXPECT_EQ(j.at("euiccChallenge"), b64(challenge));
  EXPECT_EQ(j.at("euiccInfo1"), b64(info1));
  EXPECT_EQ(j.at("smdpAddress"), "smdp.example.com");
  EXPECT_EQ(j.size(), 3u);
}

TEST(Es9Requests, when_rendering_session_requests_then_transaction_id_is_hex) {
  const Bytes tid{0x01, 0xAB, 0xFF};
  const Bytes der = der::tlv(0xBF38, Bytes{0xA0, 0x00});
  json j = json::parse(render_authenticate_client_request(tid, der));
  EXPECT_EQ(j.at("transactionId"), "01ABFF");
  EXPECT_EQ(j.at("authenticateServerResponse"), b64(der));
  j = json::parse(render_get_bound_profile_package_request(tid, der));
  EXPECT_EQ(j.at("transactionId"), "01ABFF");
  EXPECT_EQ(j.at("prepareDownloadResponse"), b64(der));
  j = json::parse(render_cancel_session_request(tid, der));
  EXPECT_EQ(j.at("cancelSessionResponse"), b64(der));
  j = json::parse(render_handle_notification_request(der));
  EXPECT_EQ(j.at("pendingNotification"), b64(der));
  EXPECT_EQ(j.size(), 1u);
}

TEST(Es9Responses, when_initiate_authentication_succeeds_then_every_tlv_is_kept_whole) {
  auto r = parse_initiate_authentication_response(ok_body(initiate_ok()));
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_TRUE(r->header.succeeded());
  EXPECT_EQ(r->transaction_id, (Bytes{0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF}));
  EXPECT_EQ(r->server_signed1, kSigned1);
  EXPECT_EQ(r->server_signature1, kSignature);
  EXPECT_EQ(r->euicc_ci_pkid_to_be_used, kSki);
  EXPECT_EQ(r->server_certificate, kCert);
}

TEST(Es9Responses, when_status_is_failed_then_codes_are_returned_without_payload) {
  const json j = {{"header",
                   {{"functionExecutionStatus",
                     {{"status", "Failed"},
                      {"statusCodeData",
                       {{"subjectCode", "8.2.6"},
                        {"reasonCode", "3.8"},
                        {"message", "matching id refused"}}}}}}}};
  auto r = parse_authenticate_client_response(ok_body(j));
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_FALSE(r->header.succeeded());
  EXPECT_EQ(r->header.codes(), "8.2.6/3.8");
  EXPECT_EQ(r->header.status_code_data->message, "matching id refused");
  EXPECT_TRUE(r->transaction_id.empty());
}

TEST(Es9Responses, when_failed_lacks_status_code_data_then_missing_field) {
  const json j = {{"header", {{"functionExecutionStatus", {{"status", "Failed"}}}}}};
  auto r = parse_cancel_session_response(ok_body(j));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, make_error_code(Es9Errc::missing_field));
}

TEST(Es9Responses, when_executed_with_warning_then_payload_is_read) {
  json j = initiate_ok();
  j["header"]["functionExecutionStatus"]["status"] = "Executed-WithWarning";
  auto r = parse_initiate_authentication_response(ok_body(j));
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->header.succeeded());
}

struct Malformed {
  const char* name;
  HttpResponse http;
  Es9Errc expected;
};

class Es9MalformedResponses : public ::testing::TestWithParam<Malformed> {};

TEST_P(Es9MalformedResponses, when_response_is_malformed_then_error_value) {
  auto r = parse_initiate_authentication_response(GetParam().http);
  ASSERT_FALSE(r) << GetParam().name;
  EXPECT_EQ(r.error().code, make_error_code(GetParam().expected)) << r.error().message();
}

HttpResponse with(const char* field, const json& value) {
  json j = initiate_ok();
  j[field] = value;
  return ok_body(j);
}
HttpResponse without(const char* field) {
  json j = initiate_ok();
  j.erase(field);
  return ok_body(j);
}

INSTANTIATE_TEST_SUITE_P(
    All, Es9MalformedResponses,
    ::testing::Values(
        Malformed{"http500", HttpResponse{500, {}, initiate_ok().dump()},
                  Es9Errc::unexpected_http_status},
        Malformed{"http204", HttpResponse{204, {}, ""}, Es9Errc::unexpected_http_status},
        Malformed{"not json", HttpResponse{200, {}, "{\"header\":"}, Es9Errc::invalid_json},
        Malformed{"array", HttpResponse{200, {}, "[1,2]"}, Es9Errc::invalid_json},
        Malformed{"empty body", HttpResponse{200, {}, ""}, Es9Errc::invalid_json},
        Malformed{"no header", without("header"), Es9Errc::missing_field},
        Malformed{"header not object", with("header", "x"), Es9Errc::invalid_field},
        Malformed{"unknown status",
                  with("header", {{"functionExecutionStatus", {{"status", "Done"}}}}),
                  Es9Errc::invalid_field},
        Malformed{"status not string",
                  with("header", {{"functionExecutionStatus", {{"status", 1}}}}),
                  Es9Errc::invalid_field},
        Malformed{"no transactionId", without("transactionId"), Es9Errc::missing_field},
        Malformed{"transactionId odd hex", with("transactionId", "ABC"), Es9Errc::invalid_field},
        Malformed{"transactionId too long", with("transactionId", std::string(34, 'A')),
                  Es9Errc::invalid_field},
        Malformed{"transactionId empty", with("transactionId", ""), Es9Errc::invalid_field},
        Malformed{"transactionId number", with("transactionId", 12), Es9Errc::invalid_field},
        Malformed{"no serverSigned1", without("serverSigned1"), Es9Errc::missing_field},
        Malformed{"bad base64", with("serverSigned1", "MAMCAQ=!"), Es9Errc::invalid_field},
        Malformed{"base64 with newline", with("serverSigned1", "MAMC\nAQU="),
                  Es9Errc::invalid_field},
        Malformed{"signature wrong tag", with("serverSignature1", b64(kCert)),
                  Es9Errc::invalid_field},
        Malformed{"ski wrong tag", with("euiccCiPKIdToBeUsed", b64(kCert)), Es9Errc::invalid_field},
        Malformed{"truncated DER", with("serverCertificate", b64(Bytes{0x30, 0x05, 0x02})),
                  Es9Errc::invalid_field},
        Malformed{"trailing bytes", with("serverCertificate", b64(concat(kCert, Bytes{0x00}))),
                  Es9Errc::invalid_field},
        Malformed{"certificate null", with("serverCertificate", nullptr), Es9Errc::invalid_field}),
    [](const auto& p) {
      std::string n = p.param.name;
      for (char& c : n)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      return n;
    });

TEST(Es9Responses, when_bound_profile_package_is_not_bf36_then_invalid_field) {
  const json j = {
      {"header", success_header()}, {"transactionId", "01"}, {"boundProfilePackage", b64(kCert)}};
  auto r = parse_get_bound_profile_package_response(ok_body(j));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, make_error_code(Es9Errc::invalid_field));
  EXPECT_NE(r.error().context.find("boundProfilePackage"), std::string::npos);
}

TEST(Es9Responses, when_authenticate_client_succeeds_then_all_fields_are_read) {
  const Bytes metadata = der::tlv(0xBF25, Bytes{0x5A, 0x00});
  const json j = {{"header", success_header()},        {"transactionId", "01"},
                  {"profileMetadata", b64(metadata)},  {"smdpSigned2", b64(kSigned1)},
                  {"smdpSignature2", b64(kSignature)}, {"smdpCertificate", b64(kCert)}};
  auto r = parse_authenticate_client_response(ok_body(j));
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r->profile_metadata, metadata);
  EXPECT_EQ(r->smdp_signature2, kSignature);
}

TEST(Es9Responses, when_handle_notification_answers_204_then_ok_else_error) {
  EXPECT_TRUE(check_handle_notification_response(HttpResponse{204, {}, ""}));
  auto r = check_handle_notification_response(HttpResponse{200, {}, "{}"});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, make_error_code(Es9Errc::unexpected_http_status));
}

}  // namespace
}  // namespace smdp::lpa
