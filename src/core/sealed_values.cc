// SPDX-License-Identifier: Apache-2.0
#include "core/sealed_values.h"

#include <string>

#include "crypto/errors.h"

namespace smdp::core {
namespace {

std::string associated_data(std::string_view iccid) {
  std::string aad = "smdpp/subscription/v1/";
  aad += iccid;
  return aad;
}

}  // namespace

Result<ValueSealer> ValueSealer::create(ByteView key) {
  auto gcm = crypto::Aes256Gcm::create(key);
  if (!gcm) return std::unexpected(gcm.error());
  return ValueSealer(std::move(*gcm));
}

Result<Bytes> ValueSealer::seal(std::string_view iccid, std::string_view plaintext,
                                crypto::Rng& rng) {
  Bytes out;
  out.reserve(1 + crypto::kAes256GcmOverhead + plaintext.size());
  out.push_back(kSealedValuesVersion);
  if (auto r = gcm_.seal(rng, as_bytes(plaintext), as_bytes(associated_data(iccid)), out); !r) {
    return std::unexpected(r.error());
  }
  return out;
}

Result<Bytes> ValueSealer::open(std::string_view iccid, ByteView blob) {
  if (blob.empty() || blob[0] != kSealedValuesVersion) {
    return fail(crypto::Errc::invalid_length, "sealed values: unknown format version");
  }
  return gcm_.open(blob.subspan(1), as_bytes(associated_data(iccid)));
}

Result<Bytes> seal_values(ByteView key, std::string_view iccid, std::string_view plaintext,
                          crypto::Rng& rng) {
  auto sealer = ValueSealer::create(key);
  if (!sealer) return std::unexpected(sealer.error());
  return sealer->seal(iccid, plaintext, rng);
}

Result<Bytes> open_values(ByteView key, std::string_view iccid, ByteView blob) {
  auto sealer = ValueSealer::create(key);
  if (!sealer) return std::unexpected(sealer.error());
  return sealer->open(iccid, blob);
}

}  // namespace smdp::core
