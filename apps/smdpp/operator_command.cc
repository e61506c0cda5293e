// SPDX-License-Identifier: Apache-2.0
// `smdpp operator add|update|list`: the operators (MNOs) that use ES2+ (core/operator_store.h),
// and `smdpp outbox list|retry`: the messages owed to operators and SM-DSs
// (core/outbox.h), for the operator on call.
#include <iostream>

#include "base/strings.h"
#include "commands.h"
#include "core/callbacks.h"
#include "core/clock.h"
#include "data_store.h"
#include "pki/certificate.h"

namespace smdpp {
namespace {

using namespace smdp;

struct OperatorOptions {
  core::OperatorRecord record;
  std::string client_ca_file;
  std::string callback_ca_file;
};

// A name usable as functionRequesterIdentifier: 1..64 of [A-Za-z0-9._-].
bool valid_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  return std::ranges::all_of(name, [](char c) {
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' ||
           c == '_' || c == '-';
  });
}

// The certificate in `path` (DER or PEM) as DER.
std::expected<Bytes, std::string> certificate_der(const std::string& path) {
  auto cert = pki::Certificate::from_file(path);
  if (!cert) return std::unexpected(path + ": " + cert.error().message());
  return cert->der();
}

// Fills the record from the options and checks it; the message says what is wrong.
std::expected<void, std::string> complete(OperatorOptions& o) {
  core::OperatorRecord& r = o.record;
  if (!valid_name(r.name)) return std::unexpected("--name: 1 to 64 of A-Z a-z 0-9 . _ -");
  if (r.client_cn.empty()) return std::unexpected("--client-cn is required");
  auto client_ca = certificate_der(o.client_ca_file);
  if (!client_ca) return std::unexpected("--client-ca " + client_ca.error());
  r.client_ca = std::move(*client_ca);
  if (!r.callback_url.empty()) {
    if (!r.callback_url.starts_with("https://") || r.callback_url.size() <= 8)
      return std::unexpected("--callback-url must be https://HOST[:PORT][/PREFIX]");
    if (o.callback_ca_file.empty())
      return std::unexpected("--callback-ca is required with --callback-url");
    auto callback_ca = certificate_der(o.callback_ca_file);
    if (!callback_ca) return std::unexpected("--callback-ca " + callback_ca.error());
    r.callback_ca = std::move(*callback_ca);
  }
  if (!core::valid_state_change_points(r.state_change_points))
    return std::unexpected("--state-points: e.g. enable=6,disable=7,delete=8 (values >= 5)");
  return {};
}

int save_operator(const DataOptions& d, OperatorOptions& o, bool update) {
  const char* command = update ? "operator update" : "operator add";
  if (auto ok = complete(o); !ok) return report_failure(command, ok.error());
  auto store = open_store(d);
  if (!store) return report_failure(command, store.error());
  o.record.created_at = core::SystemClock{}.now();
  auto saved = update ? (*store)->update_operator(o.record) : (*store)->add_operator(o.record);
  if (!saved) return report_failure(command, saved.error());
  std::cout << "operator " << o.record.name << " (client CN " << o.record.client_cn
            << (o.record.callback_url.empty() ? ", no callbacks"
                                              : ", callbacks to " + o.record.callback_url)
            << "); restart `smdpp serve` to trust a new client CA\n";
  return 0;
}

int list_operators(const DataOptions& d) {
  auto store = open_store(d);
  if (!store) return report_failure("operator list", store.error());
  auto all = (*store)->list_operators();
  if (!all) return report_failure("operator list", all.error());
  for (const core::OperatorRecord& r : *all) {
    auto ca = pki::Certificate::from_der(r.client_ca);
    std::cout << r.name << "  client-cn=" << r.client_cn
              << "  client-ca=" << (ca ? ca->common_name().value_or("?") : "?")
              << "  callback=" << (r.callback_url.empty() ? "-" : r.callback_url)
              << "  state-points=" << (r.state_change_points.empty() ? "-" : r.state_change_points)
              << "\n";
  }
  return 0;
}

struct OutboxOptions {
  std::string state;
  std::size_t limit = 50;
  std::int64_t id = 0;
};

int list_outbox(const DataOptions& d, const OutboxOptions& o) {
  std::optional<core::OutboxState> state;
  if (!o.state.empty()) state = core::outbox_state_from_string(o.state);
  auto store = open_store(d);
  if (!store) return report_failure("outbox list", store.error());
  auto all = (*store)->list_outbox(state, o.limit);
  if (!all) return report_failure("outbox list", all.error());
  for (const core::OutboxMessage& m : *all) {
    std::cout << m.id << "  " << core::to_string(m.state) << "  " << m.interface << "/"
              << m.function << "  to=" << m.destination << "  iccid=" << m.ordering_key
              << "  attempts=" << m.attempts
              << "  created=" << core::format_timestamp(m.created_at);
    if (m.state == core::OutboxState::pending)
      std::cout << "  next=" << core::format_timestamp(m.next_attempt_at);
    if (m.delivered_at) std::cout << "  delivered=" << core::format_timestamp(*m.delivered_at);
    if (!m.last_error.empty()) std::cout << "  error=\"" << m.last_error << "\"";
    std::cout << "\n";
  }
  return 0;
}

int retry_outbox(const DataOptions& d, const OutboxOptions& o) {
  auto store = open_store(d);
  if (!store) return report_failure("outbox retry", store.error());
  auto requeued = (*store)->requeue_outbox(o.id, core::SystemClock{}.now());
  if (!requeued) return report_failure("outbox retry", requeued.error());
  if (!*requeued)
    return report_failure("outbox retry", "message " + std::to_string(o.id) +
                                              " does not exist or is not undeliverable");
  std::cout << "message " << o.id << " pending again\n";
  return 0;
}

}  // namespace

