# Shared by the benchmark scripts (Benchmarks/*/run.sh): messages, the results folder with its
# facts file, the CPU pinning and the benchmarks' own Python environment (Benchmarks/.venv).
# Sourced, never run; the caller sets `here` (its own folder).

say() { printf '==> %s\n' "$*" >&2; }
warn() { printf 'run.sh: %s\n' "$*" >&2; }

# start_results: empties results/raw/ beside the caller and opens raw/facts.tsv, where each
# `fact <subject> <key> <value>` line feeds the report.
start_results() {
    results_dir="$here/results"
    raw_dir="$results_dir/raw"
    rm -rf "$raw_dir"
    mkdir -p "$raw_dir"
    facts="$raw_dir/facts.tsv"
    : >"$facts"
    problems=0
}
fact() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$facts"; }
problem() { # problem <server> <message>: reported, and the run ends non-zero
    warn "$1: $2"
    fact "$1" problem "$2"
    problems=$((problems + 1))
}

# pick_cpus <load generator name>: the server gets CPU 0 and the load generator CPU 1, so the
# generator never steals the server's core. Records the load average, which other work on the
# machine would raise: the report shows it next to the figures.
pick_cpus() {
    cpus=$(nproc)
    load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
    server_cpu=0
    load_cpu=1
    if ((cpus < 2)); then
        warn "only $cpus CPU: server and $1 share CPU 0; figures are not comparable with a 2-core run"
        load_cpu=0
    fi
}

# The benchmarks' own Python environment. Never the repository's .venv, which scripts/test and
# the test suites use: eventlet installed there is what Flask-SocketIO picks for an app that
# names no async_mode, and the tests' Python peers then refuse WebSocket clients.
benchmarks_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench_venv="$benchmarks_dir/.venv"
bench_python="$bench_venv/bin/python"

# bench_python_has <module…>: true when Benchmarks/.venv imports every module.
bench_python_has() {
    local modules
    modules=$(IFS=,; echo "$*")
    "$bench_python" -c "import $modules" 2>/dev/null
}

# ensure_bench_python <module…>: creates Benchmarks/.venv when it is missing and pip-installs
# Benchmarks/requirements.txt into it when it lacks one of the modules. Called unless the user
# said --no-install; either way the caller checks with bench_python_has before using a module.
ensure_bench_python() {
    bench_python_has "$@" && return 0
    [[ -x "$bench_python" ]] || { say "python3 -m venv Benchmarks/.venv"; python3 -m venv "$bench_venv"; }
    say "pip install -r Benchmarks/requirements.txt (into Benchmarks/.venv)"
    "$bench_python" -m pip install --disable-pip-version-check -q -r "$benchmarks_dir/requirements.txt" >&2
}
