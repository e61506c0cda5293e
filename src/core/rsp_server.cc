// SPDX-License-Identifier: Apache-2.0
#include "core/rsp_server.h"

#include "base/log.h"
#include "core/rsp_common.h"

namespace smdp::core {

RspServer::RspServer(RspServerConfig config, Store& store, ProfileSource& profiles,
                     const pki::CertificateSet& certificates, crypto::Rng& rng, const Clock& clock)
    : config_(std::move(config)),
      store_(store),
      profiles_(profiles),
      certificates_(certificates),
      rng_(rng),
      clock_(clock) {}

// SGP.22 §5.6.2/§5.6.3/§5.6.5: a transactionId we do not know, or whose session has
// expired, is 8.10.1/3.9.
Outcome<RspSession> RspServer::live_session(ByteView transaction_id, std::string_view function) {
  auto found = store_.get_session(transaction_id);
  if (!found) return detail::store_fault(found.error(), function);
  std::optional<RspSession>& session = *found;
  if (!session) return detail::refuse(es9::kTransactionIdUnknown, "unknown transactionId");
  if (session->expires_at < clock_.now())
    return detail::refuse(es9::kTransactionIdUnknown, "RSP session expired");
  return std::move(*session);
}

}  // namespace smdp::core
