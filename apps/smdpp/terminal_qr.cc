// SPDX-License-Identifier: Apache-2.0
#include "terminal_qr.h"

#include <qrencode.h>

#include <memory>

namespace smdpp {

std::optional<std::string> terminal_qr(std::string_view text) {
  const std::string input(text);
  std::unique_ptr<QRcode, decltype(&QRcode_free)> qr(
      QRcode_encodeString(input.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
  if (!qr) return std::nullopt;
  constexpr int kQuiet = 2;
  const int width = qr->width;
  auto dark = [&](int x, int y) {
    if (x < 0 || y < 0 || x >= width || y >= width) return false;
    return (qr->data[y * width + x] & 1) != 0;
  };
  // Light text on a dark terminal reads best inverted: a space is a dark module.
  std::string out;
  for (int y = -kQuiet; y < width + kQuiet; y += 2) {
    for (int x = -kQuiet; x < width + kQuiet; ++x) {
      const bool top = dark(x, y);
      const bool bottom = dark(x, y + 1);
      out += top ? (bottom ? " " : "\u2584") : (bottom ? "\u2580" : "\u2588");
    }
    out += '\n';
  }
  return out;
}

}  // namespace smdpp
