// SPDX-License-Identifier: Apache-2.0
// ES9+.GetBoundProfilePackage in the JSON binding (SGP.22 §5.6.2, §6.5.2.7): request
// {transactionId, prepareDownloadResponse}; response {transactionId, boundProfilePackage}.
#pragma once

#include <string>
#include <string_view>

#include "asn1/prepare_download.h"
#include "es9/request.h"

namespace smdp::es9 {

struct GetBoundProfilePackageRequest {
  Bytes transaction_id;                                                   // 1..16 octets
  DerField<asn1::PrepareDownloadResponseView> prepare_download_response;  // BF21
};

// Parses a request body; errors as in es9/request.h, naming the field.
Result<GetBoundProfilePackageRequest> parse_get_bound_profile_package_request(
    std::string_view json_body);

// The Executed-Success body; `bound_profile_package` is the whole BF36 DER.
std::string render_get_bound_profile_package_response(ByteView transaction_id,
                                                      ByteView bound_profile_package);

}  // namespace smdp::es9
