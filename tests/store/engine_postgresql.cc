// SPDX-License-Identifier: Apache-2.0
// test_store_pg runs the contract suite on PostgreSQL (store_fixture.h): a fresh
// database of the test cluster per test (tests/pg_database.h).
#include <exception>
#include <optional>

#include "pg_database.h"
#include "store_fixture.h"

namespace smdp::store::testing {
namespace {

class PgDatabase final : public TestDatabase {
 public:
  std::string location() const override { return db_.url(); }
  std::int64_t query_int(const std::string& sql) const override {
    try {
      const std::string v = smdp::testing::pg_scalar(db_.url(), sql);
      if (v == "t" || v == "f") return v == "t" ? 1 : 0;
      return std::stoll(v);
    } catch (const std::exception&) {
      return -1;
    }
  }
  bool exec(const std::string& sql) const override {
    try {
      smdp::testing::pg_exec(db_.url(), sql);
      return true;
    } catch (const std::exception&) {
      return false;
    }
  }

 private:
  smdp::testing::PgTestDatabase db_;
};

}  // namespace

sql::Engine contract_engine() { return sql::Engine::postgresql; }

std::unique_ptr<TestDatabase> fresh_postgresql_database() { return std::make_unique<PgDatabase>(); }

}  // namespace smdp::store::testing
