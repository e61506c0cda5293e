// SPDX-License-Identifier: Apache-2.0
// The end-to-end fixture: a fresh test PKI on both curves (CI, EUM, eUICCs, DPauth,
// DPpb, TLS) written in the `smdpp pki init` layout, an SM-DP+ Service on ephemeral
// ports with a SQLite file in a temporary directory and a manual clock, and software
// eUICCs that download over real HTTPS through the LPA.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "core/clock.h"
#include "core/profile_registration.h"
#include "euicc/card.h"
#include "https_client.h"
#include "lpa.h"
#include "server/service.h"

namespace smdp::e2e {

inline constexpr std::string_view kAddress = "testsmdpplus1.example.com";
// Two EIDs per curve under the EUM prefix 89049032.
inline constexpr std::string_view kEidA = "89049032123451234512345678901235";
inline constexpr std::string_view kEidB = "89049032000000000000000000000019";
// Two more eUICCs of the test PKI, for tests that need four distinct ones.
inline constexpr std::string_view kEidC = "89049032000000000000000000000027";
inline constexpr std::string_view kEidD = "89049032000000000000000000000035";

// A profile package from testdata/ (TS.48 v7, 12 kB).
const Bytes& ts48_profile();

class E2e : public testing::Test {
 public:
  // Creates the PKI once per test binary (in a directory shared by all tests).
  static void SetUpTestSuite();

  void SetUp() override;
  void TearDown() override;

  // (Re)starts the service with `tweak` applied to the default configuration.
  void start_service(const std::function<void(server::ServiceConfig&)>& tweak = {});
  // That default configuration: this test's database and keys, the test PKI of both
  // curves, no housekeeping thread, an admin port.
  server::ServiceConfig service_config() const;

  // Registers the TS.48 profile (ICCID from its header unless reg.iccid is set).
  core::ProfileRecord register_profile(core::ProfileRegistration reg = {});
  std::string activation_code(const core::ProfileRecord& p) const;
  core::ProfileRecord profile(const std::string& iccid);

  // A software eUICC from the test PKI ("nist" or "brp", kEidA to kEidD).
  euicc::Card card(std::string_view curve = "nist", std::string_view eid = kEidA,
                   const std::function<void(euicc::CardConfig&)>& tweak = {});
  // An LPA transport to our service, trusting both test CIs, in `binding_`.
  lpa::HttpsClient client(std::string admin_protocol = "gsma/rsp/v2.2.0");
  // Runs the whole download with a fresh client.
  lpa::DownloadResult download(euicc::Card& card, std::string_view activation_code,
                               lpa::DownloadOptions options = {});
  // A raw POST to our ES9+ function.
  lpa::HttpResponse post(std::string_view function, std::string_view body,
                         std::string admin_protocol = "gsma/rsp/v2.2.0");
  // GET http://127.0.0.1:<admin>/metrics body.
  std::string metrics();

  static std::filesystem::path pki_dir();
  std::filesystem::path dir_;  // this test's temporary directory
  core::ManualClock clock_{core::SystemClock{}.now()};
  std::unique_ptr<server::Service> service_;
  lpa::Es9Binding binding_ = lpa::Es9Binding::json;  // of client(), download(), post()
};

// "8.2.6/3.8" of a failed download, "" if none.
std::string codes(const lpa::DownloadResult& r);

}  // namespace smdp::e2e
