// SPDX-License-Identifier: Apache-2.0
// An activation code (SGP.22 §4.1) as a QR code (ISO/IEC 18004; the payload is
// asn1::qr_payload, "LPA:" and the code): encoded once with
// libqrencode (8-bit mode hint, case-sensitive, error correction level M) into a module
// matrix, then rendered for a terminal, as SVG or as PNG.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/bytes.h"

namespace smdpp {

// The light margin around the symbol that ISO/IEC 18004 asks for, in modules.
inline constexpr int kQrQuietZone = 4;

class QrCode {
 public:
  // nullopt if the text is empty, holds a NUL or does not fit the largest QR code.
  static std::optional<QrCode> encode(std::string_view text);

  // Modules per side of the symbol, quiet zone excluded (21 for version 1 ... 177).
  int width() const { return width_; }
  // True for a dark module; any (x, y) outside the symbol is light (the quiet zone).
  bool dark(int x, int y) const;

 private:
  QrCode(int width, std::vector<std::uint8_t> modules)
      : width_(width), modules_(std::move(modules)) {}
  int width_;
  std::vector<std::uint8_t> modules_;  // width * width, row-major, 1 = dark
};

// Two modules per character cell with Unicode half blocks, inverted for a dark
// terminal (a space is a dark module), a quiet zone of 2 to save screen space.
std::string render_terminal(const QrCode& code);

// A standalone SVG 1.1 document: a white background and one black <path> of the dark
// modules, the viewBox in modules (quiet zone of kQrQuietZone included) so that it
// scales to any size; width and height suggest 8 px per module.
std::string render_svg(const QrCode& code);

// An 8-bit greyscale PNG (libpng), `module_px` pixels per module (1..kMaxModulePx),
// quiet zone of kQrQuietZone. nullopt if module_px is out of range or libpng fails.
inline constexpr int kMaxModulePx = 32;
std::optional<smdp::Bytes> render_png(const QrCode& code, int module_px = 8);

}  // namespace smdpp
