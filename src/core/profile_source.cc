// SPDX-License-Identifier: Apache-2.0
#include "core/profile_source.h"

#include <openssl/crypto.h>

#include "core/sealed_values.h"
#include "crypto/aead.h"
#include "saip/personalise.h"
#include "saip/variables.h"

namespace smdp::core {
namespace {

std::string errc_name(ProfileSourceErrc e) {
  switch (e) {
    case ProfileSourceErrc::no_inventory:
      return "inventory profile, but no inventory or data key configured";
    case ProfileSourceErrc::unknown_type:
      return "profile type or template not stored";
    case ProfileSourceErrc::corrupt:
      return "sealed profile data does not open or decode";
  }
  return "unknown profile source error";
}

// Associated data of a sealed protected package: its purpose and the ICCID, so a blob
// moved to another profile, or into sealed_values, does not open.
Bytes protected_package_aad(std::string_view iccid) {
  const std::string aad = "smdpp/protected-package/v1/" + std::string(iccid);
  return Bytes(aad.begin(), aad.end());
}

}  // namespace

SMDP_DEFINE_ERROR_CATEGORY(ProfileSourceErrc, "smdp.profile_source", errc_name)

ProfileSource::ProfileSource(InventoryStore* inventory, std::optional<Bytes> data_key)
    : inventory_(inventory), data_key_(std::move(data_key)) {}

ProfileSource::~ProfileSource() {
  if (data_key_) OPENSSL_cleanse(data_key_->data(), data_key_->size());
}

Result<std::shared_ptr<const ProfileSource::CachedType>> ProfileSource::cached(
    std::string_view name) {
  {
    std::lock_guard lock(mutex_);
    if (auto it = types_.find(name); it != types_.end()) return it->second;
  }
  if (inventory_ == nullptr) return fail(ProfileSourceErrc::no_inventory, std::string(name));
  auto type = inventory_->get_profile_type(name);
  if (!type) return std::unexpected(type.error());
  std::optional<ProfileTypeRecord>& known = *type;
  if (!known) return fail(ProfileSourceErrc::unknown_type, std::string(name));
  auto stored = inventory_->get_template(known->template_name);
  if (!stored) return std::unexpected(stored.error());
  std::optional<TemplateRecord>& record = *stored;
  if (!record) return fail(ProfileSourceErrc::unknown_type, known->template_name);
  auto decoded = saip::ProfilePackage::decode(record->package);
  if (!decoded) return fail(ProfileSourceErrc::corrupt, "template " + known->template_name);
  auto entry = std::make_shared<CachedType>(
      CachedType{std::move(*known), std::move(record->package), std::move(*decoded)});
  std::lock_guard lock(mutex_);
  // Another thread may have filled it meanwhile: both are equal; keep the first.
  return types_.try_emplace(std::string(name), std::move(entry)).first->second;
}

Result<ProfileTypeRecord> ProfileSource::profile_type(std::string_view name) {
  auto entry = cached(name);
  if (!entry) return std::unexpected(entry.error());
  return (*entry)->type;
}

Result<ByteView> ProfileSource::eligibility_package(const ProfileRecord& profile) {
  if (!profile.profile_type) return ByteView(profile.profile_package);
  auto entry = cached(*profile.profile_type);
  if (!entry) return std::unexpected(entry.error());
  return ByteView((*entry)->template_der);  // entries are never removed
}

Result<Bytes> ProfileSource::package(const ProfileRecord& profile) {
  if (!profile.profile_type) return profile.profile_package;
  if (!data_key_) return fail(ProfileSourceErrc::no_inventory, "no data key");
  auto entry = cached(*profile.profile_type);
  if (!entry) return std::unexpected(entry.error());
  auto plain = open_values(*data_key_, profile.iccid, profile.sealed_values);
  if (!plain) return fail(ProfileSourceErrc::corrupt, "sealed values of " + profile.iccid);
  const std::string text(plain->begin(), plain->end());
  OPENSSL_cleanse(plain->data(), plain->size());
  auto values = saip::parse_values(text);
  if (!values) return fail(ProfileSourceErrc::corrupt, "sealed values of " + profile.iccid);
  auto personalised = saip::personalise((*entry)->decoded, *values);
  if (!personalised) return std::unexpected(personalised.error());
  return personalised->encode();
}

Result<binding::ProtectedProfilePackage> ProfileSource::protect(const ProfileRecord& profile,
                                                                crypto::Rng& rng) {
  auto clear = package(profile);
  if (!clear) return std::unexpected(clear.error());
  auto ppp = binding::protect_profile_package(*clear, rng);
  OPENSSL_cleanse(clear->data(), clear->size());
  return ppp;
}

Result<std::optional<binding::ProtectedProfilePackage>> ProfileSource::protected_package(
    const ProfileRecord& profile) {
  if (profile.protected_package.empty()) return std::nullopt;
  if (!data_key_) return fail(ProfileSourceErrc::no_inventory, "no data key");
  auto plain = crypto::aes256_gcm_open(*data_key_, profile.protected_package,
                                       protected_package_aad(profile.iccid));
  if (!plain) return fail(ProfileSourceErrc::corrupt, "protected package of " + profile.iccid);
  auto ppp = binding::parse_protected_package(*plain);
  OPENSSL_cleanse(plain->data(), plain->size());
  if (!ppp) return fail(ProfileSourceErrc::corrupt, "protected package of " + profile.iccid);
  return std::optional(std::move(*ppp));
}

Result<Bytes> ProfileSource::seal_protected_package(const ProfileRecord& profile,
                                                    const binding::ProtectedProfilePackage& ppp,
                                                    crypto::Rng& rng) {
  if (!data_key_) return fail(ProfileSourceErrc::no_inventory, "no data key");
  Bytes plain = binding::serialise_protected_package(ppp);
  auto sealed =
      crypto::aes256_gcm_seal(*data_key_, rng, plain, protected_package_aad(profile.iccid));
  OPENSSL_cleanse(plain.data(), plain.size());
  return sealed;
}

}  // namespace smdp::core
