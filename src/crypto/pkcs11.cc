// SPDX-License-Identifier: Apache-2.0
// The libp11 engine through OpenSSL's ENGINE API, deprecated in OpenSSL 3.0 but the only
// way to its PKCS#11 keys in Debian 12 (no pkcs11 provider): this file is compiled with
// OPENSSL_API_COMPAT 1.1 (src/crypto/CMakeLists.txt).
#include "crypto/pkcs11.h"

#include <openssl/crypto.h>
#include <openssl/engine.h>
#include <openssl/err.h>

#include <mutex>
#include <string>

namespace smdp::crypto {

struct Pkcs11::Impl {
  ENGINE* engine = nullptr;  // the process's (process_engine), never freed
};

namespace {

std::string openssl_reason() {
  const unsigned long e = ERR_get_error();
  ERR_clear_error();
  if (e == 0) return "no detail";
  char buf[256];
  ERR_error_string_n(e, buf, sizeof buf);
  return buf;
}

std::string default_engine() {
  return std::string(OPENSSL_info(OPENSSL_INFO_ENGINES_DIR)) + "/pkcs11.so";
}

// The engine and module are loaded once per process and kept to its end: libp11 cannot
// initialise a module again after finishing it, and the keys it returned hold it.
std::mutex engine_mutex;
ENGINE* loaded_engine = nullptr;
std::string loaded_module;

Result<ENGINE*> process_engine(const Pkcs11Config& config) {
  if (loaded_engine != nullptr) {
    if (config.module != loaded_module)
      return fail(Errc::invalid_key, "PKCS#11: cannot load " + config.module + ": " +
                                         loaded_module + " is loaded (one module per process)");
    return loaded_engine;
  }
  ENGINE_load_dynamic();
  ENGINE* e = ENGINE_by_id("dynamic");
  if (e == nullptr)
    return fail(Errc::openssl_failure, "PKCS#11: OpenSSL's dynamic engine: " + openssl_reason());
  const std::string engine = config.engine.empty() ? default_engine() : config.engine;
  if (ENGINE_ctrl_cmd_string(e, "SO_PATH", engine.c_str(), 0) != 1 ||
      ENGINE_ctrl_cmd_string(e, "ID", "pkcs11", 0) != 1 ||
      ENGINE_ctrl_cmd_string(e, "LOAD", nullptr, 0) != 1) {
    ENGINE_free(e);
    return fail(Errc::openssl_failure, "PKCS#11: cannot load the engine " + engine +
                                           " (libengine-pkcs11-openssl): " + openssl_reason());
  }
  if (ENGINE_ctrl_cmd_string(e, "MODULE_PATH", config.module.c_str(), 0) != 1 ||
      ENGINE_init(e) != 1) {
    ENGINE_free(e);
    return fail(Errc::openssl_failure,
                "PKCS#11: cannot load the module " + config.module + ": " + openssl_reason());
  }
  loaded_engine = e;
  loaded_module = config.module;
  return e;
}

}  // namespace

bool is_pkcs11_uri(std::string_view text) { return text.starts_with("pkcs11:"); }

Pkcs11::Pkcs11(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Pkcs11::~Pkcs11() = default;

Result<std::shared_ptr<Pkcs11>> Pkcs11::open(const Pkcs11Config& config) {
  if (config.module.empty()) return fail(Errc::invalid_key, "PKCS#11: no module given");
  if (config.pin.empty()) return fail(Errc::invalid_key, "PKCS#11: no PIN given");
  const std::scoped_lock lock(engine_mutex);
  auto engine = process_engine(config);
  if (!engine) return std::unexpected(engine.error());
  // The engine copies the PIN; ours is the caller's to wipe. It logs in when it first
  // needs to, with the PIN set last.
  if (ENGINE_ctrl_cmd_string(*engine, "PIN", config.pin.c_str(), 0) != 1)
    return fail(Errc::openssl_failure, "PKCS#11: PIN: " + openssl_reason());
  auto impl = std::make_unique<Impl>();
  impl->engine = *engine;
  return std::shared_ptr<Pkcs11>(new Pkcs11(std::move(impl)));
}

Result<EcPrivateKey> Pkcs11::private_key(const std::string& uri) {
  if (!is_pkcs11_uri(uri)) return fail(Errc::invalid_key, "not a PKCS#11 URI: " + uri);
  if (uri.find("pin-value") != std::string::npos)
    return fail(Errc::invalid_key, "PKCS#11 URI with a pin-value: give the PIN separately");
  std::shared_ptr<EVP_PKEY> key;
  {
    const std::scoped_lock lock(engine_mutex);
    // No UI method: the engine uses the PIN set at open() and never prompts.
    key.reset(ENGINE_load_private_key(impl_->engine, uri.c_str(), nullptr, nullptr), EVP_PKEY_free);
    if (!key) return fail(Errc::invalid_key, "PKCS#11 key " + uri + ": " + openssl_reason());
  }
  auto ec = EcPrivateKey::from_pkey(std::move(key));
  if (!ec) return std::unexpected(in_context(ec.error(), uri));
  return ec;
}

}  // namespace smdp::crypto
