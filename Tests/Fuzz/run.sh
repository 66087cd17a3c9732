#!/usr/bin/env bash
# Builds the libFuzzer target for SchoolIDHTTP's RequestParser and runs it.
#   Tests/Fuzz/run.sh replay          replays the seed corpus once (-runs=0; for CI)
#   Tests/Fuzz/run.sh fuzz SECONDS    fuzzes for SECONDS into a scratch corpus seeded from corpus/
# The codec sources that do not import SchoolIDBase are compiled with the entry point
# into one module (SchoolIDHTTPFuzz), so the fuzzer sees internals and needs no SwiftPM.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="${FUZZ_OUT:-$ROOT/.build/fuzz}"
SWIFTC="${SWIFTC:-swiftc}"
mode="${1:-replay}"

mkdir -p "$OUT"
mapfile -t sources < <(grep -L '^import SchoolIDBase' "$ROOT"/Sources/SchoolIDHTTP/*.swift)
"$SWIFTC" -sanitize=fuzzer,address -parse-as-library -O -g \
    -module-name SchoolIDHTTPFuzz -swift-version 6 -use-ld=lld \
    "${sources[@]}" "$HERE/RequestParserFuzz.swift" \
    -o "$OUT/request-parser-fuzz"

case "$mode" in
    replay)
        "$OUT/request-parser-fuzz" -runs=0 "$HERE/corpus"
        ;;
    fuzz)
        seconds="${2:?usage: run.sh fuzz SECONDS}"
        mkdir -p "$OUT/corpus"
        "$OUT/request-parser-fuzz" -max_total_time="$seconds" -max_len=4096 -print_final_stats=1 \
            -artifact_prefix="$OUT/" "$OUT/corpus" "$HERE/corpus"
        ;;
    *)
        echo "usage: $0 replay | fuzz SECONDS" >&2
        exit 2
        ;;
esac
