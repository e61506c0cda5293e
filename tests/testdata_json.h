// SPDX-License-Identifier: Apache-2.0
// The JSON fixtures of testdata/, on top of testdata.h (link nlohmann_json): the BSP
// known answers and the generated download sessions, each message a DER file plus
// session.json with every key and intermediate value.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <utility>

#include "testdata.h"

namespace smdp::testing {

inline nlohmann::json read_json(const std::filesystem::path& path) {
  return nlohmann::json::parse(read_text(path));
}

// bsp/bsp_kat.json, read once.
inline const nlohmann::json& bsp_kat() {
  static const nlohmann::json kat = read_json(testdata("bsp/bsp_kat.json"));
  return kat;
}

// One generated session (generated/<name>/): its messages and its session.json.
struct Session {
  // name: one of kSessions.
  explicit Session(std::string session_name)
      : name(std::move(session_name)),
        curve(curve_of(name)),
        json(read_json(session_path(name, "session.json"))) {}

  // The session's folder.
  std::filesystem::path dir() const { return session_path(name); }
  // One message, e.g. der("authenticateServerRequest.der").
  Bytes der(const std::string& file) const { return session_message(name, file); }
  // A hex value of session.json as bytes, e.g. value("transactionId").
  Bytes value(const std::string& key) const { return hex(text(key)); }
  // A value of session.json as it stands, e.g. text("serverAddress").
  std::string text(const std::string& key) const { return json.at(key).get<std::string>(); }
  // The SGP.26 certificate of this session's curve: certificate("DPauth/CERT_S_SM_DPauth_ECDSA").
  Bytes certificate(const std::string& stem) const { return cert(stem, curve); }
  // An SGP.26 file of this session's curve: cert_path("DPpb/SK_S_SM_DPpb_ECDSA", ".pem").
  std::filesystem::path cert_path(const std::string& stem,
                                  std::string_view extension = ".der") const {
    return smdp::testing::cert_path(stem, curve, extension);
  }

  std::string name;     // "session_nist" or "session_brp"
  std::string curve;    // the SGP.26 file suffix: "NIST" or "BRP"
  nlohmann::json json;  // session.json

 private:
  static std::string curve_of(const std::string& name) {
    if (name == "session_nist") return "NIST";
    if (name == "session_brp") return "BRP";
    throw std::invalid_argument("no generated session " + name);
  }
};

}  // namespace smdp::testing
