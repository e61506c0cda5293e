// SPDX-License-Identifier: Apache-2.0
// The software eUICC: construction, GetEUICCInfo (SGP.22 §5.7.8), GetEUICCChallenge
// (§5.7.7), the notification list (§5.7.9-§5.7.11) and the installed profiles.
// AuthenticateServer, PrepareDownload, LoadBoundProfilePackage, CancelSession and the
// state persistence live in their own files.
#include "euicc/card.h"

#include <algorithm>
#include <stdexcept>

#include "asn1/euicc_info.h"
#include "euicc/card_impl.h"

namespace smdp::euicc {
namespace {

// "2.3.1" -> 02 03 01 (VersionType). Throws on a malformed version: configuration.
Bytes version_type(const std::string& text) {
  Bytes out;
  std::size_t pos = 0;
  while (out.size() < 3) {
    const std::size_t end = text.find('.', pos);
    const std::string part = text.substr(pos, end == std::string::npos ? end : end - pos);
    if (part.empty() || part.size() > 3 || !std::ranges::all_of(part, ::isdigit) ||
        std::stoi(part) > 255) {
      throw std::invalid_argument("CardConfig: bad version " + text);
    }
    out.push_back(static_cast<std::uint8_t>(std::stoi(part)));
    if (end == std::string::npos) break;
    pos = end + 1;
  }
  if (out.size() != 3) throw std::invalid_argument("CardConfig: bad version " + text);
  return out;
}

// A non-negative quantity as a fixed 4-byte big-endian value (ETSI TS 102 226 §8.2.1.7.2
// coding used by GlobalPlatform for the extended card resources).
void append_u32(Bytes& out, std::uint64_t v) {
  const auto clamped = static_cast<std::uint32_t>(std::min<std::uint64_t>(v, 0xFFFFFFFFu));
  for (int shift = 24; shift >= 0; shift -= 8) {
    out.push_back(static_cast<std::uint8_t>(clamped >> shift));
  }
}

constexpr std::uint64_t kFreeVolatileMemory = 0x2000;

}  // namespace

std::string iccid_digits(ByteView iccid) {
  std::string digits;
  for (std::uint8_t b : iccid) {
    for (const int nibble : {b & 0x0F, b >> 4}) {
      if (nibble == 0x0F) return digits;
      digits.push_back(static_cast<char>(nibble < 10 ? '0' + nibble : 'A' + nibble - 10));
    }
  }
  return digits;
}

Card::Impl::Impl(CardConfig c, crypto::Rng& r) : config(std::move(c)), rng(&r) {
  const auto eid = config.eid.size() == 32 && std::ranges::all_of(config.eid, ::isdigit)
                       ? from_hex(config.eid)
                       : std::nullopt;
  if (!eid) throw std::invalid_argument("CardConfig: EID must be 32 digits");
  eid_bcd = *eid;
  for (const Bytes& der : config.ci_certificates) {
    auto ci = pki::Certificate::from_der(der);
    if (!ci) throw std::invalid_argument("CardConfig: CI certificate: " + ci.error().message());
    const auto& ski = ci->subject_key_identifier();
    if (!ski) throw std::invalid_argument("CardConfig: CI without SKI");
    ci_skis.push_back(*ski);
    cis.push_back(std::move(*ci));
  }
  // The versions are checked now so that encoding EUICCInfo2 later cannot fail.
  (void)version_type(config.profile_version);
  (void)version_type(config.svn);
}

crypto::RawSignature Card::Impl::sign(ByteView message) const {
  auto sig = config.euicc_private_key.sign(message);
  // Signing with a valid key only fails if OpenSSL itself fails: not recoverable.
  if (!sig) throw std::runtime_error("eUICC signature failed: " + sig.error().message());
  return *sig;
}

Bytes Card::Impl::euicc_info2() const {
  asn1::EUICCInfo2 info;
  info.profile_version = version_type(config.profile_version);
  info.svn = version_type(config.svn);
  info.euicc_firmware_ver = {0x01, 0x00, 0x00};
  // extCardResource: 81 installed applications, 82 free NVM, 83 free volatile memory.
  std::uint64_t used = 0;
  for (const auto& p : profiles) used += p.profile_package.size();
  const std::uint64_t free_nvm =
      config.free_nvm > 0 && static_cast<std::uint64_t>(config.free_nvm) > used
          ? static_cast<std::uint64_t>(config.free_nvm) - used
          : 0;
  Bytes& ecr = info.ext_card_resource;
  ecr = {0x81, 0x01, static_cast<std::uint8_t>(std::min<std::size_t>(profiles.size(), 255))};
  ecr.insert(ecr.end(), {0x82, 0x04});
  append_u32(ecr, free_nvm);
  ecr.insert(ecr.end(), {0x83, 0x04});
  append_u32(ecr, kFreeVolatileMemory);
  // usimSupport, isimSupport, akaMilenage, akaTuak128, javacard, multipleUsimSupport.
  info.uicc_capability = asn1::make_bit_string({1, 2, 4, 6, 14, 16});
  info.ts102241_version = Bytes{0x09, 0x02, 0x00};
  info.globalplatform_version = Bytes{0x02, 0x03, 0x00};
  // additionalProfile, testProfileSupport.
  info.rsp_capability = asn1::make_bit_string({0, 3});
  info.euicc_ci_pkid_list_for_verification = ci_skis;
  info.euicc_ci_pkid_list_for_signing = ci_skis;
  if (!config.forbidden_profile_policy_rules.empty())
    info.forbidden_profile_policy_rules =
        asn1::make_bit_string(config.forbidden_profile_policy_rules);
  info.pp_version = {0x01, 0x00, 0x00};
  info.sas_acreditation_number = "SMDPP-SOFTWARE-EUICC";
  return info.encode();
}

Card::Card(CardConfig config, crypto::Rng& rng)
    : impl_(std::make_unique<Impl>(std::move(config), rng)) {}
Card::~Card() = default;
Card::Card(Card&&) noexcept = default;
Card& Card::operator=(Card&&) noexcept = default;

const std::string& Card::eid() const { return impl_->config.eid; }

Bytes Card::get_euicc_info1() const {
  asn1::EUICCInfo1 info;
  info.svn = version_type(impl_->config.svn);
  info.euicc_ci_pkid_list_for_verification = impl_->ci_skis;
  info.euicc_ci_pkid_list_for_signing = impl_->ci_skis;
  return info.encode();
}

Bytes Card::get_euicc_info2() const { return impl_->euicc_info2(); }

Bytes Card::get_euicc_challenge() {
  Bytes challenge = impl_->rng->bytes(16);
  impl_->euicc_challenge = challenge;
  return challenge;
}

std::vector<Bytes> Card::pending_notifications() const {
  std::vector<Bytes> out;
  out.reserve(impl_->notifications.size());
  for (const auto& n : impl_->notifications) out.push_back(n.der);
  return out;
}

bool Card::remove_notification(std::int64_t seq_number) {
  return std::erase_if(impl_->notifications,
                       [&](const auto& n) { return n.seq_number == seq_number; }) > 0;
}

const std::vector<InstalledProfileInfo>& Card::installed_profiles() const {
  return impl_->profiles;
}

}  // namespace smdp::euicc
