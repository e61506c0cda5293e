// SPDX-License-Identifier: Apache-2.0
// The generated download sessions (shared/testdata/generated/session_*), one per curve:
// each message as a DER file plus session.json with the values inside them.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "testdata.h"

namespace smdp::asn1::testing {

struct Session {
  std::string name;   // "session_nist" or "session_brp"
  std::string curve;  // certificate file suffix: "NIST" or "BRP"
  nlohmann::json json;

  Bytes file(const std::string& der_name) const {
    return smdp::testing::read_file(smdp::testing::testdata("generated/" + name + "/" + der_name));
  }
  // A hex value of session.json, as bytes.
  Bytes bytes(const std::string& key) const { return smdp::testing::hex(text(key)); }
  std::string text(const std::string& key) const { return json.at(key).get<std::string>(); }
  // An SGP.26 test certificate, e.g. certificate("DPauth/CERT_S_SM_DPauth_ECDSA").
  Bytes certificate(const std::string& stem) const {
    return smdp::testing::read_file(
        smdp::testing::testdata("certs/" + stem + "_" + curve + ".der"));
  }
};

inline Session load_session(const std::string& name) {
  Session s{name, name == "session_nist" ? "NIST" : "BRP", {}};
  s.json = nlohmann::json::parse(
      smdp::testing::read_text(smdp::testing::testdata("generated/" + name + "/session.json")));
  return s;
}

inline const std::vector<std::string>& session_names() {
  static const std::vector<std::string> names{"session_nist", "session_brp"};
  return names;
}

inline std::string hex_of(ByteView b) { return to_hex(b); }
inline Bytes bytes_of(ByteView b) { return Bytes(b.begin(), b.end()); }

}  // namespace smdp::asn1::testing
