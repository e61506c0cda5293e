// SPDX-License-Identifier: Apache-2.0
#include "store/pool.h"

#include <utility>

namespace smdp::store {

Pool::Pool(sql::Engine engine, Open open, std::unique_ptr<sql::Connection> first)
    : engine_(engine), open_(std::move(open)) {
  if (first) idle_.push_back(std::move(first));
}

Result<Pool::Lease> Pool::acquire() {
  {
    std::lock_guard lock(mutex_);
    while (!idle_.empty()) {
      std::unique_ptr<sql::Connection> connection = std::move(idle_.back());
      idle_.pop_back();
      if (connection->healthy()) return Lease(*this, std::move(connection));
    }
  }
  // Opened outside the lock: opening may wait for the file or the network.
  auto connection = open_();
  if (!connection) return std::unexpected(connection.error());
  return Lease(*this, std::move(*connection));
}

void Pool::release(std::unique_ptr<sql::Connection> connection) {
  std::lock_guard lock(mutex_);
  // A broken connection means the server went away: the idle ones are most likely
  // broken too, and are closed with it rather than each failing one more call.
  if (!connection->healthy()) {
    idle_.clear();
    return;
  }
  if (connection->in_transaction()) return;  // closed: never reuse a dirty connection
  if (idle_.size() < kMaxIdle) idle_.push_back(std::move(connection));
}

}  // namespace smdp::store
