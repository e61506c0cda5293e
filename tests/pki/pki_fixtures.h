// SPDX-License-Identifier: Apache-2.0
// Shared helpers of the pki tests: SGP.26 file paths (as strings, from testdata.h),
// fixed times, CI sets.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "pki/certificate.h"
#include "pki/ci_set.h"
#include "testdata.h"

namespace smdp::pki::testing {

using smdp::testing::kCurves;  // "NIST", "BRP"
using smdp::testing::read_file;
using smdp::testing::testdata;

inline TimePoint at(int y, unsigned m, unsigned d) {
  return std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}
// Inside every SGP.26 certificate's validity, the VARO TLS ones included.
inline const TimePoint kSgp26Now = at(2026, 9, 1);

// certs/<relative>.
inline std::string certs(const std::string& relative) {
  return smdp::testing::cert_path(relative).string();
}
// The SGP.26 CI, EUM and eUICC certificates of curve c: "NIST" or "BRP".
inline std::string ci_path(const std::string& c) {
  return smdp::testing::cert_path("CertificateIssuer/CERT_CI_ECDSA", c).string();
}
inline std::string eum_path(const std::string& c) {
  return smdp::testing::cert_path("EUM/CERT_EUM_ECDSA", c).string();
}
inline std::string euicc_path(const std::string& c) {
  return smdp::testing::cert_path("eUICC/CERT_EUICC_ECDSA", c).string();
}

inline Certificate load(const std::string& path) {
  auto c = Certificate::from_file(path);
  if (!c) throw std::runtime_error(c.error().message());
  return *c;
}

// The SGP.26 CIs of both curves.
inline CiSet sgp26_cis() {
  CiSet cis;
  for (const char* c : {"NIST", "BRP"}) {
    if (auto r = cis.add(load(ci_path(c))); !r) throw std::runtime_error(r.error().message());
  }
  return cis;
}

// subjectKeyIdentifiers of the SGP.26 CIs.
inline const Bytes kNistCiSki = smdp::testing::hex("F54172BDF98A95D65CBEB88A38A1C11D800A85C3");
inline const Bytes kBrpCiSki = smdp::testing::hex("C0BC70BA36929D43B467FF57570530E57AB8FCD8");

// The error code of a result; no error for a value.
template <class T>
std::error_code code_of(const Result<T>& r) {
  return r ? std::error_code{} : r.error().code;
}

}  // namespace smdp::pki::testing
