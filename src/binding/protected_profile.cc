// SPDX-License-Identifier: Apache-2.0
#include "binding/protected_profile.h"

#include <openssl/crypto.h>

#include "asn1/bpp.h"
#include "binding/scp03t.h"

namespace smdp::binding {

Result<ProtectedProfilePackage> protect_profile_package(ByteView profile_package,
                                                        crypto::Rng& rng) {
  Bytes material = rng.bytes(48);
  ChannelKeys ppk(ByteView(material).first(16), ByteView(material).subspan(16, 16),
                  ByteView(material).subspan(32, 16));
  OPENSSL_cleanse(material.data(), material.size());
  return protect_profile_package(profile_package, ppk);
}

Result<ProtectedProfilePackage> protect_profile_package(ByteView profile_package,
                                                        const ChannelKeys& ppk) {
  Scp03tChannel channel(ppk);
  auto segments = protect_segments(channel, asn1::kTagProfileSegment, profile_package, true);
  if (!segments) return std::unexpected(segments.error());
  return ProtectedProfilePackage{ppk, std::move(*segments)};
}

}  // namespace smdp::binding
