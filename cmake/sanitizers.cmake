# SPDX-License-Identifier: Apache-2.0
# -DSMDPP_SANITIZE=ON: ASan + UBSan for everything built, aborting on the first report.
if(SMDPP_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

# -DSMDPP_TSAN=ON: ThreadSanitizer for everything built, at -O1 -g1 whatever the build
# type (these options come after CMAKE_CXX_FLAGS_<CONFIG>, so they win). CI builds only the
# tests labelled `concurrent` this way (target concurrent_tests, tests/CMakeLists.txt) and
# stops at the first report (TSAN_OPTIONS=halt_on_error=1, suppressions in tests/tsan.supp).
# TSan cannot be combined with ASan: use a separate build directory.
if(SMDPP_TSAN)
  if(SMDPP_SANITIZE)
    message(FATAL_ERROR "SMDPP_TSAN and SMDPP_SANITIZE cannot be combined (one build each)")
  endif()
  # -g1 (line tables) is what TSan's symbolized reports need, at a third less compile time
  # than -g. Two GCC 12 diagnostics only this build gives, not errors here:
  # - -Wnull-dereference: "potential null pointer dereference" inside std::vector's insert
  #   as inlined at -O1 with TSan (stl_construct.h:97); kept as a warning.
  # - -Wtsan: "atomic_thread_fence is not supported": Boost.Asio's std_fenced_block around
  #   handler completion. TSan does not model fences, but Asio hands operations between
  #   threads through its scheduler's mutex, which TSan does see; silenced.
  add_compile_options(-fsanitize=thread -fno-sanitize-recover=all -O1 -g1
                      -fno-omit-frame-pointer -Wno-error=null-dereference -Wno-tsan)
  add_link_options(-fsanitize=thread)
endif()

# -DSMDPP_FUZZ=ON (clang 16): every library instrumented for libFuzzer, with ASan + UBSan;
# fuzz/CMakeLists.txt links the fuzz binaries with -fsanitize=fuzzer (see FUZZING.md).
if(SMDPP_FUZZ)
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
  # Clang 16 implements what libstdc++ 12's <expected> needs but advertises
  # __cpp_concepts 201907, which hides std::expected; raised as scripts/tidy.sh does.
  add_compile_options($<$<COMPILE_LANGUAGE:CXX>:-U__cpp_concepts>
                      $<$<COMPILE_LANGUAGE:CXX>:-D__cpp_concepts=202002L>
                      $<$<COMPILE_LANGUAGE:CXX>:-Wno-builtin-macro-redefined>)
endif()
