// SPDX-License-Identifier: Apache-2.0
// The two ES9+ bindings of the LPA as one table each (es9_messages.h Es9Codec).
#include "es9_asn1_messages.h"
#include "es9_messages.h"

namespace smdp::lpa {

const Es9Codec& es9_codec(Es9Binding binding) {
  static const Es9Codec kJson{render_initiate_authentication_request,
                              render_authenticate_client_request,
                              render_get_bound_profile_package_request,
                              render_handle_notification_request,
                              render_cancel_session_request,
                              parse_initiate_authentication_response,
                              parse_authenticate_client_response,
                              parse_get_bound_profile_package_response,
                              parse_cancel_session_response};
  namespace a = asn1_binding;
  static const Es9Codec kAsn1{a::render_initiate_authentication_request,
                              a::render_authenticate_client_request,
                              a::render_get_bound_profile_package_request,
                              a::render_handle_notification_request,
                              a::render_cancel_session_request,
                              a::parse_initiate_authentication_response,
                              a::parse_authenticate_client_response,
                              a::parse_get_bound_profile_package_response,
                              a::parse_cancel_session_response};
  return binding == Es9Binding::asn1 ? kAsn1 : kJson;
}

}  // namespace smdp::lpa
