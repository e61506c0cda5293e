// SPDX-License-Identifier: Apache-2.0
// ES9+ JSON binding tests: the generated sessions (nist, brp) as request bodies.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "asn1/cancel_session.h"
#include "core/rsp_messages.h"
#include "core/status.h"
#include "json/base64.h"
#include "json/fields.h"
#include "json/status.h"
#include "testdata_json.h"

namespace smdp::es9::testing {

// What the ES9+ binding's tests name: core's status codes, request and result types, and
// the JSON edge's readers and renderers.
using namespace smdp::core;
using smdp::json::base64_decode;
using smdp::json::base64_encode;
using smdp::json::Errc;
using smdp::json::kMaxRequestBodySize;
using smdp::json::render_failure;
using smdp::json::status_code;

using smdp::testing::hex;
using smdp::testing::kSessions;
using smdp::testing::read_file;
using smdp::testing::read_text;

// A generated session (testdata_json.h: der(), value(), text()) and its ES9+ request bodies.
struct Session : smdp::testing::Session {
  using smdp::testing::Session::Session;

  std::string b64(const std::string& file) const { return base64_encode(der(file)); }

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
