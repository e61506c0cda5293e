// SPDX-License-Identifier: Apache-2.0
#include "core/rsp_server.h"

#include "base/log.h"
#include "core/rsp_common.h"

namespace smdp::core {

RspServer::RspServer(RspServerConfig config, Store& store, ProfileSource& profiles,
                     const pki::CertificateSet& certificates, crypto::Rng& rng, const Clock& clock,
                     Callbacks* callbacks)
    : config_(std::move(config)),
      store_(store),
      profiles_(profiles),
      certificates_(certificates),
      rng_(rng),
      clock_(clock),
      callbacks_(callbacks) {}

Outcome<std::vector<OutboxMessage>> RspServer::progress(const ProfileRecord& profile,
                                                        NotificationPoint point,
                                                        const PointStatus& status,
                                                        ByteView result_data) {
  if (callbacks_ == nullptr) return std::vector<OutboxMessage>{};
  auto messages = callbacks_->progress(profile, point, status, result_data, clock_.now());
  if (!messages) return detail::store_fault(messages.error(), "progress callback");
  return std::move(*messages);
}

void RspServer::report(const ProfileRecord& profile, NotificationPoint point,
                       const Refusal& refusal) {
  if (callbacks_ == nullptr) return;
  auto messages =
      callbacks_->progress(profile, point, {refusal.code, refusal.message}, {}, clock_.now());
  auto appended = messages ? callbacks_->append(std::move(*messages))
                           : Result<void>(std::unexpected(messages.error()));
  if (!appended) {
    log::write(log::Level::warn, "callback.lost",
               {{"iccid", profile.iccid},
                {"point", std::to_string(static_cast<int>(point))},
                {"error", appended.error().message()}});
  }
}

// SGP.22 §5.6.2/§5.6.3/§5.6.5: a transactionId we do not know, or whose session has
// expired, is 8.10.1/3.9.
Outcome<RspSession> RspServer::live_session(ByteView transaction_id, std::string_view function) {
  auto found = store_.get_session(transaction_id);
  if (!found) return detail::store_fault(found.error(), function);
  std::optional<RspSession>& session = *found;
  if (!session) return detail::refuse(kTransactionIdUnknown, "unknown transactionId");
  if (session->expires_at < clock_.now())
    return detail::refuse(kTransactionIdUnknown, "RSP session expired");
  return std::move(*session);
}

}  // namespace smdp::core
