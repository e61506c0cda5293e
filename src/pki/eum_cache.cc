// SPDX-License-Identifier: Apache-2.0
#include "pki/eum_cache.h"

#include <algorithm>

namespace smdp::pki {

std::shared_ptr<const Certificate> VerifiedEumCache::find(ByteView eum_der) const {
  const crypto::Sha256Digest key = crypto::sha256(eum_der);
  const std::scoped_lock lock(mutex_);
  const auto it = entries_.find(key);
  if (it == entries_.end() || !std::ranges::equal(it->second->der(), eum_der)) return nullptr;
  return it->second;
}

void VerifiedEumCache::remember(Certificate eum) {
  const crypto::Sha256Digest key = eum.fingerprint();
  auto entry = std::make_shared<const Certificate>(std::move(eum));
  const std::scoped_lock lock(mutex_);
  if (capacity_ == 0 || entries_.contains(key)) return;
  if (entries_.size() >= capacity_) {
    entries_.erase(order_.front());
    order_.pop_front();
  }
  entries_.emplace(key, std::move(entry));
  order_.push_back(key);
}

std::size_t VerifiedEumCache::size() const {
  const std::scoped_lock lock(mutex_);
  return entries_.size();
}

}  // namespace smdp::pki
