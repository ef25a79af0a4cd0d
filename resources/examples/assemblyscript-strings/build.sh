#!/usr/bin/env bash
# Builds assemblyscript-strings.wasm with the npm 'assemblyscript' compiler (asc), runtime exported.
cd "$(dirname "$0")"
. ../lib.sh
need_asc
# --exportRuntime: export __new/__pin/__unpin/__collect/__rtti_base so a host can make strings.
# --debug keeps the name section (function names in traps); -Oz keeps the module small.
"$ASC" assemblyscript-strings.ts --exportRuntime -Oz --debug --noColors \
  -o assemblyscript-strings.wasm
