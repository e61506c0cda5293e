// SPDX-License-Identifier: Apache-2.0
// `smdpp pki`: creates a test PKI in the SGP.22 §4.5.2 certificate profiles (shaped
// like the GSMA SGP.26 one), or issues further certificates under an existing CI such
// as the SGP.26 test CI whose key is published. Test use only.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <expected>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "commands.h"
#include "pki/certificate_set.h"
#include "pki/eid.h"
#include "pki/test_pki.h"
#include "service_options.h"

namespace smdpp {
namespace {

namespace fs = std::filesystem;
namespace pki = smdp::pki;
using smdp::crypto::Curve;

// What the certificates are; the help's description (--help lists the options).
constexpr const char* kDescription =
    R"(Creates certificates in the SGP.22 profiles, with the extensions and criticality of
the GSMA SGP.26 test certificates. FOR TESTS ONLY: private keys are written
unencrypted, readable by the owner only (mode 0600).

  smdpp pki init --out DIR [options]
  smdpp pki issue --ci-cert FILE --ci-key FILE --out DIR [options]
)";

constexpr const char* kFooter = R"(init    a new PKI per curve, in DIR/nist/ and DIR/brp/:
          ci.der     ci.key.pem        CI, self-signed           (id-rspRole-ci)
          eum.der    eum.key.pem       EUM, EID prefix constraint (id-rspRole-eum)
          euicc-<EID>.der  euicc-<EID>.key.pem
                                       one eUICC per EID         (id-rspRole-euicc)
          dpauth.der dpauth.key.pem    CERT.DPauth.ECDSA         (id-rspRole-dp-auth)
          dppb.der   dppb.key.pem      CERT.DPpb.ECDSA           (id-rspRole-dp-pb)
          tls.der    tls.key.pem       SM-DP+ TLS server         (id-rspRole-dp-tls)
        and DIR/README describing them.
issue   the same certificates (but no new CI) under an existing CI, in DIR/, with
        DIR/ci.der a copy of that CI's certificate (its key is not copied).

Certificates are DER, keys PKCS#8 PEM. Validity starts one day ago; CI 35 years,
EUM 34, DPauth/DPpb 10, TLS 2, eUICC until 9999-12-31.
Without --eid: one EID made of the prefix, filler digits and check digits; with the
default prefix the SGP.26 EID 89049032123451234512345678901235.
'smdpp pki init --help' and 'smdpp pki issue --help' list their own options.

exit status: 0 done, 1 failure, 2 usage error)";

struct Options {
  std::string subcommand;
  fs::path out;
  std::vector<Curve> curves;
  std::string ci_cert;
  std::string ci_key;
  bool issue_eum = true;
  bool issue_dp = true;
  std::vector<std::string> eids;
  pki::TestPkiParams params;
  bool force = false;
};

// A file to write: certificates 0644, keys 0600.
struct OutputFile {
  fs::path path;
  std::string data;
  bool secret = false;
};

std::string_view dir_name(Curve c) { return c == Curve::nist_p256 ? "nist" : "brp"; }

// Checks what the option parser cannot see option by option; adds the default EID.
std::expected<void, std::string> check_options(Options& o) {
  if (!pki::is_eid_prefix(o.params.eid_prefix)) {
    return std::unexpected("--eum-eid-prefix '" + o.params.eid_prefix + "' is not 1 to 30 digits");
  }
  if (o.eids.empty()) {
    auto made = pki::make_eid(o.params.eid_prefix, "123451234512345678901234567890");
    if (!made) return std::unexpected("cannot make an EID from prefix " + o.params.eid_prefix);
    o.eids.push_back(std::move(*made));
  }
  for (const auto& eid : o.eids) {
    if (!pki::is_eid(eid) || !eid.starts_with(o.params.eid_prefix)) {
      return std::unexpected("--eid " + eid + " is not 32 digits starting with " +
                             o.params.eid_prefix);
    }
    if (!pki::eid_check_digits_ok(eid)) {
      std::fprintf(stderr, "smdpp pki: warning: EID %s has wrong check digits (issued anyway)\n",
                   eid.c_str());
    }
  }
  if (o.params.dp_address.empty()) return std::unexpected(std::string("--dp-address is empty"));
  return {};
}

