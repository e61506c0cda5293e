// SPDX-License-Identifier: Apache-2.0
// Shared by the euicc-sim commands: their common options (CLI11), opening the simulated
// device from its identity and state directory, saving it back, and the HTTPS client.
#pragma once

#include <CLI/CLI.hpp>
#include <expected>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/run.h"
#include "device_identity.h"
#include "euicc/card.h"
#include "https_client.h"
#include "sim_state.h"

namespace euicc_sim {

// The identity, state and connection options every command takes.
struct Options {
  std::string state_dir = "var/euicc-sim";
  std::string pki_dir;  // empty: not given
  std::string curve = "nist";
  std::string eid;
  smdp::lpa::IdentityFiles files;       // explicit SGP.26-style files
  std::vector<std::string> connect_to;  // --connect, repeatable: round-robin per ES9+ call
  std::string es9_binding = "json";     // or "asn1"
  bool verbose = false;
};

// Adds Options' command-line options (and --config, a TOML/INI file of them) to `app`.
void add_common_options(CLI::App& app, Options& o);

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

int download_main(int argc, char** argv);  // download_command.cc
int list_main(int argc, char** argv);      // list_command.cc
int notify_main(int argc, char** argv);    // notify_command.cc
int info_main(int argc, char** argv);      // info_command.cc

}  // namespace euicc_sim
