// SPDX-License-Identifier: Apache-2.0
#include "bus/dispatcher.h"

#include <algorithm>
#include <map>

#include "base/log.h"
#include "base/strings.h"
#include "http/client.h"
#include "json/header.h"
#include "json/outbox_request.h"

namespace smdp::bus {
namespace {

constexpr std::string_view kEs2Path = "/gsma/rsp2/es2plus/";
constexpr std::string_view kEs12Path = "/gsma/rsp2/es12/";

std::string trim_slash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

}  // namespace

// One cached client per destination, rebuilt when the destination's trust changes.
struct Dispatcher::Impl {
  struct Cached {
    std::vector<Bytes> trust;
    http::Client client;
  };
  std::map<std::string, Cached, std::less<>> clients;
};

Dispatcher::Dispatcher(DispatcherConfig config, core::OutboxStore& outbox,
                       core::OperatorStore& operators, const core::Clock& clock,
                       http::Registry* metrics)
    : config_(std::move(config)),
      outbox_(outbox),
      operators_(operators),
      clock_(clock),
      impl_(std::make_unique<Impl>()) {
  if (metrics != nullptr)
    deliveries_ = &metrics->counter("smdp_outbox_attempts_total",
                                    "Outbox delivery attempts by interface and outcome.",
                                    {"interface", "outcome"});
}

Dispatcher::~Dispatcher() { stop(); }

std::string Dispatcher::function_call_id(const core::OutboxMessage& message) const {
  return config_.requester_id + ":" + std::to_string(message.id) + ":" +
         std::to_string(message.created_at.time_since_epoch().count());
}

Verdict Dispatcher::deliver(const core::OutboxMessage& message) {
  using Outcome = Verdict::Outcome;
  std::string url;
  std::vector<Bytes> trust;
  if (message.interface == "es2") {
    auto op = operators_.get_operator(message.destination);
    if (!op) return {Outcome::retry, "store: " + op.error().message()};
    const std::optional<core::OperatorRecord>& found = *op;
    if (!found || found->callback_url.empty())
      return {Outcome::retry, "operator " + message.destination + " has no callback URL"};
    url = trim_slash(found->callback_url) + std::string(kEs2Path) + message.function;
    trust = {found->callback_ca};
  } else {
    const auto smds = std::ranges::find_if(config_.smds, [&](const SmdsEndpoint& s) {
      return equal_ignore_case(s.address, message.destination);
    });
    if (smds == config_.smds.end())
      return {Outcome::retry, "SM-DS " + message.destination + " is not configured"};
    url = trim_slash(smds->url.empty() ? "https://" + smds->address : smds->url) +
          std::string(kEs12Path) + message.function;
    trust = smds->trusted_ca_der;
  }

  auto cached = impl_->clients.find(message.destination);
  if (cached == impl_->clients.end() || cached->second.trust != trust) {
    auto client =
        http::Client::create({.trusted_ca_der = trust,
                              .client_certificate_chain_der = config_.client_certificate_chain_der,
                              .client_private_key = config_.client_private_key,
                              .client_private_key_pem = {},
                              .connect_to = {},
                              .connect_timeout = config_.connect_timeout,
                              .timeout = config_.timeout});
    if (!client) return {Outcome::retry, "client: " + client.error().message()};
    if (cached != impl_->clients.end()) impl_->clients.erase(cached);
    cached =
        impl_->clients.emplace(message.destination, Impl::Cached{trust, std::move(*client)}).first;
  }

  auto body =
      json::render_outbox_request(message.body, config_.requester_id, function_call_id(message));
  if (!body) return {Outcome::refused, body.error().message()};
  auto answer =
      cached->second.client.post(url,
                                 {{"Content-Type", "application/json;charset=UTF-8"},
                                  {"X-Admin-Protocol", std::string(json::kAdminProtocol)}},
                                 *body);
  if (!answer) return {Outcome::retry, answer.error().message()};
  return classify_answer(message.function, static_cast<int>(answer->status), answer->body);
}

void Dispatcher::record(core::OutboxMessage claimed, const Verdict& attempt) {
  using Outcome = Verdict::Outcome;
  core::OutboxMessage message =
      after_attempt(std::move(claimed), attempt, clock_.now(),
                    {config_.initial_backoff, config_.max_backoff, config_.give_up_after});
  const std::string outcome(core::to_string(message.state));
  if (deliveries_ != nullptr)
    deliveries_->inc({message.interface, attempt.outcome == Outcome::retry ? "retry" : outcome});
  log::write(message.state == core::OutboxState::delivered ? log::Level::info : log::Level::warn,
             "outbox.attempt",
             {{"id", std::to_string(message.id)},
              {"interface", message.interface},
              {"function", message.function},
              {"destination", message.destination},
              {"iccid", message.ordering_key},
              {"attempt", std::to_string(message.attempts)},
              {"state", outcome},
              {"detail", attempt.detail}});
  if (auto finished = outbox_.finish_outbox(message); !finished)
    log::warn("outbox.finish",
              {{"id", std::to_string(message.id)}, {"error", finished.error().message()}});
}

int Dispatcher::run_once() {
  auto claimed = outbox_.claim_outbox(clock_.now(), config_.lease, config_.batch);
  if (!claimed) {
    log::warn("outbox.claim", {{"error", claimed.error().message()}});
    return 0;
  }
  int delivered = 0;
  for (core::OutboxMessage& message : *claimed)
    if (attempt(std::move(message)).outcome == Verdict::Outcome::delivered) ++delivered;
  return delivered;
}

Verdict Dispatcher::attempt(core::OutboxMessage message) {
  Verdict verdict = deliver(message);
  record(std::move(message), verdict);
  return verdict;
}

void Dispatcher::start() {
  poller_.start(config_.poll_interval, [this] { return run_once(); });
}

void Dispatcher::stop() { poller_.stop(); }

}  // namespace smdp::bus
