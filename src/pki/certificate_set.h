// SPDX-License-Identifier: Apache-2.0
// The SM-DP+'s own certificates (SGP.22 §4.5.2.1: CERT.DPauth.ECDSA, CERT.DPpb.ECDSA
// and the TLS certificate CERT.DP.TLS) with their private keys, grouped by the
// CI they chain to, plus the trusted CIs. ES9+.InitiateAuthentication picks a CI by
// subjectKeyIdentifier (euiccCiPKIdListForSigning) and then signs with that CI's
// DPauth; AuthenticateClient signs with its DPpb.
//
// Every credential is checked when added: its key belongs to its certificate, the
// certificate chains to a loaded CI (signature, key identifiers, same curve), carries
// its role's policy and digitalSignature (TLS: also serverAuth), and is valid at the
// given time. Built once at startup, then read-only and safe to share between threads.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "crypto/ec.h"
#include "pki/certificate.h"
#include "pki/ci_set.h"
#include "pki/eum_cache.h"

namespace smdp::pki {

// File paths of one credential group; certificates DER or PEM, keys PEM (SEC1 or
// PKCS#8). The TLS pair is optional: leave both empty.
struct CredentialPaths {
  std::string dpauth_cert;
  std::string dpauth_key;
  std::string dppb_cert;
  std::string dppb_key;
  std::string tls_cert;
  std::string tls_key;
};

// How private key files are read.
struct KeyFileOptions {
  // Refuse (insecure_key_file) a key file with any group or other permission, or in a
  // directory that group or others may write: the server's own keys (`smdpp serve`).
  bool owner_only = false;
  // For encrypted PEM files; empty: none, and an encrypted file fails (never a prompt).
  std::string passphrase;
};

// A private key held elsewhere than in a file (a PKCS#11 token's, crypto/pkcs11.h), for
// the credential of `role` whose certificate carries its public key.
struct HeldKey {
  Role role;  // dp_auth, dp_pb or dp_tls
  crypto::EcPrivateKey key;
  std::string name;  // for messages (its URI)
};

struct CertificateSetConfig {
  std::vector<std::string> ci_certs;         // one or more CI certificates
  std::vector<CredentialPaths> credentials;  // typically one group per CI (curve)
  KeyFileOptions key_files{};
  // Keys that replace key files: a credential whose certificate matches one of its role
  // uses it, and its key path may then be empty or name no file. A held key that matches
  // no certificate of its role is an error (a mistyped URI must not go unnoticed).
  std::vector<HeldKey> held_keys{};
};

struct Credential {
  Certificate cert;
  crypto::EcPrivateKey key;

  // Loads the pair and checks that the key belongs to the certificate (key_mismatch).
  static Result<Credential> load(const std::string& cert_path, const std::string& key_path,
                                 const KeyFileOptions& options = {});
  // The private key's public point is the certificate's.
  bool key_matches() const { return key.public_key().point() == cert.public_key().point(); }
};

class CertificateSet {
 public:
  explicit CertificateSet(CiSet cis) : cis_(std::move(cis)) {}

  // Reads every file of `config` and adds each group; the first failure is returned,
  // naming the file (unreadable, malformed, key mismatch) or the group
  // ("credentials[i]") and role in its context.
  static Result<CertificateSet> load(const CertificateSetConfig& config, TimePoint now);

  // Adds one group (see the file comment for the checks). DPauth, DPpb and TLS must
  // chain to the same CI, and that CI must not have a group yet (duplicate).
  Result<void> add(Credential dpauth, Credential dppb, std::optional<Credential> tls,
                   TimePoint now);

  const CiSet& cis() const { return cis_; }
  // The EUM certificates verified under cis() (for verify_euicc_chain). Copies of this
  // set share it: their CIs are the same.
  VerifiedEumCache& eum_cache() const { return *eum_cache_; }
  // SKIs of the CIs we hold a credential group for, in insertion order.
  std::vector<Bytes> signing_ci_skis() const;
  // Our credential for the CI with this SKI, or nullptr. Valid while the set lives
  // and is not added to.
  const Credential* dpauth_for(ByteView ci_ski) const;
  const Credential* dppb_for(ByteView ci_ski) const;
  const Credential* tls_for(ByteView ci_ski) const;

 private:
  struct Group {
    Bytes ci_ski;
    Credential dpauth;
    Credential dppb;
    std::optional<Credential> tls;
  };
  const Group* group_for(ByteView ci_ski) const;

  CiSet cis_;
  std::vector<Group> groups_;
  std::shared_ptr<VerifiedEumCache> eum_cache_ = std::make_shared<VerifiedEumCache>();
};

}  // namespace smdp::pki
