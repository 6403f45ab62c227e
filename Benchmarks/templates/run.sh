#!/usr/bin/env bash
# Builds the Flaskish template benchmark in release mode, renders each benchmark page with
# Jinja2 and with Flaskish, checks that both outputs are byte-identical, prints renders per CPU
# second and the ratio per page, then the compile speed and memory per compiled template.
#
# Usage: Benchmarks/templates/run.sh [seconds-per-engine] [--pages users,blog] [--no-compile]
#   seconds-per-engine  CPU seconds each engine renders each page (default 3)
#   --pages LIST        which pages (default users,blog)
#   --no-compile        skip the compile-speed and memory measurement
# Exits 1 when an output differs (after printing every figure).
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_ENGINE=3
PAGES="users,blog"
COMPILE=1
while (($#)); do
  case "$1" in
    --pages) PAGES="$2"; shift 2 ;;
    --no-compile) COMPILE=0; shift ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) SECONDS_PER_ENGINE="$1"; shift ;;
  esac
done
# Jinja2 and Flask from the repository's .venv when there is one; nothing is installed here.
PYTHON="${FLASKISH_PYTHON:-}"
if [ -z "$PYTHON" ]; then
  if [ -x .venv/bin/python ]; then PYTHON=.venv/bin/python; else PYTHON=python3; fi
fi
"$PYTHON" -c "import jinja2" || { echo "Jinja2 is missing for $PYTHON (set FLASKISH_PYTHON to a Python that has it)"; exit 1; }
if [[ ",$PAGES," == *",blog,"* ]]; then
  "$PYTHON" -c "import flask" || { echo "Flask is missing for $PYTHON: the blog page renders inside a Flask app"; exit 1; }
fi
swift build -c release --product TemplateBenchmark >/dev/null
BIN="$(swift build -c release --show-bin-path)/TemplateBenchmark"
DIR=Benchmarks/templates/templates
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
uptime_line="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "load average before: $uptime_line (1, 5, 15 min)"

ratio() { # ratio <label> <key> <what> <jinja json> <flaskish json>
  "$PYTHON" - "$@" <<'PY'
import json, sys
label, key, what, jinja, ours = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4]), json.loads(sys.argv[5])
print(f"{label}: Flaskish/Jinja2 {what}: {ours[key]:.1f} / {jinja[key]:.1f} = {ours[key] / jinja[key]:.2f}x")
PY
}

status=0
IFS=',' read -r -a pages <<<"$PAGES"
for page in "${pages[@]}"; do
  JINJA=$("$PYTHON" Benchmarks/templates/bench.py "$SECONDS_PER_ENGINE" "$TMP/jinja-$page.html" --page "$page")
  OURS=$("$BIN" "$DIR" "$SECONDS_PER_ENGINE" "$TMP/flaskish-$page.html" --page "$page")
  echo "$JINJA"
  echo "$OURS"
  if cmp -s "$TMP/jinja-$page.html" "$TMP/flaskish-$page.html"; then
    echo "$page page: outputs identical ($(wc -c <"$TMP/jinja-$page.html") bytes)"
  else
    echo "$page page: OUTPUTS DIFFER (Jinja2 <, Flaskish >)"
    diff "$TMP/jinja-$page.html" "$TMP/flaskish-$page.html" | head -20 || true
    status=1
  fi
  ratio "$page page" renders_per_second "renders per CPU second" "$JINJA" "$OURS"
done

if ((COMPILE)); then
  JINJA=$("$PYTHON" Benchmarks/templates/bench.py "$SECONDS_PER_ENGINE" --compile)
  OURS=$("$BIN" "$DIR" "$SECONDS_PER_ENGINE" --compile)
  echo "$JINJA"
  echo "$OURS"
  ratio "compile" compiles_per_second "templates compiled per CPU second" "$JINJA" "$OURS"
  "$PYTHON" - "$JINJA" "$OURS" <<'PY'
import json, sys
jinja, ours = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(f"memory per compiled template (average of the {ours['templates']} templates, {ours['source_bytes']:,} bytes of source): "
      f"Flaskish {ours['bytes_per_template'] / 1024:.1f} KiB ({ours['memory_method']}), "
      f"Jinja2 {jinja['bytes_per_template'] / 1024:.1f} KiB ({jinja['memory_method']})")
PY
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $status
