// SPDX-License-Identifier: Apache-2.0
// A pool of connections to one database, shared by the threads that use one SqlStore
// (internal to the store module). acquire() hands out an idle connection or opens a new
// one; the Lease gives it back when destroyed. At most kMaxIdle connections are kept; a
// connection left inside a transaction is closed rather than reused; one no longer
// healthy (its server went away) is closed with every idle one, so that a store
// recovers by itself, on fresh connections, once the database returns.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "base/error.h"
#include "store/sql.h"

namespace smdp::store {

class Pool {
 public:
  static constexpr std::size_t kMaxIdle = 8;
  using Open = std::function<Result<std::unique_ptr<sql::Connection>>()>;

  class Lease {
   public:
    Lease(Pool& pool, std::unique_ptr<sql::Connection> connection)
        : pool_(&pool), connection_(std::move(connection)) {}
    Lease(Lease&&) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() {
      if (connection_) pool_->release(std::move(connection_));
    }
    sql::Connection& operator*() const { return *connection_; }
    sql::Connection* operator->() const { return connection_.get(); }

   private:
    Pool* pool_;
    std::unique_ptr<sql::Connection> connection_;
  };

  // `open` opens one more connection (called outside the pool's lock); `first`, when
  // given, is an already opened one.
  Pool(sql::Engine engine, Open open, std::unique_ptr<sql::Connection> first);

  sql::Engine engine() const { return engine_; }
  Result<Lease> acquire();

 private:
  void release(std::unique_ptr<sql::Connection> connection);

  const sql::Engine engine_;
  const Open open_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<sql::Connection>> idle_;
};

}  // namespace smdp::store
