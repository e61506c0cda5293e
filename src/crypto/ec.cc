// SPDX-License-Identifier: Apache-2.0
// EC keys, ECDSA (raw r||s) and ECDH through OpenSSL 3 EVP (SGP.22 §2.6.5, §2.6.7).
#include "crypto/ec.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/obj_mac.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>

#include <cstring>

#include "base/file.h"
#include "base/key_use.h"

namespace smdp::crypto {
namespace {

int curve_nid(Curve c) {
  return c == Curve::nist_p256 ? NID_X9_62_prime256v1 : NID_brainpoolP256r1;
}

// One EC_GROUP per curve for the life of the process: OpenSSL 3 builds a group from the
// curve's parameters on every EC_GROUP_new_by_curve_name, which costs more than an ECDSA
// signature. Groups are only read after creation, so all threads share them.
const EC_GROUP* group_of(Curve c) {
  static const Owned<EC_GROUP> p256(EC_GROUP_new_by_curve_name(curve_nid(Curve::nist_p256)));
  static const Owned<EC_GROUP> brainpool(
      EC_GROUP_new_by_curve_name(curve_nid(Curve::brainpool_p256r1)));
  return c == Curve::nist_p256 ? p256.get() : brainpool.get();
}

std::shared_ptr<EVP_PKEY> share(EVP_PKEY* p) { return {p, EVP_PKEY_free}; }

Result<std::shared_ptr<EVP_PKEY>> pkey_from_params(Curve curve, const BIGNUM* priv,
                                                   ByteView point) {
  Owned<OSSL_PARAM_BLD> bld(OSSL_PARAM_BLD_new());
  const std::string group(curve_name(curve));
  if (!bld ||
      OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, group.c_str(), 0) !=
          1 ||
      OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                       point.size()) != 1 ||
      (priv && OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_PRIV_KEY, priv) != 1)) {
    return fail(Errc::openssl_failure, "OSSL_PARAM_BLD");
  }
  Owned<OSSL_PARAM> params(OSSL_PARAM_BLD_to_param(bld.get()));
  Owned<EVP_PKEY_CTX> ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
  EVP_PKEY* pkey = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &pkey, priv ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY,
                        params.get()) != 1) {
    // oct2point inside fromdata rejects points that are not on the curve.
    return fail(Errc::invalid_key, "EC point");
  }
  return share(pkey);
}

Result<Curve> pkey_curve(EVP_PKEY* pkey) {
  if (EVP_PKEY_get_base_id(pkey) != EVP_PKEY_EC) return fail(Errc::invalid_key, "not an EC key");
  char name[64] = {};
  std::size_t len = 0;
  if (EVP_PKEY_get_utf8_string_param(pkey, OSSL_PKEY_PARAM_GROUP_NAME, name, sizeof name, &len) !=
      1) {
    return fail(Errc::unsupported_curve, "no named curve");
  }
  return curve_from_name(name);
}

Owned<BIO> mem_bio(std::string_view pem) {
  return Owned<BIO>(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
}

}  // namespace

std::string_view curve_name(Curve c) {
  return c == Curve::nist_p256 ? "prime256v1" : "brainpoolP256r1";
}

Result<Curve> curve_from_name(std::string_view name) {
  if (name == "prime256v1" || name == "P-256" || name == "secp256r1" || name == "nist")
    return Curve::nist_p256;
  if (name == "brainpoolP256r1" || name == "brp" || name == "brainpool")
    return Curve::brainpool_p256r1;
  return fail(Errc::unsupported_curve, std::string(name));
}

Result<Bytes> raw_to_der_signature(ByteView raw) {
  if (raw.size() != 64) return fail(Errc::invalid_signature, "raw signature length");
  Owned<ECDSA_SIG> sig(ECDSA_SIG_new());
  BIGNUM* r = BN_bin2bn(raw.data(), 32, nullptr);
  BIGNUM* s = BN_bin2bn(raw.data() + 32, 32, nullptr);
  if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
    BN_free(r);
    BN_free(s);
    return fail(Errc::openssl_failure, "ECDSA_SIG");
  }
  int len = i2d_ECDSA_SIG(sig.get(), nullptr);
  if (len <= 0) return fail(Errc::openssl_failure, "i2d_ECDSA_SIG");
  Bytes out(static_cast<std::size_t>(len));
  std::uint8_t* p = out.data();
  i2d_ECDSA_SIG(sig.get(), &p);
  return out;
}

