// SPDX-License-Identifier: Apache-2.0
// The simulated device's state directory and identity loading (pki directory layout of
// `smdpp pki init`, and the GSMA SGP.26 files).
#include "sim_state.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "device_identity.h"
#include "testdata.h"

namespace smdp::lpa {
namespace {

namespace fs = std::filesystem;

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() /
           ("lpa-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    fs::remove_all(path);
  }
  ~TempDir() { fs::remove_all(path); }
  static int& counter() {
    static int c = 0;
    return c;
  }
};

std::string certs(const std::string& rel) { return smdp::testing::cert_path(rel).string(); }

IdentityFiles sgp26_nist() {
  return {certs("eUICC/CERT_EUICC_ECDSA_NIST.der"),
          certs("eUICC/SK_EUICC_ECDSA_NIST.pem"),
          certs("EUM/CERT_EUM_ECDSA_NIST.der"),
          {certs("CertificateIssuer/CERT_CI_ECDSA_NIST.der")}};
}

TEST(SimState, when_identity_is_saved_then_it_loads_back_equal) {
  TempDir dir;
  const StoredIdentity id{sgp26_nist(), "89049032123451234512345678901235"};
  ASSERT_TRUE(save_identity(dir.path / "sub", id));
  auto loaded = load_stored_identity(dir.path / "sub");
  ASSERT_TRUE(loaded) << loaded.error().message();
  ASSERT_TRUE(loaded->has_value());
  EXPECT_EQ((*loaded)->files, id.files);
  EXPECT_EQ((*loaded)->eid, id.eid);
}

TEST(SimState, when_directory_is_empty_then_nothing_is_stored) {
  TempDir dir;
  auto id = load_stored_identity(dir.path);
  ASSERT_TRUE(id);
  EXPECT_FALSE(id->has_value());
  auto blob = load_card_state(dir.path);
  ASSERT_TRUE(blob);
  EXPECT_FALSE(blob->has_value());
}

TEST(SimState, when_card_state_is_saved_then_bytes_round_trip_and_file_is_private) {
  TempDir dir;
  const Bytes blob{0, 1, 2, 0xFF, 0x7F};
  ASSERT_TRUE(save_card_state(dir.path, blob));
  ASSERT_TRUE(save_card_state(dir.path, blob));  // replaced, not appended
  auto loaded = load_card_state(dir.path);
  ASSERT_TRUE(loaded);
  ASSERT_TRUE(loaded->has_value());
  EXPECT_EQ(**loaded, blob);
  const auto perms = fs::status(dir.path / "card.state").permissions();
  EXPECT_EQ(perms & (fs::perms::group_all | fs::perms::others_all), fs::perms::none);
  EXPECT_FALSE(fs::exists(dir.path / "card.state.tmp"));
}

TEST(SimState, when_identity_json_is_corrupt_then_error_value) {
  TempDir dir;
  fs::create_directories(dir.path);
  for (const char* text :
       {"not json", "[]", R"({"eid":"1"})",
        R"({"eid":"1","euiccCert":"a","euiccKey":"b","eumCert":"c","ciCerts":[]})",
        R"({"eid":"1","euiccCert":"a","euiccKey":"b","eumCert":"c","ciCerts":[1]})"}) {
    std::ofstream(dir.path / "identity.json") << text;
    auto r = load_stored_identity(dir.path);
    ASSERT_FALSE(r) << text;
    EXPECT_EQ(r.error().code, make_error_code(StateErrc::corrupt));
  }
}

TEST(DeviceIdentity, when_sgp26_files_are_given_then_card_config_has_the_sgp26_eid) {
  auto config = load_identity(sgp26_nist());
  ASSERT_TRUE(config) << config.error().message();
  EXPECT_EQ(config->eid, "89049032123451234512345678901235");
  EXPECT_EQ(config->ci_certificates.size(), 1u);
  EXPECT_EQ(config->euicc_private_key.curve(), crypto::Curve::nist_p256);
}

TEST(DeviceIdentity, when_key_belongs_to_another_certificate_then_key_mismatch) {
  IdentityFiles f = sgp26_nist();
  f.euicc_key = certs("EUM/SK_EUM_ECDSA_NIST.pem");
  auto config = load_identity(f);
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().code, make_error_code(IdentityErrc::key_mismatch));
}

TEST(DeviceIdentity, when_a_file_is_missing_or_not_a_certificate_then_error_value) {
  IdentityFiles f = sgp26_nist();
  f.eum_cert = "/nonexistent/eum.der";
  auto r = load_identity(f);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, make_error_code(IdentityErrc::not_found));
  f = sgp26_nist();
  f.ci_certs = {certs("eUICC/SK_EUICC_ECDSA_NIST.pem")};
  r = load_identity(f);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, make_error_code(IdentityErrc::invalid_file));
}

TEST(DeviceIdentity, when_pki_dir_has_the_layout_of_smdpp_pki_init_then_files_are_found) {
  TempDir dir;
  const fs::path nist = dir.path / "nist";
  fs::create_directories(nist);
  const std::string eid = "89049032123451234512345678901235";
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {certs("eUICC/CERT_EUICC_ECDSA_NIST.der"), "euicc-" + eid + ".der"},
           {certs("eUICC/SK_EUICC_ECDSA_NIST.pem"), "euicc-" + eid + ".key.pem"},
           {certs("EUM/CERT_EUM_ECDSA_NIST.der"), "eum.der"},
           {certs("CertificateIssuer/CERT_CI_ECDSA_NIST.der"), "ci.der"}})
    fs::copy_file(from, nist / to);
  auto files = pki_dir_identity(dir.path.string(), "nist", "");
  ASSERT_TRUE(files) << files.error().message();
  EXPECT_EQ(files->euicc_cert, (nist / ("euicc-" + eid + ".der")).string());
  auto config = load_identity(*files);
  ASSERT_TRUE(config) << config.error().message();
  EXPECT_EQ(config->eid, eid);

  auto other = pki_dir_identity(dir.path.string(), "nist", "89049032000000000000000000000000");
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, make_error_code(IdentityErrc::not_found));
  auto brp = pki_dir_identity(dir.path.string(), "brp", "");
  ASSERT_FALSE(brp);
}

}  // namespace
}  // namespace smdp::lpa
