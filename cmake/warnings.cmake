# SPDX-License-Identifier: Apache-2.0
# smdpp_warnings(<target>): the project's warning set, applied to our own targets only.
add_library(smdpp_warnings INTERFACE)
target_compile_options(smdpp_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Wunused -Woverloaded-virtual
  -Wnull-dereference -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
# The fuzz build (clang) reports warnings but never fails on them.
if(SMDPP_WERROR AND NOT SMDPP_FUZZ)
  target_compile_options(smdpp_warnings INTERFACE -Werror)
endif()
