// SPDX-License-Identifier: Apache-2.0
#include "crypto_floor.h"

#include <openssl/evp.h>
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <limits>

#include "base/bytes.h"
#include "binding/scp03t.h"
#include "binding/session_keys.h"
#include "crypto/ec.h"
#include "crypto/rng.h"

namespace bench {
namespace {

using smdp::Bytes;

double thread_cpu_us() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e6 + static_cast<double>(t.tv_nsec) / 1e3;
}

// CPU microseconds per call of `op`: the fastest of five rounds of iterations/5 calls
// (the calling thread's CPU time, so other processes do not inflate it; the minimum,
// so a floor is never overstated by a round that lost its caches to a neighbour).
double per_call_us(unsigned iterations, const std::function<void()>& op) {
  op();  // warm caches and lazy initialisation
  constexpr unsigned kRounds = 5;
  const unsigned per_round = std::max(1U, iterations / kRounds);
  double best = std::numeric_limits<double>::infinity();
  for (unsigned r = 0; r < kRounds; ++r) {
    const double start = thread_cpu_us();
    for (unsigned i = 0; i < per_round; ++i) op();
    best = std::min(best, (thread_cpu_us() - start) / per_round);
  }
  return best;
}

template <class T>
T must(smdp::Result<T> r, const char* what) {
  if (!r) {
    std::fprintf(stderr, "load_bench: crypto floor: %s: %s\n", what, r.error().message().c_str());
    std::exit(1);
  }
  return std::move(*r);
}

// One X25519 key generation + derivation with a fixed peer, as a TLS 1.3 server does.
struct X25519 {
  EVP_PKEY* peer = nullptr;
  X25519() { peer = EVP_PKEY_Q_keygen(nullptr, nullptr, "X25519"); }
  ~X25519() { EVP_PKEY_free(peer); }
  X25519(const X25519&) = delete;
  X25519& operator=(const X25519&) = delete;
  void keygen_and_derive() const {
    EVP_PKEY* mine = EVP_PKEY_Q_keygen(nullptr, nullptr, "X25519");
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new(mine, nullptr);
    unsigned char secret[32];
    std::size_t len = sizeof secret;
    if (ctx == nullptr || EVP_PKEY_derive_init(ctx) <= 0 ||
        EVP_PKEY_derive_set_peer(ctx, peer) <= 0 || EVP_PKEY_derive(ctx, secret, &len) <= 0) {
      std::fprintf(stderr, "load_bench: X25519 failed\n");
      std::exit(1);
    }
    EVP_PKEY_CTX_free(ctx);
    EVP_PKEY_free(mine);
  }
};

// SCP03t protection of `sizes` (encrypted 86/87 or MAC-only 88 TLVs) under fresh keys.
double scp03t_us(unsigned iterations, std::size_t package_bytes, bool ppk) {
  const Bytes configure_isdp(40, 0x11);
  const Bytes store_metadata(120, 0x22);
  const Bytes replace_keys(70, 0x33);
  const Bytes package(package_bytes, 0x44);
  const Bytes key(16, 0x5A);
  return per_call_us(iterations, [&] {
    smdp::binding::Scp03tChannel channel(smdp::binding::ChannelKeys(key, key, key));
    must(smdp::binding::protect_segments(channel, 0x87, configure_isdp, true), "87");
    must(smdp::binding::protect_segments(channel, 0x88, store_metadata, false), "88");
    if (ppk)
      must(smdp::binding::protect_segments(channel, 0x87, replace_keys, true), "87");
    else
      must(smdp::binding::protect_segments(channel, 0x86, package, true), "86");
  });
}

}  // namespace

CryptoFloor measure_crypto_floor(const std::string& curve_name, std::size_t package_bytes,
                                 unsigned iterations) {
  auto& rng = smdp::crypto::system_rng();
  const auto curve =
      curve_name == "brp" ? smdp::crypto::Curve::brainpool_p256r1 : smdp::crypto::Curve::nist_p256;
  const auto key = must(smdp::crypto::EcPrivateKey::generate(curve, rng), "keygen");
  const auto peer = must(smdp::crypto::EcPrivateKey::generate(curve, rng), "keygen");
  const auto tls_key =
      must(smdp::crypto::EcPrivateKey::generate(smdp::crypto::Curve::nist_p256, rng), "keygen");
  const Bytes message(200, 0xA5);  // a typical signed structure (serverSigned1 ...)
  const auto signature = must(key.sign(message), "sign");
  const Bytes shared(32, 0x42);
  const Bytes host_id(16, 0x01);
  const Bytes eid(16, 0x89);

  CryptoFloor f;
  f.curve = curve_name;
  auto& op = f.op_us;
  op["ecdsa_sign"] = per_call_us(iterations, [&] { (void)must(key.sign(message), "sign"); });
  op["ecdsa_verify"] = per_call_us(iterations, [&] {
    if (!key.public_key().verify(message, signature)) std::exit(1);
  });
  op["ec_keygen"] = per_call_us(
      iterations, [&] { (void)must(smdp::crypto::EcPrivateKey::generate(curve, rng), "keygen"); });
  op["ecdh"] =
      per_call_us(iterations, [&] { (void)must(key.ecdh(peer.public_key().point()), "ecdh"); });
  op["x963_kdf"] = per_call_us(iterations, [&] {
    (void)must(smdp::binding::derive_session_keys(shared, host_id, eid), "kdf");
  });
  op["scp03t_session_keys"] = scp03t_us(iterations / 4 + 1, package_bytes, false);
  op["scp03t_ppk"] = scp03t_us(iterations, package_bytes, true);
  const X25519 x25519;
  op["tls_p256_sign"] = per_call_us(iterations, [&] { (void)must(tls_key.sign(message), "sign"); });
  op["tls_x25519"] = per_call_us(iterations, [&] { x25519.keygen_and_derive(); });

  f.tls_us = op["tls_p256_sign"] + op["tls_x25519"];
  const double common =
      3 * op["ecdsa_sign"] + 4 * op["ecdsa_verify"] + op["ec_keygen"] + op["ecdh"] + op["x963_kdf"];
  f.es9_session_keys_us = common + op["scp03t_session_keys"];
  f.es9_ppk_us = common + op["scp03t_ppk"];
  return f;
}

}  // namespace bench
