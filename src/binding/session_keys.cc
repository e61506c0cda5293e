// SPDX-License-Identifier: Apache-2.0
#include "binding/session_keys.h"

#include <openssl/crypto.h>

#include <algorithm>

#include "asn1/bpp.h"
#include "crypto/hash.h"

namespace smdp::binding {

ChannelKeys::ChannelKeys(ByteView enc, ByteView mac, ByteView mcv) {
  std::copy_n(enc.begin(), std::min<std::size_t>(enc.size(), 16), s_enc.begin());
  std::copy_n(mac.begin(), std::min<std::size_t>(mac.size(), 16), s_mac.begin());
  std::copy_n(mcv.begin(), std::min<std::size_t>(mcv.size(), 16), initial_mcv.begin());
}

ChannelKeys::~ChannelKeys() {
  OPENSSL_cleanse(s_enc.data(), s_enc.size());
  OPENSSL_cleanse(s_mac.data(), s_mac.size());
  OPENSSL_cleanse(initial_mcv.data(), initial_mcv.size());
}

Bytes kdf_shared_info(ByteView host_id, ByteView eid) {
  Bytes info{asn1::kKeyTypeAes, asn1::kKeyLength};
  info.push_back(static_cast<std::uint8_t>(host_id.size()));
  append(info, host_id);
  info.push_back(static_cast<std::uint8_t>(eid.size()));
  append(info, eid);
  return info;
}

Result<ChannelKeys> derive_session_keys(ByteView shared_secret, ByteView host_id, ByteView eid) {
  auto out = crypto::x963_kdf_sha256(shared_secret, kdf_shared_info(host_id, eid), 48);
  if (!out) return std::unexpected(out.error());
  ChannelKeys keys(ByteView(*out).subspan(16, 16), ByteView(*out).subspan(32, 16),
                   ByteView(*out).first(16));
  OPENSSL_cleanse(out->data(), out->size());
  return keys;
}

}  // namespace smdp::binding
