// SPDX-License-Identifier: Apache-2.0
#include "store/connection_pool.h"

#include <utility>

namespace smdp::store {

ConnectionPool::ConnectionPool(std::string path, std::unique_ptr<Connection> first)
    : path_(std::move(path)) {
  idle_.push_back(std::move(first));
}

Result<ConnectionPool::Lease> ConnectionPool::acquire() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      std::unique_ptr<Connection> connection = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(connection));
    }
  }
  // Opened outside the lock: opening may wait for the file.
  auto connection = Connection::open(path_);
  if (!connection) return std::unexpected(connection.error());
  return Lease(*this, std::move(*connection));
}

void ConnectionPool::release(std::unique_ptr<Connection> connection) {
  if (connection->in_transaction()) return;  // closed: never reuse a dirty connection
  std::lock_guard lock(mutex_);
  if (idle_.size() < kMaxIdle) idle_.push_back(std::move(connection));
}

}  // namespace smdp::store