std::string describe(const pki::Certificate& c) {
  const auto day = std::chrono::floor<std::chrono::days>(c.not_after());
  const std::chrono::year_month_day ymd{day};
  char until[16];
  std::snprintf(until, sizeof until, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  std::string text = c.subject() + ", until " + until;
  if (const auto& ski = c.subject_key_identifier()) text += ", SKI " + smdp::to_hex(*ski);
  return text;
}

// Adds name.der and name.key.pem, and their README lines.
void add_credential(std::vector<OutputFile>& files, std::string& readme, const fs::path& dir,
                    const std::string& name, const pki::Credential& c, std::string_view role) {
  const smdp::Bytes& der = c.cert.der();
  files.push_back({dir / (name + ".der"), std::string(der.begin(), der.end()), false});
  files.push_back({dir / (name + ".key.pem"), c.key.to_pem(), true});
  readme += "  " + name + ".der / " + name + ".key.pem: " + std::string(role) + "\n    " +
            describe(c.cert) + "\n";
}

void add_eum_tree(std::vector<OutputFile>& files, std::string& readme, const fs::path& dir,
                  const pki::Credential& eum, const std::vector<pki::Credential>& euiccs) {
  std::string prefixes;
  for (const auto& p : eum.cert.permitted_eid_prefixes())
    prefixes += (prefixes.empty() ? "" : ", ") + p;
  add_credential(files, readme, dir, "eum", eum,
                 "EUM (id-rspRole-eum), permitted EID prefix " + prefixes);
  for (const auto& e : euiccs) {
    const std::string eid = e.cert.eid().value_or("?");  // set by issue_euicc
    add_credential(files, readme, dir, "euicc-" + eid, e, "eUICC (id-rspRole-euicc), EID " + eid);
  }
}

void add_dp_set(std::vector<OutputFile>& files, std::string& readme, const fs::path& dir,
                const pki::Credential& dpauth, const pki::Credential& dppb,
                const pki::Credential& tls, const std::string& dp_address) {
  add_credential(files, readme, dir, "dpauth", dpauth, "CERT.DPauth.ECDSA (id-rspRole-dp-auth)");
  add_credential(files, readme, dir, "dppb", dppb, "CERT.DPpb.ECDSA (id-rspRole-dp-pb)");
  add_credential(files, readme, dir, "tls", tls,
                 "SM-DP+ TLS server (id-rspRole-dp-tls), DNS " + dp_address);
}

std::string readme_header(const Options& o) {
  return "Test PKI in the SGP.22 certificate profiles, made by `smdpp pki " + o.subcommand +
         "`.\nFOR TESTS ONLY: the *.key.pem files are unencrypted private keys (PKCS#8).\n"
         "Certificates are DER. An SM-DP+ loads ci.der as a CI, dpauth/dppb (and tls) as its\n"
         "credentials; eUICCs present eum.der and euicc-<EID>.der in AuthenticateClient.\n\n";
}

std::expected<std::vector<OutputFile>, std::string> plan_init(const Options& o) {
  std::vector<OutputFile> files;
  std::string readme = readme_header(o);
  for (Curve curve : o.curves) {
    auto tree = pki::create_test_pki(curve, o.eids, o.params, smdp::crypto::system_rng());
    if (!tree) return std::unexpected(tree.error().message());
    const fs::path dir = o.out / dir_name(curve);
    readme +=
        std::string(dir_name(curve)) + "/ (" + std::string(smdp::crypto::curve_name(curve)) + ")\n";
    add_credential(files, readme, dir, "ci", tree->ci, "CI, self-signed (id-rspRole-ci)");
    add_eum_tree(files, readme, dir, tree->eum, tree->euiccs);
    add_dp_set(files, readme, dir, tree->dpauth, tree->dppb, tree->tls, o.params.dp_address);
    readme += "\n";
  }
  files.push_back({o.out / "README", readme, false});
  return files;
}

std::expected<std::vector<OutputFile>, std::string> plan_issue(const Options& o) {
  auto loaded = pki::Credential::load(o.ci_cert, o.ci_key);
  if (!loaded) return std::unexpected(loaded.error().message());
  pki::CiSet check;  // the CI must be a CI certificate
  if (auto added = check.add(loaded->cert); !added) return std::unexpected(added.error().message());
  const pki::Credential& ci = *loaded;
  auto& rng = smdp::crypto::system_rng();

  std::vector<OutputFile> files;
  std::string readme = readme_header(o) + "Issued under " + describe(ci.cert) + "\n";
  const smdp::Bytes& ci_der = ci.cert.der();
  files.push_back({o.out / "ci.der", std::string(ci_der.begin(), ci_der.end()), false});
  readme += "  ci.der: copy of that CI certificate (" +
            std::string(smdp::crypto::curve_name(ci.cert.curve())) + ")\n";
  if (o.issue_eum) {
    auto eum = pki::issue_eum(ci, o.params, rng);
    if (!eum) return std::unexpected(eum.error().message());
    std::vector<pki::Credential> euiccs;
    for (const auto& eid : o.eids) {
      auto euicc = pki::issue_euicc(*eum, eid, o.params, rng);
      if (!euicc) return std::unexpected(euicc.error().message());
      euiccs.push_back(std::move(*euicc));
    }
    add_eum_tree(files, readme, o.out, *eum, euiccs);
  }
  if (o.issue_dp) {
    auto dpauth = pki::issue_dp(pki::Role::dp_auth, ci, o.params, rng);
    auto dppb = pki::issue_dp(pki::Role::dp_pb, ci, o.params, rng);
    auto tls = pki::issue_dp(pki::Role::dp_tls, ci, o.params, rng);
    for (const auto* r : {&dpauth, &dppb, &tls}) {
      if (!*r) return std::unexpected(r->error().message());
    }
    add_dp_set(files, readme, o.out, *dpauth, *dppb, *tls, o.params.dp_address);
  }
  files.push_back({o.out / "README", readme, false});
  return files;
}

std::expected<void, std::string> write_file(const OutputFile& f) {
  const mode_t mode = f.secret ? 0600 : 0644;
  const int fd =
      ::open(f.path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, mode);
  if (fd < 0) return std::unexpected(f.path.string() + ": " + std::strerror(errno));
  // An existing file keeps its mode through O_TRUNC: a key file must not.
  bool ok = ::fchmod(fd, mode) == 0;
  std::size_t done = 0;
  while (ok && done < f.data.size()) {
    const ssize_t n = ::write(fd, f.data.data() + done, f.data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) done += static_cast<std::size_t>(n);
  }
  const int saved_errno = errno;
  ok = (::close(fd) == 0) && ok;
  if (!ok) return std::unexpected(f.path.string() + ": " + std::strerror(saved_errno));
  return {};
}

std::expected<void, std::string> write_all(const std::vector<OutputFile>& files, bool force) {
  if (!force) {
    for (const auto& f : files) {
      std::error_code ec;
      if (fs::symlink_status(f.path, ec).type() != fs::file_type::not_found) {
        return std::unexpected(f.path.string() + " exists (use --force to overwrite)");
      }
    }
  }
  for (const auto& f : files) {
    std::error_code ec;
    fs::create_directories(f.path.parent_path(), ec);
    if (ec) return std::unexpected(f.path.parent_path().string() + ": " + ec.message());
  }
  for (const auto& f : files) {
    if (auto w = write_file(f); !w) return w;
  }
  return {};
}

// Issues and writes the certificates.
int run(Options& o) {
  o.params.now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  auto files = o.subcommand == "init" ? plan_init(o) : plan_issue(o);
  if (!files) {
    std::fprintf(stderr, "smdpp pki %s: %s\n", o.subcommand.c_str(), files.error().c_str());
    return 1;
  }
  if (auto written = write_all(*files, o.force); !written) {
    std::fprintf(stderr, "smdpp pki %s: %s\n", o.subcommand.c_str(), written.error().c_str());
    return 1;
  }
  for (const auto& f : *files) std::printf("%s\n", f.path.c_str());
  return 0;
}

}  // namespace

