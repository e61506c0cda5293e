// SPDX-License-Identifier: Apache-2.0
// The simulated device's state directory. See sim_state.h.
#include "sim_state.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>

#include "base/file.h"

namespace smdp::lpa {
namespace {

std::string state_errc_name(StateErrc e) {
  switch (e) {
    case StateErrc::io_error:
      return "cannot access the state directory";
    case StateErrc::corrupt:
      return "state file is corrupt";
  }
  return "unknown state error";
}

}  // namespace

SMDP_DEFINE_ERROR_CATEGORY(StateErrc, "smdp.lpa.state", state_errc_name)

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kIdentityFile = "identity.json";
constexpr const char* kCardStateFile = "card.state";

// Writes `data` to dir/name through dir/name.tmp + fsync + rename. Mode 0600: the card
// state holds no key, but it is the device's private data.
Result<void> write_atomically(const fs::path& dir, const std::string& name, ByteView data) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return fail(StateErrc::io_error, dir.string() + ": " + ec.message());
  const fs::path target = dir / name;
  const fs::path tmp = dir / (name + ".tmp");
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) return fail(StateErrc::io_error, tmp.string() + ": " + std::strerror(errno));
  std::size_t done = 0;
  bool ok = true;
  while (ok && done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) done += static_cast<std::size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  const int saved = errno;
  ok = (::close(fd) == 0) && ok;
  if (!ok) return fail(StateErrc::io_error, tmp.string() + ": " + std::strerror(saved));
  fs::rename(tmp, target, ec);
  if (ec) return fail(StateErrc::io_error, target.string() + ": " + ec.message());
  return {};
}

Result<std::optional<Bytes>> read_if_exists(const fs::path& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return std::optional<Bytes>();
  auto data = read_file(path.string());
  if (!data) return fail(StateErrc::io_error, path.string());
  return std::optional<Bytes>(std::move(*data));
}

}  // namespace

Result<void> save_identity(const fs::path& dir, const StoredIdentity& identity) {
  const json j{{"eid", identity.eid},
               {"euiccCert", identity.files.euicc_cert},
               {"euiccKey", identity.files.euicc_key},
               {"eumCert", identity.files.eum_cert},
               {"ciCerts", identity.files.ci_certs}};
  const std::string text = j.dump(2) + "\n";
  return write_atomically(dir, kIdentityFile, as_bytes(text));
}

Result<std::optional<StoredIdentity>> load_stored_identity(const fs::path& dir) {
  const fs::path path = dir / kIdentityFile;
  auto data = read_if_exists(path);
  if (!data) return std::unexpected(data.error());
  if (!*data) return std::optional<StoredIdentity>();
  const json j = json::parse(as_chars(**data), nullptr, /*allow_exceptions=*/false);
  auto text = [&](const char* name) -> std::optional<std::string> {
    if (!j.is_object()) return std::nullopt;
    const auto it = j.find(name);
    if (it == j.end() || !it->is_string()) return std::nullopt;
    return it->get<std::string>();
  };
  StoredIdentity out;
  const auto eid = text("eid");
  const auto cert = text("euiccCert");
  const auto key = text("euiccKey");
  const auto eum = text("eumCert");
  if (!eid || !cert || !key || !eum) return fail(StateErrc::corrupt, path.string());
  const auto cis = j.find("ciCerts");
  if (cis == j.end() || !cis->is_array() || cis->empty())
    return fail(StateErrc::corrupt, path.string() + ": ciCerts");
  for (const auto& ci : *cis) {
    if (!ci.is_string()) return fail(StateErrc::corrupt, path.string() + ": ciCerts");
    out.files.ci_certs.push_back(ci.get<std::string>());
  }
  out.eid = *eid;
  out.files.euicc_cert = *cert;
  out.files.euicc_key = *key;
  out.files.eum_cert = *eum;
  return std::optional<StoredIdentity>(std::move(out));
}

Result<void> save_card_state(const fs::path& dir, ByteView blob) {
  return write_atomically(dir, kCardStateFile, blob);
}

Result<std::optional<Bytes>> load_card_state(const fs::path& dir) {
  return read_if_exists(dir / kCardStateFile);
}

}  // namespace smdp::lpa
