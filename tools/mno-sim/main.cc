// SPDX-License-Identifier: Apache-2.0
// mno-sim: the receiving end of the SM-DP+'s outbound calls, for tests and demos.
// Serves HTTPS (TLS 1.2+) and requires a client certificate chaining to --client-ca
// (SGP.22 §2.6.6: the SM-DP+ authenticates with its TLS certificate). Every POST is
// appended to --record as one JSON line {"path", "functionCallIdentifier", "body"}
// (the body as received, parsed when it is JSON) and answered as --answer says:
//   success  204 No Content (SGP.22 §6.5.1.4: a notification needs no response body)
//   failed   200 with header.functionExecutionStatus Failed 8.1/4.2 (a refusal)
//   error    500 (a broken back end: the SM-DP+ retries)
// Prints "mno-sim listening on https://HOST:PORT" once ready; stops on SIGTERM/SIGINT.
#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>

#include "base/file.h"
#include "cli/run.h"
#include "http/server.h"
#include "pki/certificate.h"

namespace {

using namespace smdp;

struct Options {
  std::string listen = "127.0.0.1:0";
  std::string cert;
  std::string key;
  std::vector<std::string> client_cas;
  std::string record = "mno-sim.jsonl";
  std::string answer = "success";
};

http::Response answer(const std::string& mode) {
  if (mode == "error") return {500, {}, ""};
  if (mode == "failed") {
    const nlohmann::json body = {{"header",
                                  {{"functionExecutionStatus",
                                    {{"status", "Failed"},
                                     {"statusCodeData",
                                      {{"subjectCode", "8.1"},
                                       {"reasonCode", "4.2"},
                                       {"message", "refused by mno-sim"}}}}}}}};
    return {200, {{"Content-Type", "application/json"}}, body.dump()};
  }
  return {204, {}, ""};
}

int run(const Options& o) {
  auto cert = pki::Certificate::from_file(o.cert);
  auto key = read_file(o.key);
  if (!cert || !key) return std::cerr << "mno-sim: cannot read --cert or --key\n", 1;
  http::ServerConfig config;
  const auto colon = o.listen.rfind(':');
  config.address = o.listen.substr(0, colon);
  config.port = static_cast<std::uint16_t>(std::stoul(o.listen.substr(colon + 1)));
  config.threads = 2;
  config.tls = http::TlsConfig{{{{cert->der()}, std::string(key->begin(), key->end())}}, {}};
  for (const std::string& file : o.client_cas) {
    auto ca = pki::Certificate::from_file(file);
    if (!ca) return std::cerr << "mno-sim: " << file << ": " << ca.error().message() << "\n", 1;
    config.tls->client_ca_der.push_back(ca->der());
  }
  std::mutex mutex;
  std::ofstream record(o.record, std::ios::app);
  if (!record) return std::cerr << "mno-sim: cannot open " << o.record << "\n", 1;
  auto server = http::Server::start(config, [&](const http::Request& r) {
    nlohmann::json line = {{"path", r.target}};
    auto body = nlohmann::json::parse(r.body, nullptr, false);
    line["body"] = body.is_discarded() ? nlohmann::json(r.body) : body;
    if (body.is_object() && body.contains("header") && body["header"].is_object())
      line["functionCallIdentifier"] = body["header"].value("functionCallIdentifier", "");
    {
      std::lock_guard lock(mutex);
      record << line.dump() << std::endl;
    }
    return answer(o.answer);
  });
  if (!server) return std::cerr << "mno-sim: " << server.error().message() << "\n", 1;
  std::cout << "mno-sim listening on https://" << config.address << ":" << (*server)->port()
            << std::endl;
  http::wait_for_termination_signal();
  (*server)->stop(std::chrono::seconds{1});
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("A test MNO back end: records the SM-DP+'s HTTPS callbacks.", "mno-sim");
  Options o;
  app.add_option("--listen", o.listen, "HOST:PORT (port 0: any)")->capture_default_str();
  app.add_option("--cert", o.cert, "TLS server certificate (DER or PEM)")->required();
  app.add_option("--key", o.key, "its private key (PEM)")->required();
  app.add_option("--client-ca", o.client_cas, "CA the caller's certificate chains to")->required();
  app.add_option("--record", o.record, "JSON lines file, appended")->capture_default_str();
  app.add_option("--answer", o.answer, "success, failed or error")
      ->check(CLI::IsMember({"success", "failed", "error"}))
      ->capture_default_str();
  return smdp::cli::run(app, argc, argv, [&] { return run(o); });
}
