# SPDX-License-Identifier: Apache-2.0
# -DSMDPP_SANITIZE=ON: ASan + UBSan for everything built, aborting on the first report.
if(SMDPP_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
