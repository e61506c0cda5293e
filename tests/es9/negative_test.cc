// SPDX-License-Identifier: Apache-2.0
// ES9+ request validation (SGP.22 §6.5): every malformed body maps to the generic codes
// 1.6/2.1 (invalid, field named) or 1.6/2.2 (mandatory missing), never to a crash.
#include <gtest/gtest.h>

#include <functional>

#include "es9/authenticate_client.h"
#include "es9/cancel_session.h"
#include "es9/get_bound_profile_package.h"
#include "es9/handle_notification.h"
#include "es9/initiate_authentication.h"
#include "es9_fixtures.h"
#include "json/fields.h"
#include "json/status.h"

namespace smdp::es9 {
namespace {

using namespace testing;  // Session, and core's codes and types, json's readers
using Json = nlohmann::json;

// A parser reduced to "the error, if any".
using Parse = std::function<std::optional<Error>(std::string_view)>;

template <class F>
Parse wrap(F f) {
  return [f](std::string_view body) -> std::optional<Error> {
    auto r = f(body);
    if (r) return std::nullopt;
    return r.error();
  };
}

struct Function {
  const char* name;
  Parse parse;
  std::string (Session::*body)() const;
};

const Function kFunctions[] = {
    {"initiateAuthentication", wrap(parse_initiate_authentication_request),
     &Session::initiate_authentication_body},
    {"authenticateClient", wrap(parse_authenticate_client_request),
     &Session::authenticate_client_body},
    {"getBoundProfilePackage", wrap(parse_get_bound_profile_package_request),
     &Session::get_bound_profile_package_body},
    {"handleNotification", wrap(parse_handle_notification_request),
     &Session::handle_notification_body},
    {"cancelSession", wrap(parse_cancel_session_request), &Session::cancel_session_body},
};

const Session& nist() {
  static const Session s("session_nist");
  return s;
}

// Expects `body` to fail with `code`, naming `field` in the failure message.
void expect_failure(const Function& f, const std::string& body, StatusCode code,
                    std::string_view field) {
  auto error = f.parse(body);
  ASSERT_TRUE(error) << f.name << ": accepted " << body.substr(0, 200);
  EXPECT_EQ(status_code(*error), code) << f.name << " " << error->message();
  const auto status = testing::status_of(render_failure(*error));
  EXPECT_EQ(status["status"], "Failed");
  EXPECT_NE(status["statusCodeData"]["message"].get<std::string>().find(field), std::string::npos)
      << f.name << " " << error->message();
}

TEST(Negative, when_a_mandatory_field_missing_then_1_6_2_2_naming_it) {
  for (const auto& f : kFunctions) {
    const Json valid = Json::parse((nist().*f.body)());
    for (const auto& [key, value] : valid.items()) {
      Json body = valid;
      body.erase(key);
      expect_failure(f, body.dump(), kMandatoryElementMissing, key);
    }
  }
}

TEST(Negative, when_a_field_has_the_wrong_json_type_then_1_6_2_1_naming_it) {
  for (const auto& f : kFunctions) {
    const Json valid = Json::parse((nist().*f.body)());
    for (const auto& [key, value] : valid.items()) {
      for (const Json& wrong : {Json(42), Json(nullptr), Json::array({"x"}), Json::object()}) {
        Json body = valid;
        body[key] = wrong;
        expect_failure(f, body.dump(), kInvalidParameter, key);
      }
    }
  }
}

TEST(Negative, when_base64_field_malformed_then_1_6_2_1_naming_it) {
  for (const auto& f : kFunctions) {
    const Json valid = Json::parse((nist().*f.body)());
    for (const auto& [key, value] : valid.items()) {
      if (key == "smdpAddress" || key == "transactionId") continue;
      const std::string good = value.get<std::string>();
      for (const std::string& bad : {good.substr(1), good + "\n", "!" + good.substr(1),
                                     good.substr(0, 4) + "\r\n" + good.substr(4)}) {
        Json body = valid;
        body[key] = bad;
        expect_failure(f, body.dump(), kInvalidParameter, key);
      }
    }
  }
}

TEST(Negative, when_der_field_of_another_type_then_1_6_2_1_naming_it) {
  const std::pair<const char*, const char*> fields[] = {
      {"euiccInfo1", "authenticateServerResponse.der"},
      {"authenticateServerResponse", "prepareDownloadResponse.der"},
      {"prepareDownloadResponse", "euiccInfo1.der"},
      {"pendingNotification", "euiccInfo1.der"},
      {"cancelSessionResponse", "authenticateServerResponse.der"}};
  for (const auto& f : kFunctions) {
    const Json valid = Json::parse((nist().*f.body)());
    for (const auto& [field, other] : fields) {
      if (!valid.contains(field)) continue;
      Json body = valid;
      body[field] = nist().b64(other);
      expect_failure(f, body.dump(), kInvalidParameter, field);
      // Right type with a trailing byte: not exactly one element.
      const Bytes der = *base64_decode(valid[field].get<std::string>());
      Bytes longer = der;
      longer.push_back(0x00);
      body[field] = base64_encode(longer);
      expect_failure(f, body.dump(), kInvalidParameter, field);
      // Truncated.
      body[field] = base64_encode(ByteView(der).first(der.size() - 1));
      expect_failure(f, body.dump(), kInvalidParameter, field);
    }
  }
}

TEST(Negative, when_transaction_id_not_hex_or_wrong_size_then_1_6_2_1) {
  for (const auto& f : kFunctions) {
    const Json valid = Json::parse((nist().*f.body)());
    if (!valid.contains("transactionId")) continue;
    for (const char* bad :
         {"", "0", "0g", "01 23", "0x0123", "0123456789abcdef0123456789abcdef00"}) {  // 17 octets
      Json body = valid;
      body["transactionId"] = bad;
      expect_failure(f, body.dump(), kInvalidParameter, "transactionId");
    }
  }
}

TEST(Negative, when_euicc_challenge_not_16_octets_then_1_6_2_1) {
  Json body = Json::parse(nist().initiate_authentication_body());
  body["euiccChallenge"] = base64_encode(Bytes(15, 1));
  expect_failure(kFunctions[0], body.dump(), kInvalidParameter, "euiccChallenge");
}

TEST(Negative, when_body_is_not_a_json_object_then_1_6_2_1) {
  for (const auto& f : kFunctions) {
    for (const char* bad : {"", "{", "not json", "[]", "\"x\"", "42", "null", "{\"a\":1,}",
                            "{\"a\":\"\xff\"}", "{} trailing"}) {
      expect_failure(f, bad, kInvalidParameter, "body");
    }
  }
}

TEST(Negative, when_deeply_nested_json_then_refused_without_crash) {
  const std::string deep = std::string(30000, '[') + std::string(30000, ']');
  for (const auto& f : kFunctions) expect_failure(f, deep, kInvalidParameter, "body");
}

TEST(Negative, when_body_above_limit_then_refused_before_parsing) {
  for (const auto& f : kFunctions) {
    Json body = Json::parse((nist().*f.body)());
    body["padding"] = std::string(kMaxRequestBodySize, 'a');
    auto error = f.parse(body.dump());
    ASSERT_TRUE(error);
    EXPECT_EQ(error->code, Errc::body_too_large);
    EXPECT_EQ(status_code(*error), kInvalidParameter);
  }
}

TEST(Negative, when_unknown_members_present_then_ignored) {
  for (const auto& f : kFunctions) {
    Json body = Json::parse((nist().*f.body)());
    body["vendorExtension"] = {{"x", 1}};
    EXPECT_FALSE(f.parse(body.dump())) << f.name;
  }
}

}  // namespace
}  // namespace smdp::es9