Result<RawSignature> der_to_raw_signature(ByteView der) {
  const std::uint8_t* p = der.data();
  Owned<ECDSA_SIG> sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size())));
  if (!sig || p != der.data() + der.size()) return fail(Errc::invalid_signature, "DER signature");
  const BIGNUM* r = nullptr;
  const BIGNUM* s = nullptr;
  ECDSA_SIG_get0(sig.get(), &r, &s);
  RawSignature raw{};
  if (BN_num_bytes(r) > 32 || BN_num_bytes(s) > 32 || BN_bn2binpad(r, raw.data(), 32) != 32 ||
      BN_bn2binpad(s, raw.data() + 32, 32) != 32) {
    return fail(Errc::invalid_signature, "signature component too large");
  }
  // Strict DER: the re-encoding must be the input.
  auto reenc = raw_to_der_signature(raw);
  if (!reenc || !std::equal(reenc->begin(), reenc->end(), der.begin(), der.end())) {
    return fail(Errc::invalid_signature, "signature not DER");
  }
  return raw;
}

Result<EcPublicKey> EcPublicKey::from_point(Curve curve, ByteView point) {
  if (point.size() != 65 || point[0] != 0x04)
    return fail(Errc::invalid_key, "uncompressed point expected");
  auto pkey = pkey_from_params(curve, nullptr, point);
  if (!pkey) return std::unexpected(pkey.error());
  return EcPublicKey(curve, std::move(*pkey), Bytes(point.begin(), point.end()));
}

Result<EcPublicKey> EcPublicKey::from_pkey(EVP_PKEY* pkey) {
  auto curve = pkey_curve(pkey);
  if (!curve) return std::unexpected(curve.error());
  // Key files may hold the point compressed: normalise to the uncompressed form that
  // SGP.22 carries in 5F49 and certificates.
  Bytes encoded(65);
  std::size_t len = 0;
  if (EVP_PKEY_get_octet_string_param(pkey, OSSL_PKEY_PARAM_PUB_KEY, encoded.data(), encoded.size(),
                                      &len) != 1) {
    return fail(Errc::invalid_key, "public point");
  }
  const EC_GROUP* group = group_of(*curve);
  Owned<EC_POINT> p(group ? EC_POINT_new(group) : nullptr);
  Bytes point(65);
  if (!p || EC_POINT_oct2point(group, p.get(), encoded.data(), len, nullptr) != 1 ||
      EC_POINT_point2oct(group, p.get(), POINT_CONVERSION_UNCOMPRESSED, point.data(), point.size(),
                         nullptr) != 65) {
    return fail(Errc::invalid_key, "public point");
  }
  EVP_PKEY_up_ref(pkey);
  return EcPublicKey(*curve, share(pkey), std::move(point));
}

Result<EcPublicKey> EcPublicKey::from_pem(std::string_view pem) {
  auto bio = mem_bio(pem);
  Owned<EVP_PKEY> pkey(bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  if (!pkey) return fail(Errc::invalid_key, "PEM public key");
  return from_pkey(pkey.get());
}

bool EcPublicKey::verify(ByteView message, ByteView raw_signature) const {
  auto der = raw_to_der_signature(raw_signature);
  if (!der) return false;
  Owned<EVP_MD_CTX> ctx(EVP_MD_CTX_new());
  return ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, pkey_.get()) == 1 &&
         EVP_DigestVerify(ctx.get(), der->data(), der->size(), message.data(), message.size()) == 1;
}

Result<EcPrivateKey> EcPrivateKey::generate(Curve curve, Rng& rng) {
  const EC_GROUP* group = group_of(curve);
  if (!group) return fail(Errc::openssl_failure, "EC_GROUP");
  const BIGNUM* order = EC_GROUP_get0_order(group);
  std::uint8_t buf[32];
  for (int attempt = 0; attempt < 64; ++attempt) {
    rng.fill(buf);
    Owned<BIGNUM> k(BN_bin2bn(buf, sizeof buf, nullptr));
    if (k && !BN_is_zero(k.get()) && BN_cmp(k.get(), order) < 0) {
      auto key = from_scalar(curve, buf);
      OPENSSL_cleanse(buf, sizeof buf);
      return key;
    }
  }
  return fail(Errc::openssl_failure, "RNG produced no valid scalar");
}

