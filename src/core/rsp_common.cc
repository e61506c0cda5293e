// SPDX-License-Identifier: Apache-2.0
#include "core/rsp_common.h"

#include <algorithm>
#include <cctype>

#include "base/log.h"
#include "base/strings.h"
#include "der/writer.h"
#include "saip/variables.h"

namespace smdp::core::detail {

std::unexpected<Refusal> store_fault(const Error& error, std::string_view operation) {
  log::error("store.fault", {{"operation", std::string(operation)}, {"error", error.message()}});
  return refuse(kExecutionError, "internal error (" + std::string(operation) + ")");
}

bool same_address(std::string_view a, std::string_view b) { return equal_ignore_case(a, b); }

Bytes signature_tlv(ByteView raw_signature) { return der::tlv(0x5F37, raw_signature); }

Result<Bytes> sign(const crypto::EcPrivateKey& key, ByteView message) {
  auto sig = key.sign(message);
  if (!sig) return std::unexpected(sig.error());
  return Bytes(sig->begin(), sig->end());
}

namespace {
Bytes bcd(std::string_view digits, bool swap_nibbles) {
  Bytes out((digits.size() + 1) / 2, 0xFF);
  for (std::size_t i = 0; i < digits.size(); ++i) {
    const auto d = static_cast<std::uint8_t>(digits[i] - '0');
    const bool high = (i % 2 == 0) != swap_nibbles;
    auto& b = out[i / 2];
    b = high ? static_cast<std::uint8_t>((b & 0x0F) | (d << 4))
             : static_cast<std::uint8_t>((b & 0xF0) | d);
  }
  return out;
}
}  // namespace

bool retained_bpp(const ProfileRecord& profile, TimePoint now) {
  return !profile.bound_package.empty() && profile.bound_until && *profile.bound_until >= now;
}

Bytes eid_octets(std::string_view eid) { return bcd(eid, false); }

Bytes iccid_to_octets(std::string_view iccid) { return saip::encode_iccid_ef(iccid); }

std::string iccid_from_octets(ByteView octets) {
  std::string out;
  for (std::uint8_t b : octets) {
    for (std::uint8_t nibble :
         {static_cast<std::uint8_t>(b & 0x0F), static_cast<std::uint8_t>(b >> 4)}) {
      if (nibble > 9) return out;
      out.push_back(static_cast<char>('0' + nibble));
    }
  }
  return out;
}

}  // namespace smdp::core::detail
