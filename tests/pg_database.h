// SPDX-License-Identifier: Apache-2.0
// Real PostgreSQL servers for tests (test_<module>_pg binaries, label `postgresql`; see
// smdp_add_test's PG keyword in tests/CMakeLists.txt), started by tests/pg/cluster.sh.
//
// - pg_cluster_url(): the cluster shared by a test run. Under CTest it is started by the
//   fixture test pg_cluster_start in /tmp/smdpp-pgtest-<hash> (SMDPP_TEST_PG_DIR); a binary run by
//   hand starts /tmp/smdpp-pg-<uid> itself, once per process, and leaves it running.
// - PgTestDatabase: a fresh database in that cluster for one test, dropped afterwards.
// - PgCluster: a private cluster, for tests that stop and restart the server.
// - pg_exec / pg_scalar: one statement, to set up or inspect tables.
// Every failure throws std::runtime_error carrying libpq's message: the test fails, never
// skips. URLs are libpq connection URIs; the database is their path.
#pragma once

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

#ifndef SMDPP_PG_CLUSTER_SCRIPT
#error "SMDPP_PG_CLUSTER_SCRIPT (the path of tests/pg/cluster.sh) is set for PG test sources"
#endif

namespace smdp::testing {

namespace pg_detail {

using Connection = std::unique_ptr<PGconn, decltype(&PQfinish)>;
using Result = std::unique_ptr<PGresult, decltype(&PQclear)>;

inline std::string trim(std::string s) {
  const char* ws = " \t\r\n";
  s.erase(s.find_last_not_of(ws) + 1);
  s.erase(0, s.find_first_not_of(ws));
  return s;
}

// DIR/url as written by cluster.sh start.
inline std::string read_url(const std::filesystem::path& dir) {
  std::ifstream in(dir / "url");
  if (!in) throw std::runtime_error("no " + (dir / "url").string() + ": cluster not started");
  std::stringstream s;
  s << in.rdbuf();
  return trim(s.str());
}

// `cluster.sh <action> <dir> [<extra>]`; throws when it exits non-zero (it has printed why,
// and the server's log, to stderr).
inline void run_cluster_script(std::string_view action, const std::filesystem::path& dir,
                               std::string_view extra = {}) {
  auto quote = [](std::string_view s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
  };
  std::string cmd = "bash " + quote(SMDPP_PG_CLUSTER_SCRIPT) + " " + std::string(action) + " " +
                    quote(dir.string());
  if (!extra.empty()) cmd += " " + std::string(extra);
  if (std::system(cmd.c_str()) != 0) throw std::runtime_error("failed: " + cmd);
}

inline Connection connect(const std::string& url) {
  Connection c(PQconnectdb(url.c_str()), &PQfinish);
  if (!c) throw std::runtime_error("libpq: out of memory");
  if (PQstatus(c.get()) != CONNECTION_OK) {
    throw std::runtime_error("connect " + url + ": " + PQerrorMessage(c.get()));
  }
  PQsetNoticeProcessor(
      c.get(), [](void*, const char*) {}, nullptr);  // NOTICEs: not failures
  return c;
}

// Runs sql (one or more statements; the result is the last one's).
inline Result exec(const std::string& url, const std::string& sql) {
  Connection c = connect(url);
  Result r(PQexec(c.get(), sql.c_str()), &PQclear);
  ExecStatusType st = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
    throw std::runtime_error(sql + ": " + PQerrorMessage(c.get()));
  }
  return r;
}

}  // namespace pg_detail

// url with its database (the URI's path) replaced by database; host, port and the other
// parameters are kept.
inline std::string pg_url_with_database(std::string_view url, std::string_view database) {
  auto scheme = url.find("://");
  if (scheme == std::string_view::npos) throw std::runtime_error("not a libpq URI");
  auto path = url.find('/', scheme + 3);
  auto query = url.find('?', scheme + 3);
  if (path > query) path = query;  // no path: insert one before the query
  std::string out(url.substr(0, path));
  out += "/";
  out += database;
  if (query != std::string_view::npos) out += url.substr(query);
  return out;
}

