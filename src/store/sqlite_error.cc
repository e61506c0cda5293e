// SPDX-License-Identifier: Apache-2.0
#include "store/sqlite_error.h"

#include <string>

namespace smdp::store {

Error sqlite_error(sqlite3* db, int rc, std::string_view operation) {
  core::StoreErrc errc = core::StoreErrc::unavailable;
  switch (rc) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      errc = core::StoreErrc::conflict;
      break;
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      errc = core::StoreErrc::not_found;
      break;
    default:
      break;
  }
  std::string context(operation);
  context += ": ";
  const int primary = rc & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    context += "database busy";
  } else if (db != nullptr && sqlite3_extended_errcode(db) == rc) {
    context += sqlite3_errmsg(db);
  } else {
    context += sqlite3_errstr(rc);
  }
  return Error{make_error_code(errc), std::move(context)};
}

}  // namespace smdp::store
