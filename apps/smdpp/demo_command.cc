// SPDX-License-Identifier: Apache-2.0
// Placeholder until the demo command lands.
#include <cstdio>

#include "commands.h"

namespace smdpp {
int demo_main(int, char**) {
  std::fputs("demo: not built yet\n", stderr);
  return 1;
}
}  // namespace smdpp
