// SPDX-License-Identifier: Apache-2.0
// FileKeyProvider: data keys as 0600 files in a 0700 directory.
#include "core/key_provider.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <utility>

namespace smdp::core {
namespace {

std::string errc_name(KeyErrc e) {
  switch (e) {
    case KeyErrc::not_found:
      return "data key not found";
    case KeyErrc::insecure:
      return "data key storage readable or writable by group or others";
    case KeyErrc::invalid:
      return "invalid data key";
    case KeyErrc::already_exists:
      return "data key already exists";
    case KeyErrc::io_error:
      return "data key storage I/O error";
  }
  return "unknown data key error";
}

constexpr mode_t kGroupOther = S_IRWXG | S_IRWXO;

// Closes a file descriptor on scope exit.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  // Closes now, reporting failure (data not written).
  bool close() { return ::close(std::exchange(fd_, -1)) == 0; }

 private:
  int fd_;
};

std::string path_of(const std::string& directory, std::string_view name) {
  return directory + "/" + std::string(name) + ".key";
}

std::string sys_error(std::string_view what, const std::string& path, int err) {
  return std::string(what) + " " + path + ": " + std::strerror(err);
}

Result<void> check_directory(const std::string& directory) {
  struct stat st {};
  if (::stat(directory.c_str(), &st) != 0) {
    if (errno == ENOENT) return fail(KeyErrc::not_found, "no key directory " + directory);
    return fail(KeyErrc::io_error, sys_error("stat", directory, errno));
  }
  if (!S_ISDIR(st.st_mode)) return fail(KeyErrc::invalid, directory + " is not a directory");
  if ((st.st_mode & kGroupOther) != 0) {
    return fail(KeyErrc::insecure, directory + " must have mode 0700");
  }
  return {};
}

}  // namespace

SMDP_DEFINE_ERROR_CATEGORY(KeyErrc, "smdp.keys", errc_name)

bool valid_key_name(std::string_view name) {
  if (name.empty() || name.size() > 64 || name == "." || name == "..") return false;
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

Result<Bytes> FileKeyProvider::key(std::string_view name) {
  if (!valid_key_name(name)) return fail(KeyErrc::invalid, "key name");
  if (auto r = check_directory(directory_); !r) return std::unexpected(r.error());
  const std::string path = path_of(directory_, name);
  Fd fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT) return fail(KeyErrc::not_found, path);
    if (errno == ELOOP) return fail(KeyErrc::invalid, path + " is a symbolic link");
    return fail(KeyErrc::io_error, sys_error("open", path, errno));
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return fail(KeyErrc::io_error, sys_error("stat", path, errno));
  if (!S_ISREG(st.st_mode)) return fail(KeyErrc::invalid, path + " is not a regular file");
  if ((st.st_mode & kGroupOther) != 0)
    return fail(KeyErrc::insecure, path + " must have mode 0600");
  if (st.st_size != static_cast<off_t>(kDataKeySize)) {
    return fail(KeyErrc::invalid, path + " must hold exactly 32 octets");
  }
  Bytes out(kDataKeySize);
  std::size_t got = 0;
  while (got < out.size()) {
    const ssize_t n = ::read(fd.get(), out.data() + got, out.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = n < 0 ? errno : EIO;
      OPENSSL_cleanse(out.data(), out.size());
      return fail(KeyErrc::io_error, sys_error("read", path, err));
    }
    got += static_cast<std::size_t>(n);
  }
  return out;
}

Result<void> FileKeyProvider::create(std::string_view name, crypto::Rng& rng) {
  if (!valid_key_name(name)) return fail(KeyErrc::invalid, "key name");
  if (::mkdir(directory_.c_str(), 0700) != 0 && errno != EEXIST) {
    return fail(KeyErrc::io_error, sys_error("mkdir", directory_, errno));
  }
  if (auto r = check_directory(directory_); !r) return r;
  const std::string path = path_of(directory_, name);
  // O_EXCL: never replace a key (the data sealed with it would be lost).
  Fd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
  if (fd.get() < 0) {
    if (errno == EEXIST) return fail(KeyErrc::already_exists, path);
    return fail(KeyErrc::io_error, sys_error("create", path, errno));
  }
  // The umask may only remove bits; make sure of 0600 whatever it is.
  if (::fchmod(fd.get(), 0600) != 0) {
    const int err = errno;
    ::unlink(path.c_str());
    return fail(KeyErrc::io_error, sys_error("chmod", path, err));
  }
  std::array<std::uint8_t, kDataKeySize> key{};
  rng.fill(key);
  std::size_t written = 0;
  bool ok = true;
  while (written < key.size()) {
    const ssize_t n = ::write(fd.get(), key.data() + written, key.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ok = false;
      break;
    }
    written += static_cast<std::size_t>(n);
  }
  OPENSSL_cleanse(key.data(), key.size());
  ok = ok && ::fsync(fd.get()) == 0;
  ok = fd.close() && ok;
  if (!ok) {
    const int err = errno;
    ::unlink(path.c_str());
    return fail(KeyErrc::io_error, sys_error("write", path, err));
  }
  return {};
}

}  // namespace smdp::core
