// SPDX-License-Identifier: Apache-2.0
#include "qr_code.h"

#include <png.h>
#include <qrencode.h>

#include <cstddef>
#include <memory>

namespace smdpp {

std::optional<QrCode> QrCode::encode(std::string_view text) {
  if (text.empty() || text.find('\0') != std::string_view::npos) return std::nullopt;
  const std::string input(text);
  // Version 0: the smallest that fits. QR_MODE_8 with case sensitivity keeps lower-case
  // letters of the SM-DP+ address as they are.
  std::unique_ptr<QRcode, decltype(&QRcode_free)> qr(
      QRcode_encodeString(input.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
  if (!qr || qr->width <= 0) return std::nullopt;
  const auto count = static_cast<std::size_t>(qr->width) * static_cast<std::size_t>(qr->width);
  std::vector<std::uint8_t> modules(count);
  // libqrencode: bit 0 of each byte is the module colour, the others are its kind.
  for (std::size_t i = 0; i < count; ++i) modules[i] = qr->data[i] & 1U;
  return QrCode(qr->width, std::move(modules));
}

bool QrCode::dark(int x, int y) const {
  if (x < 0 || y < 0 || x >= width_ || y >= width_) return false;
  return modules_[static_cast<std::size_t>(y) * static_cast<std::size_t>(width_) +
                  static_cast<std::size_t>(x)] != 0;
}

std::string render_terminal(const QrCode& code) {
  constexpr int kQuiet = 2;
  const int width = code.width();
  // Light text on a dark terminal reads best inverted: a space is a dark module.
  std::string out;
  for (int y = -kQuiet; y < width + kQuiet; y += 2) {
    for (int x = -kQuiet; x < width + kQuiet; ++x) {
      const bool top = code.dark(x, y);
      const bool bottom = code.dark(x, y + 1);
      out += top ? (bottom ? " " : "\u2584") : (bottom ? "\u2580" : "\u2588");
    }
    out += '\n';
  }
  return out;
}

std::string render_svg(const QrCode& code) {
  const int side = code.width() + 2 * kQrQuietZone;
  const std::string s = std::to_string(side);
  const std::string px = std::to_string(side * 8);
  // One closed rectangle per horizontal run of dark modules, in module coordinates.
  std::string d;
  for (int y = 0; y < code.width(); ++y) {
    for (int x = 0; x < code.width();) {
      if (!code.dark(x, y)) {
        ++x;
        continue;
      }
      const int start = x;
      while (code.dark(x, y)) ++x;
      d += "M" + std::to_string(start + kQrQuietZone) + "," + std::to_string(y + kQrQuietZone) +
           "h" + std::to_string(x - start) + "v1h-" + std::to_string(x - start) + "z";
    }
  }
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" +
         px + "\" height=\"" + px + "\" viewBox=\"0 0 " + s + " " + s +
         "\" shape-rendering=\"crispEdges\">\n"
         "<rect width=\"" +
         s + "\" height=\"" + s + "\" fill=\"#fff\"/>\n<path fill=\"#000\" d=\"" + d +
         "\"/>\n</svg>\n";
}

std::optional<smdp::Bytes> render_png(const QrCode& code, int module_px) {
  if (module_px < 1 || module_px > kMaxModulePx) return std::nullopt;
  const int side_modules = code.width() + 2 * kQrQuietZone;
  const auto side = static_cast<std::size_t>(side_modules) * static_cast<std::size_t>(module_px);
  std::vector<png_byte> pixels(side * side, 0xFF);
  for (std::size_t py = 0; py < side; ++py) {
    const int y = static_cast<int>(py / static_cast<std::size_t>(module_px)) - kQrQuietZone;
    for (std::size_t px = 0; px < side; ++px) {
      const int x = static_cast<int>(px / static_cast<std::size_t>(module_px)) - kQrQuietZone;
      if (code.dark(x, y)) pixels[py * side + px] = 0x00;
    }
  }
  // libpng's simplified API: no setjmp/longjmp through our frames.
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  image.width = static_cast<png_uint_32>(side);
  image.height = static_cast<png_uint_32>(side);
  image.format = PNG_FORMAT_GRAY;
  png_alloc_size_t size = 0;
  if (png_image_write_to_memory(&image, nullptr, &size, 0, pixels.data(), 0, nullptr) == 0 ||
      size == 0) {
    png_image_free(&image);
    return std::nullopt;
  }
  smdp::Bytes out(size);
  const int ok = png_image_write_to_memory(&image, out.data(), &size, 0, pixels.data(), 0, nullptr);
  png_image_free(&image);
  if (ok == 0) return std::nullopt;
  out.resize(size);
  return out;
}

}  // namespace smdpp
