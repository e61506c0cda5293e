// SPDX-License-Identifier: Apache-2.0
// ES9+ JSON binding tests: the generated sessions (nist, brp) as request bodies.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "asn1/cancel_session.h"
#include "es9/base64.h"
#include "testdata.h"

namespace smdp::es9::testing {

using smdp::testing::hex;
using smdp::testing::read_file;
using smdp::testing::read_text;

inline const char* const kSessions[] = {"session_nist", "session_brp"};

struct Session {
  std::string dir;
  nlohmann::json values;

  explicit Session(const std::string& name)
      : dir(smdp::testing::testdata("generated/" + name).string()),
        values(nlohmann::json::parse(read_text(dir + "/session.json"))) {}

  Bytes der(const std::string& file) const { return read_file(dir + "/" + file); }
  std::string b64(const std::string& file) const { return base64_encode(der(file)); }
  Bytes value(const std::string& key) const { return hex(values.at(key).get<std::string>()); }
  std::string text(const std::string& key) const { return values.at(key).get<std::string>(); }

  std::string initiate_authentication_body() const {
    return nlohmann::json{{"euiccChallenge", base64_encode(value("euiccChallenge"))},
                          {"euiccInfo1", b64("euiccInfo1.der")},
                          {"smdpAddress", text("serverAddress")}}
        .dump();
  }
  std::string authenticate_client_body() const {
    return nlohmann::json{{"transactionId", text("transactionId")},
                          {"authenticateServerResponse", b64("authenticateServerResponse.der")}}
        .dump();
  }
  std::string get_bound_profile_package_body() const {
    return nlohmann::json{{"transactionId", text("transactionId")},
                          {"prepareDownloadResponse", b64("prepareDownloadResponse.der")}}
        .dump();
  }
  std::string handle_notification_body() const {
    return nlohmann::json{{"pendingNotification", b64("profileInstallationResult.der")}}.dump();
  }
  // No fixture for CancelSessionResponse: a Postponed one with a dummy signature.
  Bytes cancel_session_response() const {
    asn1::CancelSessionResponseOk ok;
    ok.euicc_cancel_session_signed.transaction_id = value("transactionId");
    ok.euicc_cancel_session_signed.smdp_oid = *asn1::oid_from_text("2.999.10");
    ok.euicc_cancel_session_signed.reason = asn1::kCancelPostponed;
    ok.euicc_cancel_session_signature = Bytes(64, 0x11);
    asn1::CancelSessionResponse response;
    response.result = std::move(ok);
    return response.encode();
  }
  std::string cancel_session_body() const {
    return nlohmann::json{{"transactionId", text("transactionId")},
                          {"cancelSessionResponse", base64_encode(cancel_session_response())}}
        .dump();
  }
};

// The status of a rendered body, for assertions.
inline nlohmann::json status_of(const std::string& body) {
  return nlohmann::json::parse(body).at("header").at("functionExecutionStatus");
}

}  // namespace smdp::es9::testing
