// SPDX-License-Identifier: Apache-2.0
// test_store and test_store_concurrent run the contract suite on SQLite
// (store_fixture.h).
#include "store_fixture.h"

namespace smdp::store::testing {

sql::Engine contract_engine() { return sql::Engine::sqlite; }

std::unique_ptr<TestDatabase> fresh_postgresql_database() { return nullptr; }

}  // namespace smdp::store::testing