int pki_main(int argc, char** argv) {
  CLI::App app(kDescription, "smdpp pki");
  app.require_subcommand(1);
  app.set_config("--config", "", "read options from a TOML/INI file");
  Options o;
  std::string out;
  std::vector<std::string> curves = {"nist", "brp"};
  std::vector<std::string> what = {"eum", "dp"};
  app.add_option("--out", out, "output directory, created if missing")->required();
  app.add_option("--eum-eid-prefix", o.params.eid_prefix, "the EUM's permitted EID prefix")
      ->capture_default_str();
  app.add_option("--eid", o.eids,
                 "an eUICC EID: 32 digits starting with the prefix; repeatable or comma "
                 "separated (default: see below)")
      ->delimiter(',')
      ->allow_extra_args(false);
  app.add_option("--dp-address", o.params.dp_address, "DNS name of the TLS certificate")
      ->capture_default_str();
  app.add_option("--dp-oid", o.params.dp_oid, "SM-DP+ OID, SAN registeredID of DPauth/DPpb/TLS")
      ->capture_default_str();
  app.add_flag("--force", o.force, "overwrite existing files");
  CLI::App* init_cmd = app.add_subcommand("init", "a new PKI per curve, in DIR/nist/ and DIR/brp/");
  init_cmd->add_option("--curves", curves, "nist, brp or nist,brp")
      ->delimiter(',')
      ->allow_extra_args(false)
      ->check(CLI::IsMember({"nist", "brp"}))
      ->capture_default_str();
  CLI::App* issue_cmd =
      app.add_subcommand("issue", "the same certificates (but no new CI) under an existing CI");
  issue_cmd->add_option("--ci-cert", o.ci_cert, "the CI certificate (DER or PEM)")->required();
  issue_cmd->add_option("--ci-key", o.ci_key, "the CI private key (PEM)")->required();
  issue_cmd->add_option("--what", what, "eum (EUM and eUICCs), dp (DPauth, DPpb, TLS) or eum,dp")
      ->delimiter(',')
      ->allow_extra_args(false)
      ->check(CLI::IsMember({"eum", "dp"}))
      ->capture_default_str();
  for (CLI::App* c : {init_cmd, issue_cmd}) c->fallthrough();  // common options may follow
  app.footer(kFooter);  // after the subcommands, which would inherit it
  return smdp::cli::run(app, argc, argv, [&] {
    o.subcommand = init_cmd->parsed() ? "init" : "issue";
    o.out = out;
    for (const auto& c : curves)
      o.curves.push_back(c == "nist" ? Curve::nist_p256 : Curve::brainpool_p256r1);
    o.issue_eum = std::ranges::find(what, "eum") != what.end();
    o.issue_dp = std::ranges::find(what, "dp") != what.end();
    std::erase(o.eids, "");
    if (auto checked = check_options(o); !checked) {
      std::fprintf(stderr, "smdpp pki: %s\nrun 'smdpp pki --help' for usage\n",
                   checked.error().c_str());
      return 2;
    }
    return run(o);
  });
}

}  // namespace smdpp
