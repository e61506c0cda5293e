// SPDX-License-Identifier: Apache-2.0
// A memory of EUM certificates that already passed the EUM checks of
// verify_euicc_chain (pki/euicc_chain.h steps 1, 2-3 and 5: strict parse, issued and
// signed by a CI of the set, EUM role and name constraint). Every eUICC of one
// manufacturer presents the same CERT.EUM.ECDSA in ES9+.AuthenticateClient (SGP.22
// §5.6.3), so the CI signature over it need not be verified for every download.
//
// Safety: an entry is found only for exactly the same DER bytes (SHA-256 key, then a
// full comparison); what depends on the moment or the request (validity, step 4; the
// selected CI, step 2) is still checked on every use. Entries are valid only for the
// CI set they were verified under: one cache per pki::CertificateSet (immutable CIs).
// Bounded: at `capacity` entries the oldest is forgotten. Thread-safe.
#pragma once

#include <cstddef>
#include <deque>
#include <map>
#include <memory>
#include <mutex>

#include "crypto/hash.h"
#include "pki/certificate.h"

namespace smdp::pki {

class VerifiedEumCache {
 public:
  explicit VerifiedEumCache(std::size_t capacity = 256) : capacity_(capacity) {}

  // The remembered EUM certificate with exactly these DER bytes, or nullptr.
  std::shared_ptr<const Certificate> find(ByteView eum_der) const;
  // Remembers `eum`, which the caller has just verified.
  void remember(Certificate eum);
  std::size_t size() const;

 private:
  mutable std::mutex mutex_;
  std::size_t capacity_;
  std::map<crypto::Sha256Digest, std::shared_ptr<const Certificate>> entries_;
  std::deque<crypto::Sha256Digest> order_;  // oldest first
};

}  // namespace smdp::pki
