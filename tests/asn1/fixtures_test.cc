// SPDX-License-Identifier: Apache-2.0
// Every message file of both generated sessions decodes, re-encodes byte for byte and
// resists the corruptions of strictness.h.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>

#include "asn1/authenticate_client.h"
#include "asn1/authenticate_server.h"
#include "asn1/euicc_info.h"
#include "asn1/get_bound_profile_package.h"
#include "asn1/initiate_authentication.h"
#include "asn1/notification.h"
#include "asn1/prepare_download.h"
#include "asn1/store_metadata.h"
#include "session.h"
#include "strictness.h"

namespace smdp::asn1 {
namespace {
using testing::Codec;
using testing::codec_of;

const std::map<std::string, Codec>& codecs_by_file() {
  static const std::map<std::string, Codec> codecs{
      {"euiccInfo1.der", codec_of<EUICCInfo1View>()},
      {"initiateAuthenticationRequest.der", codec_of<InitiateAuthenticationRequestView>()},
      {"serverSigned1.der", codec_of<ServerSigned1View>()},
      {"initiateAuthenticationOkEs9.der", codec_of<InitiateAuthenticationOkEs9View>()},
      {"authenticateServerRequest.der", codec_of<AuthenticateServerRequestView>()},
      {"authenticateServerResponse.der", codec_of<AuthenticateServerResponseView>()},
      {"authenticateClientRequest.der", codec_of<AuthenticateClientRequestView>()},
      {"storeMetadataRequest.der", codec_of<StoreMetadataRequestView>()},
      {"smdpSigned2.der", codec_of<SmdpSigned2View>()},
      {"authenticateClientOk.der", codec_of<AuthenticateClientOkView>()},
      {"prepareDownloadRequest.der", codec_of<PrepareDownloadRequestView>()},
      {"prepareDownloadResponse.der", codec_of<PrepareDownloadResponseView>()},
      {"getBoundProfilePackageRequest.der", codec_of<GetBoundProfilePackageRequestView>()},
      {"profileInstallationResult.der", codec_of<ProfileInstallationResultView>()},
  };
  return codecs;
}

// Files that are not whole messages of this module: bare signature TLVs (checked
// against the decoded *_tlv spans in the per-message tests) and Bound Profile Packages
// (asn1/bpp.h).
const std::set<std::string> kNotMessages{"serverSignature1.der", "smdpSignature2.der",
                                         "boundProfilePackage_session.der",
                                         "boundProfilePackage_ppk.der"};

class SessionFiles : public ::testing::TestWithParam<const char*> {};

TEST_P(SessionFiles, when_every_message_file_decoded_then_reencodes_identically_and_is_strict) {
  const testing::Session session{GetParam()};
  for (const auto& [file, codec] : codecs_by_file()) {
    SCOPED_TRACE(file);
    testing::expect_strict(codec, session.der(file));
  }
}

TEST_P(SessionFiles, when_listing_der_files_then_each_is_covered_or_known_foreign) {
  const auto dir = smdp::testing::session_path(GetParam());
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() != ".der") continue;
    EXPECT_TRUE(codecs_by_file().contains(name) || kNotMessages.contains(name)) << name;
  }
}

INSTANTIATE_TEST_SUITE_P(Asn1, SessionFiles, ::testing::ValuesIn(testing::kSessions));

}  // namespace
}  // namespace smdp::asn1
