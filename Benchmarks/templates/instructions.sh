#!/usr/bin/env bash
# Counts the machine instructions one render of each benchmark page costs, under valgrind
# (cachegrind without cache simulation): a figure that does not move with the machine's load,
# for comparing two builds while other work runs. CPU time (run.sh) stays the measure we
# report; instructions miss what atomics, cache misses and page faults cost.
#
# Usage: Benchmarks/templates/instructions.sh [--pages users,blog] [--no-build]
# Prints, per page, instructions per render: (count(N2) - count(N1)) / (N2 - N1), which
# cancels start-up, data building and the first (checked) render.
set -euo pipefail
cd "$(dirname "$0")/../.."
PAGES="users,blog"
BUILD=1
while (($#)); do
  case "$1" in
    --pages) PAGES="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
command -v valgrind >/dev/null || { echo "valgrind is missing (apt-get install valgrind)"; exit 1; }
if ((BUILD)); then swift build -c release --product TemplateBenchmark >/dev/null; fi
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
# This valgrind cannot read the toolchain's DWARF 5: count a copy without debug information.
BIN="$TMP/TemplateBenchmark"
strip --strip-debug -o "$BIN" "$(swift build -c release --show-bin-path)/TemplateBenchmark"
N1=2
N2=12
count() { # count <page> <renders>: total instructions of one run
  (cd Benchmarks/templates && valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
    "$BIN" templates 0 --page "$1" --renders "$2" >/dev/null 2>"$TMP/log") || { cat "$TMP/log" >&2; exit 1; }
  grep -E "I\s+refs:" "$TMP/log" | tr -d ',' | awk '{print $NF}'
}
IFS=',' read -r -a pages <<<"$PAGES"
for page in "${pages[@]}"; do
  a=$(count "$page" "$N1")
  b=$(count "$page" "$N2")
  echo "$page: $(( (b - a) / (N2 - N1) )) instructions per render"
done