// The shared test cluster's URL (database `postgres`): see the top of this file.
inline std::string pg_cluster_url() {
  static const std::string url = [] {
    if (const char* dir = std::getenv("SMDPP_TEST_PG_DIR"); dir && *dir) {
      return pg_detail::read_url(dir);
    }
    std::filesystem::path dir = "/tmp/smdpp-pg-" + std::to_string(getuid());
    pg_detail::run_cluster_script("start", dir);
    return pg_detail::read_url(dir);
  }();
  return url;
}

// Runs sql against the database at url; the rows it affected (0 for statements without).
inline int pg_exec(const std::string& url, const std::string& sql) {
  auto r = pg_detail::exec(url, sql);
  const char* n = PQcmdTuples(r.get());
  return *n ? std::atoi(n) : 0;
}

// The first column of the first row of a query, as text ("" for NULL); throws on no row.
inline std::string pg_scalar(const std::string& url, const std::string& sql) {
  auto r = pg_detail::exec(url, sql);
  if (PQntuples(r.get()) < 1 || PQnfields(r.get()) < 1) {
    throw std::runtime_error(sql + ": no row");
  }
  return PQgetvalue(r.get(), 0, 0);
}

// A fresh, empty database t_<pid>_<counter>_<random> in a cluster (by default the shared one),
// dropped, whoever is still connected, when this goes out of scope.
class PgTestDatabase {
 public:
  explicit PgTestDatabase(const std::string& cluster_url = pg_cluster_url())
      : admin_url_(cluster_url) {
    static std::atomic<unsigned> counter{0};
    std::ostringstream name;
    name << "t_" << getpid() << "_" << counter++ << "_" << std::hex << std::random_device{}();
    name_ = name.str();
    pg_exec(admin_url_, "CREATE DATABASE " + name_);
    url_ = pg_url_with_database(admin_url_, name_);
  }
  ~PgTestDatabase() {
    try {
      pg_exec(admin_url_, "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    } catch (const std::exception& e) {
      ADD_FAILURE() << e.what();
    }
  }
  PgTestDatabase(const PgTestDatabase&) = delete;
  PgTestDatabase& operator=(const PgTestDatabase&) = delete;

  const std::string& name() const { return name_; }
  const std::string& url() const { return url_; }

 private:
  std::string admin_url_, name_, url_;
};

// A private cluster in a new /tmp/smdpp-pgc-XXXXXX, not started until start(); stopped and
// removed by the destructor. For tests of restarts and outages; others use PgTestDatabase.
class PgCluster {
 public:
  PgCluster() {
    char tmpl[] = "/tmp/smdpp-pgc-XXXXXX";
    if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp /tmp/smdpp-pgc-XXXXXX failed");
    chmod(tmpl, 0755);  // as root, the server's user must enter it
    dir_ = tmpl;
  }
  ~PgCluster() {
    try {
      pg_detail::run_cluster_script("stop", dir_, "--remove");
    } catch (const std::exception& e) {
      ADD_FAILURE() << e.what();
    }
  }
  PgCluster(const PgCluster&) = delete;
  PgCluster& operator=(const PgCluster&) = delete;

  // Starts the server (initdb the first time); returns when it accepts connections.
  void start() { pg_detail::run_cluster_script("start", dir_); }
  // Stops it (fast shutdown: open sessions are ended); the data stays for the next start().
  void stop() { pg_detail::run_cluster_script("stop", dir_); }
  // The URL of a database in it (valid once started).
  std::string url(std::string_view database = "postgres") const {
    return pg_url_with_database(pg_detail::read_url(dir_), database);
  }
  // CREATE DATABASE "name" (a plain identifier: letters, digits, _).
  void create_database(std::string_view name) {
    pg_exec(url(), "CREATE DATABASE \"" + std::string(name) + "\"");
  }
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
};

}  // namespace smdp::testing
