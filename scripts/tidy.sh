#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# tidy.sh [build-dir] [--since REV | files...]: clang-format check of every C++ file, then
# clang-tidy (the .clang-tidy list, warnings as errors) over src/ and apps/ — or, with
# --since REV, over the .cc files of src/ and apps/ changed since REV and those that
# include a header changed since REV (all of them when REV is not in the history). CI
# passes the commit in .ci/tidy-base: the last one whose whole tree passed clang-tidy. Uses clang-tidy-16: clang 14 cannot parse libstdc++ 12's
# <expected>. Clang 16 implements what <expected> needs (P0848) but still advertises
# __cpp_concepts 201907, so the macro is raised for the analysis, and g++'s -std=c++23
# spelled the way clang 16 accepts it.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
shift || true
db=$build/tidy
mkdir -p "$db"
sed 's/-std=c++23/-std=c++2b/g' "$build/compile_commands.json" > "$db/compile_commands.json"
# Formatting first: every tracked C++ file as .clang-format says.
git ls-files '*.cc' '*.h' | xargs clang-format --dry-run -Werror

files=()
if [ "${1:-}" = "--since" ]; then
  since=$2
  if git cat-file -e "$since^{commit}" 2>/dev/null; then
    mapfile -t changed < <(git diff --name-only "$since" -- 'src/*' 'apps/*')
    for f in "${changed[@]}"; do
      [ -f "$f" ] || continue
      case "$f" in
        *.cc) files+=("$f") ;;
        src/*.h) mapfile -t -O "${#files[@]}" files < \
               <(git grep -l -F "#include \"${f#src/}\"" -- 'src/*.cc' 'apps/*.cc' || true) ;;
        apps/*.h) mapfile -t -O "${#files[@]}" files < \
               <(git grep -l -F "#include \"${f##*/}\"" -- "${f%/*}/*.cc" || true) ;;
      esac
    done
    mapfile -t files < <(printf '%s\n' "${files[@]}" | sort -u | sed '/^$/d')
    echo "tidy: ${#files[@]} files changed since ${since:0:12} (or including a changed header)"
    [ ${#files[@]} -gt 0 ] || exit 0
  else
    echo "tidy: $since is not in the history; checking every file"
  fi
else
  files=("$@")
fi
[ ${#files[@]} -gt 0 ] || mapfile -t files < <(git ls-files 'src/*.cc' 'apps/*.cc')
# xargs exits non-zero if any clang-tidy run reports (WarningsAsErrors: '*'). One file
# per run: clang-tidy 16 given apps/smdpp/{demo,pki,serve}_command.cc and
# token_options.cc in one run took over 400 s, alone about 80 s in all.
printf '%s\n' "${files[@]}" | xargs -P "$(nproc)" -n 1 clang-tidy-16 -p "$db" --quiet \
  --extra-arg=-U__cpp_concepts --extra-arg=-D__cpp_concepts=202002L
