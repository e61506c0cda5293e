// SPDX-License-Identifier: Apache-2.0
// A SoftHSM2 token for one test binary (test_<module>_hsm, label `hsm`; see
// smdp_add_test's HSM keyword in tests/CMakeLists.txt): its own token directory and
// configuration in a fresh temporary directory (SOFTHSM2_CONF points there for this
// process, before the module is loaded: a module is loaded once per process, so is the
// token, SoftHsm::instance()), initialised by `softhsm2-util`, with private keys imported
// into it. Failures throw std::runtime_error: the test fails, never skips.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>
#include <string>

namespace smdp::testing {

class SoftHsm {
 public:
  static constexpr const char* kModule = "/usr/lib/softhsm/libsofthsm2.so";
  static constexpr const char* kToken = "smdpp-test";
  static constexpr const char* kPin = "4321";

  static SoftHsm& instance() {
    static SoftHsm token;
    return token;
  }

  SoftHsm() {
    std::string dir = (std::filesystem::temp_directory_path() / "smdpp-hsm-XXXXXX").string();
    if (mkdtemp(dir.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    dir_ = dir;
    std::filesystem::create_directory(dir_ / "tokens");
    std::ofstream(dir_ / "softhsm2.conf") << "directories.tokendir = " << (dir_ / "tokens").string()
                                          << "\nobjectstore.backend = file\nlog.level = ERROR\n";
    ::setenv("SOFTHSM2_CONF", (dir_ / "softhsm2.conf").c_str(), 1);
    run("softhsm2-util --init-token --free --label " + std::string(kToken) + " --pin " + kPin +
        " --so-pin 87654321");
  }
  ~SoftHsm() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  SoftHsm(const SoftHsm&) = delete;
  SoftHsm& operator=(const SoftHsm&) = delete;

  // Imports the private key `pkcs8_pem` (PKCS#8 PEM, unencrypted) as object `label`
  // (id `id`, hex), unless the token has an object of that label already.
  void import(const std::string& pkcs8_pem, const std::string& label, const std::string& id) {
    if (!imported_.insert(label).second) return;
    const std::string file = (dir_ / (label + ".pem")).string();
    std::ofstream(file) << pkcs8_pem;
    run("softhsm2-util --import '" + file + "' --token " + kToken + " --label " + label + " --id " +
        id + " --pin " + kPin);
    std::filesystem::remove(file);
  }

  // The URI of object `label`'s private key.
  static std::string uri(const std::string& label) {
    return "pkcs11:token=" + std::string(kToken) + ";object=" + label + ";type=private";
  }

 private:
  void run(const std::string& command) {
    const std::string log = (dir_ / "softhsm2-util.log").string();
    if (std::system((command + " >>'" + log + "' 2>&1").c_str()) != 0)
      throw std::runtime_error("failed (package softhsm2?): " + command + "; see " + log);
  }

  std::filesystem::path dir_;
  std::set<std::string> imported_;
};

}  // namespace smdp::testing
