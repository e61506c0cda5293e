// SPDX-License-Identifier: Apache-2.0
#include "bus/dispatcher.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "base/log.h"
#include "base/strings.h"
#include "http/client.h"

namespace smdp::bus {
namespace {

using nlohmann::json;

constexpr std::string_view kEs2Path = "/gsma/rsp2/es2plus/";
constexpr std::string_view kEs12Path = "/gsma/rsp2/es12/";

std::string trim_slash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

// The peer's functionExecutionStatus in a 200 answer: status and "subject/reason".
std::pair<std::string, std::string> execution_status(const std::string& body) {
  const json parsed = json::parse(body, nullptr, false);
  if (!parsed.is_object()) return {"", ""};
  const json* status = nullptr;
  if (auto h = parsed.find("header"); h != parsed.end() && h->is_object()) {
    if (auto f = h->find("functionExecutionStatus"); f != h->end() && f->is_object()) status = &*f;
  }
  if (status == nullptr) return {"", ""};
  std::string text = status->value("status", "");
  std::string code;
  if (auto d = status->find("statusCodeData"); d != status->end() && d->is_object())
    code = d->value("subjectCode", "") + "/" + d->value("reasonCode", "");
  return {std::move(text), std::move(code)};
}

}  // namespace

struct Dispatcher::Attempt {
  enum class Outcome { delivered, retry, refused } outcome = Outcome::retry;
  std::string detail;  // for last_error and the log
};

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

Dispatcher::Attempt Dispatcher::deliver(const core::OutboxMessage& message) {
  using Outcome = Attempt::Outcome;
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
                              .client_private_key_pem = config_.client_private_key_pem,
                              .connect_to = {},
                              .connect_timeout = config_.connect_timeout,
                              .timeout = config_.timeout});
    if (!client) return {Outcome::retry, "client: " + client.error().message()};
    if (cached != impl_->clients.end()) impl_->clients.erase(cached);
    cached =
        impl_->clients.emplace(message.destination, Impl::Cached{trust, std::move(*client)}).first;
  }

  json body = json::parse(message.body, nullptr, false);
  if (!body.is_object()) return {Outcome::refused, "stored body is not a JSON object"};
  body["header"] = {{"functionRequesterIdentifier", config_.requester_id},
                    {"functionCallIdentifier", function_call_id(message)}};
  auto answer = cached->second.client.post(
      url,
      {{"Content-Type", "application/json;charset=UTF-8"}, {"X-Admin-Protocol", "gsma/rsp/v2.5.0"}},
      body.dump(-1, ' ', false, json::error_handler_t::replace));
  if (!answer) return {Outcome::retry, answer.error().message()};
  if (answer->status == 204) return {Outcome::delivered, "204"};
  if (answer->status != 200) return {Outcome::retry, "HTTP " + std::to_string(answer->status)};
  const auto [status, code] = execution_status(answer->body);
  if (status.empty() || status == "Executed-Success" || status == "Executed-WithWarning")
    return {Outcome::delivered, "200 " + status};
  // An earlier attempt got through (§5.8.1/§5.8.2 codes of the SM-DS).
  if ((message.function == "registerEvent" && code == "8.9.5/3.3") ||
      (message.function == "deleteEvent" && code == "8.9.5/3.9"))
    return {Outcome::delivered, "200 " + status + " " + code};
  return {Outcome::refused, "refused: " + status + " " + code};
}

void Dispatcher::record(core::OutboxMessage message, const Attempt& attempt) {
  using Outcome = Attempt::Outcome;
  const core::TimePoint now = clock_.now();
  message.attempts += 1;
  if (attempt.outcome == Outcome::delivered) {
    message.state = core::OutboxState::delivered;
    message.delivered_at = now;
    message.last_error.clear();
  } else {
    message.last_error = attempt.detail;
    const bool expired = now - message.created_at >= config_.give_up_after;
    if (attempt.outcome == Outcome::refused || expired) {
      message.state = core::OutboxState::undeliverable;
    } else {
      const int doublings = std::min(message.attempts - 1, 20);
      const auto backoff = std::min<std::chrono::seconds>(
          config_.initial_backoff * (std::int64_t{1} << doublings), config_.max_backoff);
      message.next_attempt_at = now + backoff;
    }
  }
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
  for (core::OutboxMessage& message : *claimed) {
    const Attempt attempt = deliver(message);
    if (attempt.outcome == Attempt::Outcome::delivered) ++delivered;
    record(std::move(message), attempt);
  }
  return delivered;
}

void Dispatcher::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] {
    std::unique_lock guard(mutex_);
    while (!stopping_) {
      guard.unlock();
      const int delivered = run_once();
      guard.lock();
      if (delivered == 0)
        wake_.wait_for(guard, config_.poll_interval, [this] { return stopping_; });
    }
  });
}

void Dispatcher::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace smdp::bus