Result<EcPrivateKey> EcPrivateKey::from_scalar(Curve curve, ByteView scalar) {
  if (scalar.size() != 32) return fail(Errc::invalid_key, "scalar length");
  const EC_GROUP* group = group_of(curve);
  Owned<BIGNUM> priv(BN_bin2bn(scalar.data(), 32, nullptr));
  Owned<EC_POINT> pub(group ? EC_POINT_new(group) : nullptr);
  Owned<BN_CTX> bn_ctx(BN_CTX_new());
  if (!group || !priv || !pub || !bn_ctx) return fail(Errc::openssl_failure, "EC alloc");
  if (BN_is_zero(priv.get()) || BN_cmp(priv.get(), EC_GROUP_get0_order(group)) >= 0) {
    return fail(Errc::invalid_key, "scalar out of range");
  }
  Bytes point(65);
  if (EC_POINT_mul(group, pub.get(), priv.get(), nullptr, nullptr, bn_ctx.get()) != 1 ||
      EC_POINT_point2oct(group, pub.get(), POINT_CONVERSION_UNCOMPRESSED, point.data(),
                         point.size(), bn_ctx.get()) != 65) {
    return fail(Errc::openssl_failure, "EC_POINT_mul");
  }
  auto pkey = pkey_from_params(curve, priv.get(), point);
  if (!pkey) return std::unexpected(pkey.error());
  return EcPrivateKey(*pkey, EcPublicKey(curve, *pkey, std::move(point)));
}

namespace {

// pem_password_cb: the pass-phrase given, else -1 (no prompt: OpenSSL's default callback
// would read the terminal).
int passphrase_of(char* buf, int size, int /*rwflag*/, void* given) {
  const auto* p = static_cast<const std::string_view*>(given);
  if (p->empty() || p->size() > static_cast<std::size_t>(size)) return -1;
  std::memcpy(buf, p->data(), p->size());
  return static_cast<int>(p->size());
}

}  // namespace

Result<EcPrivateKey> EcPrivateKey::from_pem(std::string_view pem, std::string_view passphrase) {
  auto bio = mem_bio(pem);
  Owned<EVP_PKEY> pkey(
      bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, &passphrase_of, &passphrase) : nullptr);
  if (!pkey) {
    const bool encrypted = pem.find("ENCRYPTED") != std::string_view::npos;
    if (!encrypted) return fail(Errc::invalid_key, "PEM private key");
    return fail(Errc::invalid_key, passphrase.empty()
                                       ? "encrypted PEM private key: no pass-phrase given"
                                       : "encrypted PEM private key: wrong pass-phrase");
  }
  auto pub = EcPublicKey::from_pkey(pkey.get());
  if (!pub) return std::unexpected(pub.error());
  return EcPrivateKey(share(pkey.release()), std::move(*pub));
}

Result<EcPrivateKey> EcPrivateKey::from_pkey(std::shared_ptr<EVP_PKEY> pkey) {
  if (!pkey) return fail(Errc::invalid_key, "no key");
  auto pub = EcPublicKey::from_pkey(pkey.get());
  if (!pub) return std::unexpected(pub.error());
  // The public key as software, whatever holds the private one.
  auto software = EcPublicKey::from_point(pub->curve(), pub->point());
  if (!software) return std::unexpected(software.error());
  return EcPrivateKey(std::move(pkey), std::move(*software));
}

Result<EcPrivateKey> EcPrivateKey::from_pem_file(const std::string& path,
                                                 std::string_view passphrase) {
  auto pem = read_file(path);
  if (!pem) return fail(Errc::io_error, path);
  auto key = from_pem(as_chars(*pem), passphrase);
  OPENSSL_cleanse(pem->data(), pem->size());
  if (!key) return std::unexpected(in_context(key.error(), path));
  return key;
}

Result<RawSignature> EcPrivateKey::sign(ByteView message) const {
  Owned<EVP_MD_CTX> ctx(EVP_MD_CTX_new());
  Bytes der(80);
  std::size_t len = der.size();
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, pkey_.get()) != 1 ||
      EVP_DigestSign(ctx.get(), der.data(), &len, message.data(), message.size()) != 1) {
    return fail(Errc::openssl_failure, "EVP_DigestSign");
  }
  der.resize(len);
  if (!label_.empty()) count_key_use(label_, "sign");
  return der_to_raw_signature(der);
}

Result<Bytes> EcPrivateKey::ecdh(ByteView peer_point) const {
  auto peer = EcPublicKey::from_point(curve(), peer_point);
  if (!peer) return std::unexpected(peer.error());
  Owned<EVP_PKEY_CTX> ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey_.get(), nullptr));
  Bytes secret(32);
  std::size_t len = secret.size();
  if (!ctx || EVP_PKEY_derive_init(ctx.get()) != 1 ||
      EVP_PKEY_derive_set_peer_ex(ctx.get(), peer->pkey(), 1) != 1 ||
      EVP_PKEY_derive(ctx.get(), secret.data(), &len) != 1 || len != 32) {
    return fail(Errc::openssl_failure, "ECDH");
  }
  return secret;
}

std::string EcPrivateKey::to_pem() const {
  Owned<BIO> bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), pkey_.get(), nullptr, nullptr, 0, nullptr,
                                       nullptr) != 1) {
    return {};
  }
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(len));
}

}  // namespace smdp::crypto
