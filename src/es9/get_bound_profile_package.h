// SPDX-License-Identifier: Apache-2.0
// ES9+.GetBoundProfilePackage in the JSON binding (SGP.22 §5.6.2, §6.5.2.7): request
// {transactionId, prepareDownloadResponse}; response {transactionId,
// boundProfilePackage}.
#pragma once

#include <string>
#include <string_view>

#include "base/error.h"
#include "core/rsp_messages.h"

namespace smdp::es9 {

// Parses a request body; errors as in json/fields.h, naming the field.
Result<core::GetBoundProfilePackageRequest> parse_get_bound_profile_package_request(
    std::string_view json_body);

// The Executed-Success body.
std::string render_get_bound_profile_package_response(const core::GetBoundProfilePackageResult& r);

}  // namespace smdp::es9