int operator_main(int argc, char** argv) {
  CLI::App app("Operators (MNOs) that use ES2+: their TLS client identity and callbacks.",
               "smdpp operator");
  app.require_subcommand(1);
  DataOptions d;
  app.set_config("--config", "", "read options from a TOML/INI file");
  add_data_options(app, d);
  OperatorOptions o;
  CLI::App* add_cmd = app.add_subcommand("add", "add an operator");
  CLI::App* update_cmd = app.add_subcommand("update", "replace an operator's settings");
  for (CLI::App* c : {add_cmd, update_cmd}) {
    c->add_option("--name", o.record.name, "its functionRequesterIdentifier")->required();
    c->add_option("--client-cn", o.record.client_cn, "subject CN of its ES2+ client certificate")
        ->required();
    c->add_option("--client-ca", o.client_ca_file, "the CA issuing that certificate (DER/PEM)")
        ->required();
    c->add_option("--callback-url", o.record.callback_url,
                  "its ES2+ base URL for HandleDownloadProgressInfo (https://...)");
    c->add_option("--callback-ca", o.callback_ca_file,
                  "the CA its callback endpoint's TLS certificate chains to (DER/PEM)");
    c->add_option("--state-points", o.record.state_change_points,
                  "vendor notification points for eUICC state changes, e.g. "
                  "enable=6,disable=7,delete=8 (default: none sent)");
  }
  CLI::App* list_cmd = app.add_subcommand("list", "list operators");
  for (CLI::App* c : {add_cmd, update_cmd, list_cmd}) c->fallthrough();
  return smdp::cli::run(app, argc, argv, [&] {
    if (add_cmd->parsed()) return save_operator(d, o, false);
    if (update_cmd->parsed()) return save_operator(d, o, true);
    return list_operators(d);
  });
}

int outbox_main(int argc, char** argv) {
  CLI::App app("The outbox: callbacks to operators and ES12 events owed to SM-DSs.",
               "smdpp outbox");
  app.require_subcommand(1);
  DataOptions d;
  app.set_config("--config", "", "read options from a TOML/INI file");
  add_data_options(app, d);
  OutboxOptions o;
  CLI::App* list_cmd = app.add_subcommand("list", "messages, newest first");
  list_cmd->add_option("--state", o.state, "pending, delivered or undeliverable")
      ->check(CLI::IsMember({"pending", "delivered", "undeliverable"}));
  list_cmd->add_option("--limit", o.limit, "at most this many")->capture_default_str();
  CLI::App* retry_cmd = app.add_subcommand("retry", "send an undeliverable message again");
  retry_cmd->add_option("--id", o.id, "the message")->required();
  for (CLI::App* c : {list_cmd, retry_cmd}) c->fallthrough();
  return smdp::cli::run(app, argc, argv, [&] {
    if (retry_cmd->parsed()) return retry_outbox(d, o);
    return list_outbox(d, o);
  });
}

}  // namespace smdpp
