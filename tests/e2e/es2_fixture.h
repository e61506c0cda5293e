// SPDX-License-Identifier: Apache-2.0
// The ES2+ end-to-end fixture (SGP.22 §5.3, JSON binding §6.5): the SM-DP+ service with
// its ES2+ listener (mutual TLS), test operators with their own CAs and client
// certificates, an operator back end that receives HandleDownloadProgressInfo
// (§5.3.5) and a test SM-DS that receives ES12 RegisterEvent / DeleteEvent (§5.8),
// all over real HTTPS on 127.0.0.1. The outbox is delivered by driving the service's
// dispatcher by hand (ServiceConfig::dispatch = false), so tests are deterministic.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/inventory_store.h"
#include "core/operator_store.h"
#include "core/profile_types.h"
#include "e2e_fixture.h"
#include "http/server.h"
#include "pki/certificate_set.h"

namespace smdp::e2e {

// An operator as the SM-DP+ knows it (name, CA) and as it authenticates (its client
// certificate, CN "<name>.example.com").
struct TestOperator {
  std::string name;
  const pki::Credential* ca = nullptr;
  const pki::Credential* client = nullptr;
};
const TestOperator& mno1();
const TestOperator& mno2();
// A client certificate from a CA no operator uses, with mno1's CN.
const pki::Credential& rogue_client();
// mno1's CA also issues a certificate whose CN is no operator's.
const pki::Credential& unknown_cn_client();

inline constexpr std::string_view kSmdsAddress = "smds.example.com";

// A peer of the SM-DP+ (the operator's ES2+ back end or an SM-DS): HTTPS on
// 127.0.0.1 with a "localhost" certificate, requiring a client certificate from the
// SM-DP+'s CIs. Records every request; answers 204 (`es12`: 200 with
// Executed-Success), or a refusal (200 Failed, see refuse()), or HTTP 503 for the first
// `unavailable_first` requests (the request still arrived: a lost answer).
class PeerReceiver {
 public:
  struct Call {
    std::string function;  // the last path segment
    nlohmann::json body;
    std::string call_id;  // header.functionCallIdentifier
    Bytes client_leaf;    // the SM-DP+'s client certificate
  };

  PeerReceiver(const pki::Credential& server_leaf, std::vector<Bytes> client_cas, bool es12);
  ~PeerReceiver();
  // Listens on `port` (0: ephemeral, else the port it had before stop()).
  void start(std::uint16_t port = 0);
  void stop();
  std::uint16_t port() const { return port_; }
  std::string url() const { return "https://localhost:" + std::to_string(port_); }

  // Answer 200 Failed with `code` ("subject/reason"); "" to accept again.
  void refuse(std::string code) {
    std::lock_guard lock(mutex_);
    refusal_ = std::move(code);
  }
  void unavailable_first(int n) { unavailable_ = n; }

  int raw_count() const;
  // Deduplicated by functionCallIdentifier, in first-arrival order.
  std::vector<Call> calls() const;
  // calls() of one function.
  std::vector<Call> calls(std::string_view function) const;

 private:
  http::Response handle(const http::Request& request);

  const pki::Credential& leaf_;
  std::vector<Bytes> client_cas_;
  bool es12_;
  std::uint16_t port_ = 0;
  std::unique_ptr<http::Server> server_;
  std::atomic<int> unavailable_{0};
  mutable std::mutex mutex_;
  std::vector<Call> raw_;
  std::string refusal_;
};

inline constexpr std::string_view kProgress = "handleDownloadProgressInfo";

// The HandleDownloadProgressInfo calls `mno` received for `iccid`, deduplicated, as
// (notificationPointId, notificationPointStatus.status) in arrival order.
using Points = std::vector<std::pair<int, std::string>>;
Points points(const PeerReceiver& mno, const std::string& iccid);
// "subject/reason" of a callback's notificationPointStatus; "" when it has none.
std::string point_code(const nlohmann::json& callback);

// An ES2+ answer: HTTP status and the parsed body (null when empty or not JSON).
struct Es2Reply {
  long status = 0;
  nlohmann::json body;
  std::string transport_error;  // set when no HTTP response arrived (e.g. TLS refused)

  // header.functionExecutionStatus.status, and "subject/reason" ("" on success).
  std::string status_text() const;
  std::string code() const;
  bool ok() const { return status == 200 && status_text() == "Executed-Success"; }
};

class Es2Test : public E2e {
 protected:
  // E2e::SetUp, the data key, mno1 (callbacks to mno_), its profile type "gtp" with
  // kStock subscriptions, and the service with ES2+ and the SM-DS (smds_) configured.
  void SetUp() override;
  void TearDown() override;

  static constexpr std::size_t kStock = 6;

  // Restarts the service with ES2+, the SM-DS and dispatch off; then `tweak`.
  void start_es2(const std::function<void(server::ServiceConfig&)>& tweak = {});
  // Adds `op` to the store (restart with start_es2 for ES2+ to trust its CA).
  void add_operator(const TestOperator& op, const std::string& callback_url);
  // A profile type `type` owned by `op` with `count` subscriptions numbered from `first`,
  // their ICCIDs of `digits` digits; `tweak` adjusts the definition.
  void define_type(const std::string& type, const std::string& op, std::size_t count,
                   std::size_t first, std::size_t digits = 20,
                   const std::function<void(core::ProfileTypeDefinition&)>& tweak = {});
  // The ICCID of subscription `i` (19 or 20 digits, the last its Luhn digit).
  static std::string iccid(std::size_t i, std::size_t digits = 20);

  // POST /gsma/rsp2/es2plus/<function> with `op`'s client certificate (or `cert`),
  // header added (functionRequesterIdentifier = op's name unless `body` has a header;
  // functionCallIdentifier = `call_id` or a fresh one).
  Es2Reply es2(const TestOperator& op, std::string_view function, nlohmann::json body,
               std::optional<std::string> call_id = std::nullopt,
               const pki::Credential* cert = nullptr);
  // downloadOrder + confirmOrder (released, generated matchingId) by profile type;
  // returns {iccid, matchingId}.
  std::pair<std::string, std::string> order(const std::string& type = "gtp",
                                            std::optional<std::string> eid = std::nullopt);

  // Runs dispatcher passes until no pending message is due; returns how many were
  // delivered.
  int deliver();
  std::vector<core::OutboxMessage> outbox(std::optional<core::OutboxState> state);

  std::unique_ptr<PeerReceiver> mno_;
  std::unique_ptr<PeerReceiver> smds_;
  int next_call_ = 0;
};

}  // namespace smdp::e2e
