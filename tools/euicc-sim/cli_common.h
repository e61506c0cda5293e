// SPDX-License-Identifier: Apache-2.0
// Shared by the euicc-sim commands: option parsing, opening the simulated device from
// its identity and state directory, saving it back, and the HTTPS client.
#pragma once

#include <expected>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "device_identity.h"
#include "euicc/card.h"
#include "https_client.h"
#include "sim_state.h"

namespace euicc_sim {

struct Options {
  std::vector<std::string> positional;
  std::filesystem::path state_dir = "var/euicc-sim";
  std::string pki_dir;  // empty: not given
  std::string curve = "nist";
  std::string eid;
  smdp::lpa::IdentityFiles files;  // explicit SGP.26-style files
  std::string connect_to;
  std::optional<std::string> confirmation_code;
  std::optional<std::string> imei;  // 15 or 16 digits
  bool reject = false;
  bool forward_auth_error = false;
  bool verbose = false;
  bool help = false;
};

// Parses argv[1..] (argv[0] is the command name). Unknown options are errors.
std::expected<Options, std::string> parse_options(int argc, char** argv);

// A simulated device: the card restored from the state directory.
struct Device {
  smdp::lpa::StoredIdentity identity;
  std::vector<smdp::Bytes> ci_certificates;
  std::unique_ptr<smdp::euicc::Card> card;
};

// Identity: explicit files, else --pki, else the state directory's, else ./var/pki.
// A state directory already bound to another EID is refused.
std::expected<Device, std::string> open_device(const Options& o);
// Writes identity.json and card.state.
std::expected<void, std::string> save_device(const Options& o, const Device& d);

std::expected<smdp::lpa::HttpsClient, std::string> make_client(const Options& o, const Device& d);

// Common option help, appended to each command's.
extern const char* const kCommonHelp;

int download_main(int argc, char** argv);  // download_command.cc
int list_main(int argc, char** argv);      // list_command.cc
int notify_main(int argc, char** argv);    // notify_command.cc
int info_main(int argc, char** argv);      // info_command.cc

}  // namespace euicc_sim
