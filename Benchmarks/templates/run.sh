#!/usr/bin/env bash
# Builds the Flaskish template benchmark in release mode, renders the same page with
# Jinja2 and with Flaskish, checks both outputs are identical, and prints the ratio.
# Usage: Benchmarks/templates/run.sh [seconds-per-engine]
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_ENGINE="${1:-3}"
PYTHON="${FLASKISH_PYTHON:-}"
if [ -z "$PYTHON" ]; then
  if [ -x .venv/bin/python ]; then PYTHON=.venv/bin/python; else PYTHON=python3; fi
fi
"$PYTHON" -c "import jinja2" || { echo "Jinja2 is missing for $PYTHON (pip install Jinja2)"; exit 1; }
swift build -c release --product TemplateBenchmark >/dev/null
BIN="$(swift build -c release --show-bin-path)/TemplateBenchmark"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
JINJA=$("$PYTHON" Benchmarks/templates/bench.py "$SECONDS_PER_ENGINE" "$TMP/jinja.html")
OURS=$("$BIN" Benchmarks/templates/templates "$SECONDS_PER_ENGINE" "$TMP/flaskish.html")
echo "$JINJA"
echo "$OURS"
if cmp -s "$TMP/jinja.html" "$TMP/flaskish.html"; then echo "outputs identical"; else echo "OUTPUTS DIFFER"; diff "$TMP/jinja.html" "$TMP/flaskish.html" | head -20; fi
"$PYTHON" - "$JINJA" "$OURS" <<'PY'
import json, sys
jinja, ours = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(f"Flaskish/Jinja2 renders per CPU second: {ours['renders_per_second']:.1f} / {jinja['renders_per_second']:.1f} = {ours['renders_per_second'] / jinja['renders_per_second']:.2f}x")
PY
