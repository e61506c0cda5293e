// SPDX-License-Identifier: Apache-2.0
// The one loader of the test data for tests: testdata/ at the repository root
// (SMDPP_TESTDATA_DIR; testdata/README.md says where each item comes from). Paths and
// bytes of any file, of a generated-session message, of an SGP.26 certificate or key
// and of a SAIP profile package. The JSON fixtures (session.json of the generated
// sessions, the BSP known answers) are read by testdata_json.h, which needs nlohmann_json.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "base/bytes.h"

namespace smdp::testing {

// ---- Any file.

// testdata/<relative>.
inline std::filesystem::path testdata(const std::string& relative) {
  return std::filesystem::path(SMDPP_TESTDATA_DIR) / relative;
}

inline Bytes read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline std::string read_text(const std::filesystem::path& path) {
  Bytes b = read_file(path);
  return std::string(b.begin(), b.end());
}

inline Bytes hex(std::string_view h) {
  auto b = from_hex(h);
  if (!b) throw std::runtime_error("bad hex in test");
  return *b;
}

// ---- generated/: one complete download session per curve.

// The session names, NIST P-256 first.
inline constexpr const char* kSessions[] = {"session_nist", "session_brp"};

// generated/<session>/<file>, e.g. session_path("session_nist", "euiccInfo1.der"); without
// a file, the session's folder.
inline std::filesystem::path session_path(std::string_view session, std::string_view file = {}) {
  auto dir = testdata("generated/" + std::string(session));
  return file.empty() ? dir : dir / file;
}
// The bytes of one message (a DER file) of a generated session.
inline Bytes session_message(std::string_view session, std::string_view file) {
  return read_file(session_path(session, file));
}

// ---- certs/: the GSMA SGP.26 v3 test PKI.

// The SGP.26 file suffixes: "NIST" (P-256) and "BRP" (brainpoolP256r1).
inline constexpr const char* kCurves[] = {"NIST", "BRP"};

// certs/<relative>, e.g. cert_path("invalid/CERT_EUM_ECDSA_NIST_EXPIRED.der").
inline std::filesystem::path cert_path(const std::string& relative) {
  return testdata("certs/" + relative);
}
// certs/<stem>_<curve><extension>, e.g. cert_path("DPpb/SK_S_SM_DPpb_ECDSA", "BRP", ".pem").
inline std::filesystem::path cert_path(const std::string& stem, std::string_view curve,
                                       std::string_view extension = ".der") {
  return cert_path(stem + "_" + std::string(curve) + std::string(extension));
}
// The bytes of a file under certs/ (a certificate's DER): cert("EUM/CERT_EUM_ECDSA_NIST.der").
inline Bytes cert(const std::string& relative) { return read_file(cert_path(relative)); }
// The DER certificate certs/<stem>_<curve>.der: cert("eUICC/CERT_EUICC_ECDSA", "BRP").
inline Bytes cert(const std::string& stem, std::string_view curve) {
  return read_file(cert_path(stem, curve));
}

// ---- profiles/: unprotected SAIP profile packages.

// The GSMA TS.48 v7 package most tests bind, install or personalise.
inline constexpr std::string_view kTs48v7 = "gsma-ts48-v7/TS48_V7.0_eSIM_GTP_SAIP2.3_NoBERTLV.der";

// profiles/<relative>.
inline std::filesystem::path profile_path(std::string_view relative) {
  return testdata("profiles/" + std::string(relative));
}
inline Bytes profile(std::string_view relative) { return read_file(profile_path(relative)); }

// Every profile package (*.der below profiles/: 36 pySim TS.48 v1-v5, 4 GSMA TS.48 v7),
// sorted by path.
inline std::vector<std::filesystem::path> profile_packages() {
  std::vector<std::filesystem::path> out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(testdata("profiles"))) {
    if (entry.is_regular_file() && entry.path().extension() == ".der") {
      out.push_back(entry.path());
    }
  }
  std::ranges::sort(out);
  return out;
}

}  // namespace smdp::testing
