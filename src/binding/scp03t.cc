// SPDX-License-Identifier: Apache-2.0
// SCP03t protection of BPP TLVs (SGP.22 §2.5.4).
#include "binding/scp03t.h"

#include <string>

#include "crypto/hash.h"
#include "der/der.h"
#include "der/writer.h"

namespace smdp::binding {
namespace {
std::string errc_name(Errc e) {
  switch (e) {
    case Errc::structure:
      return "SCP03t: structure error";
    case Errc::security:
      return "SCP03t: security error (MAC)";
    case Errc::too_long:
      return "SCP03t: data too long for one segment";
  }
  return "SCP03t: unknown error";
}
}  // namespace
SMDP_DEFINE_ERROR_CATEGORY(Errc, "scp03t", errc_name)

constexpr std::size_t kMacLength = 8;

Bytes pad80(ByteView data) {
  Bytes out(data.begin(), data.end());
  out.push_back(0x80);
  while (out.size() % 16 != 0) out.push_back(0x00);
  return out;
}

Result<Bytes> unpad80(Bytes data) {
  while (!data.empty() && data.back() == 0x00) data.pop_back();
  if (data.empty() || data.back() != 0x80) return fail(Errc::structure, "padding");
  data.pop_back();
  return data;
}

Scp03tChannel::Scp03tChannel(const ChannelKeys& keys) : keys_(keys), mcv_(keys.initial_mcv) {}

Result<Bytes> Scp03tChannel::icv() {
  ++counter_;
  std::array<std::uint8_t, 16> block{};
  for (std::size_t i = 0; i < 8; ++i)
    block[15 - i] = static_cast<std::uint8_t>(counter_ >> (8 * i));
  return crypto::aes_ecb_block(keys_.s_enc, block);
}

// tag || length(body + MAC) || body || MAC, chaining the MCV.
Result<Bytes> Scp03tChannel::protect(std::uint32_t tag, ByteView body) {
  Bytes out;
  der::append_tag(out, tag);
  der::append_length(out, body.size() + kMacLength);
  append(out, body);
  if (out.size() + kMacLength > kMaxSegmentTlv) return fail(Errc::too_long);
  auto mac = crypto::aes_cmac(keys_.s_mac, {mcv_, out});
  if (!mac) return std::unexpected(mac.error());
  mcv_ = *mac;
  out.insert(out.end(), mac->begin(), mac->begin() + kMacLength);
  return out;
}

Result<Bytes> Scp03tChannel::encrypt_and_mac(std::uint32_t tag, ByteView plaintext) {
  if (plaintext.size() > kMaxEncryptedPlaintext) return fail(Errc::too_long);
  auto iv = icv();
  if (!iv) return std::unexpected(iv.error());
  auto ct = crypto::aes_cbc_encrypt(keys_.s_enc, *iv, pad80(plaintext));
  if (!ct) return std::unexpected(ct.error());
  return protect(tag, *ct);
}

Result<Bytes> Scp03tChannel::mac_only(std::uint32_t tag, ByteView data) {
  if (data.size() > kMaxMacOnlyData) return fail(Errc::too_long);
  ++counter_;  // the counter counts every command, MAC-only ones too
  return protect(tag, data);
}

// Parses and MAC-checks one TLV; returns the body (without MAC).
Result<ByteView> Scp03tChannel::check(std::uint32_t tag, ByteView tlv) {
  auto parsed = der::parse_single(tlv);
  if (!parsed || parsed->tag != tag || parsed->value.size() < kMacLength) {
    return fail(Errc::structure, "segment TLV");
  }
  const ByteView header = tlv.first(tlv.size() - parsed->value.size());
  const ByteView body = parsed->value.first(parsed->value.size() - kMacLength);
  const ByteView mac = parsed->value.last(kMacLength);
  auto expected = crypto::aes_cmac(keys_.s_mac, {mcv_, header, body});
  if (!expected) return std::unexpected(expected.error());
  if (!equal_ct(ByteView(*expected).first(kMacLength), mac)) return fail(Errc::security);
  mcv_ = *expected;
  return body;
}

Result<Bytes> Scp03tChannel::verify_and_decrypt(std::uint32_t tag, ByteView tlv) {
  auto body = check(tag, tlv);
  if (!body) return std::unexpected(body.error());
  if (body->empty() || body->size() % 16 != 0) return fail(Errc::structure, "ciphertext length");
  auto iv = icv();
  if (!iv) return std::unexpected(iv.error());
  auto pt = crypto::aes_cbc_decrypt(keys_.s_enc, *iv, *body);
  if (!pt) return std::unexpected(pt.error());
  return unpad80(std::move(*pt));
}

Result<Bytes> Scp03tChannel::verify_mac_only(std::uint32_t tag, ByteView tlv) {
  auto body = check(tag, tlv);
  if (!body) return std::unexpected(body.error());
  ++counter_;
  return Bytes(body->begin(), body->end());
}

}  // namespace smdp::binding

namespace smdp::binding {

Result<std::vector<Bytes>> protect_segments(Scp03tChannel& channel, std::uint32_t tag,
                                            ByteView data, bool encrypt) {
  const std::size_t chunk = encrypt ? kMaxEncryptedPlaintext : kMaxMacOnlyData;
  std::vector<Bytes> out;
  out.reserve(data.size() / chunk + 1);
  std::size_t pos = 0;
  do {
    const ByteView part = data.subspan(pos, std::min(chunk, data.size() - pos));
    auto tlv = encrypt ? channel.encrypt_and_mac(tag, part) : channel.mac_only(tag, part);
    if (!tlv) return std::unexpected(tlv.error());
    out.push_back(std::move(*tlv));
    pos += part.size();
  } while (pos < data.size());
  return out;
}

}  // namespace smdp::binding
