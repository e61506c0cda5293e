// SPDX-License-Identifier: Apache-2.0
// An activation code as a QR code for a terminal (libqrencode, error correction M),
// two modules per character cell with Unicode half blocks, quiet zone included.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace smdpp {

// nullopt if the text does not fit a QR code.
std::optional<std::string> terminal_qr(std::string_view text);

}  // namespace smdpp
