// SPDX-License-Identifier: Apache-2.0
// The simulated eUICCs: one per download, each a fresh key and CERT.EUICC.ECDSA with its
// own EID, issued under the EUM of the server's test PKI (`smdpp pki init`, SGP.22
// §4.5.2.1) on the chosen curve. A real eUICC numbers its notifications from 1 and the
// SM-DP+ takes a repeated (EID, seqNumber) for a replay, so an identity is never reused.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "euicc/card.h"
#include "pki/certificate_set.h"

namespace bench {

class Fleet {
 public:
  // Loads `pki_dir/<curve>/{ci,eum}.der` and `eum.key.pem`; exits with a message on
  // failure (a benchmark has nobody to recover). A server that outlives one run (a
  // cluster) needs a `first_eid` no earlier run used.
  Fleet(const std::string& pki_dir, const std::string& curve, std::uint64_t first_eid = 0);

  // The eUICC of download `index`: EID 89049032 + (first_eid + index) + check digits. Issues its
  // certificate on the calling thread (client-side work, outside the server's CPU).
  // Thread-safe.
  smdp::euicc::CardConfig identity(std::size_t index) const;

 private:
  smdp::pki::Credential eum_;
  smdp::Bytes ci_;
  std::uint64_t first_eid_;
};

// The CI certificates of both curves (the LPA's TLS trust: SM-DP+ TLS is P-256).
std::vector<smdp::Bytes> trusted_cis(const std::string& pki_dir);

}  // namespace bench
