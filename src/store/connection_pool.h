// SPDX-License-Identifier: Apache-2.0
// A small pool of SQLite connections to one database file, shared by the threads that
// use one SqliteStore (internal to the store module). acquire() hands out an idle
// connection or opens a new one; the Lease gives it back when destroyed. At most
// kMaxIdle connections are kept; a connection left inside a transaction is closed
// rather than reused.
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/error.h"
#include "store/connection.h"

namespace smdp::store {

class ConnectionPool {
 public:
  static constexpr std::size_t kMaxIdle = 8;

  class Lease {
   public:
    Lease(ConnectionPool& pool, std::unique_ptr<Connection> connection)
        : pool_(&pool), connection_(std::move(connection)) {}
    Lease(Lease&&) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() {
      if (connection_) pool_->release(std::move(connection_));
    }
    Connection& operator*() const { return *connection_; }
    Connection* operator->() const { return connection_.get(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<Connection> connection_;
  };

  // `first` is an already opened (and migrated) connection to `path`.
  ConnectionPool(std::string path, std::unique_ptr<Connection> first);

  Result<Lease> acquire();

 private:
  void release(std::unique_ptr<Connection> connection);

  const std::string path_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace smdp::store
