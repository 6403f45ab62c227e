# Shared by the benchmark scripts (Benchmarks/*/run.sh, Benchmarks/socketio/cluster.sh): messages,
# the results folder with its facts file, the CPU pinning, starting and stopping processes, and the
# benchmarks' own Python environment (Benchmarks/.venv). Sourced, never run; the caller sets `here`
# (its own folder).

say() { printf '==> %s\n' "$*" >&2; }
warn() { printf 'run.sh: %s\n' "$*" >&2; }

# start_results [raw folder]: empties results/<raw folder, default raw>/ beside the caller and
# opens facts.tsv in it, where each `fact <subject> <key> <value>` line feeds the report. A script
# with a report of its own names its own folder, so that two reports do not erase each other.
start_results() {
    results_dir="$here/results"
    raw_dir="$results_dir/${1:-raw}"
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

# record_run_facts: the report header's facts every benchmark records (date, command line,
# commit, machine, load average before and after). Needs the caller's command_line and
# repo_root, and pick_cpus's cpus and load_before.
record_run_facts() {
    local commit cpu_model
    commit="$(git -C "$repo_root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
    cpu_model="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || echo unknown)"
    fact meta date "$(date -u '+%Y-%m-%d %H:%M UTC')"
    fact meta command "\`$command_line\`"
    fact meta commit "$commit"
    fact meta machine "$cpus CPUs ($cpu_model), $(uname -sr)"
    fact meta "load average" "$load_before before the run, $(cut -d' ' -f1-3 /proc/loadavg) after (1, 5, 15 min; ideally below 0.5)"
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

# --- Processes --------------------------------------------------------------------------------

# stop_process <pid>: SIGTERM, then SIGKILL if it is still there after 5 s; reaped either way.
stop_process() {
    local pid=$1
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 25); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.2
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

# free_port: a loopback TCP port nobody listens on at this moment.
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wait_for_port <pid> <port>: true once 127.0.0.1:<port> accepts connections; false when <pid>
# exits first or after 30 s.
wait_for_port() {
    local pid=$1 port=$2
    for _ in $(seq 1 150); do
        kill -0 "$pid" 2>/dev/null || return 1
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
        sleep 0.2
    done
    return 1
}

# build_release <product>: `swift build -c release --product <product>` at the repository root,
# its output in $work_dir/build-<product>.log, whose last 30 lines are printed if it fails.
build_release() {
    say "swift build -c release --product $1"
    if (cd "$repo_root" && swift build -c release --product "$1" >"$work_dir/build-$1.log" 2>&1); then return 0; fi
    tail -n 30 "$work_dir/build-$1.log" >&2
    return 1
}

# append_tagged <JSON members> <file>: appends each JSON object line of <file> to $results with
# the members (`"server":"gevent",…`) put first, so the report knows which run it came from.
append_tagged() {
    local line
    while IFS= read -r line; do
        if [[ -n "$line" ]]; then printf '{%s,%s\n' "$1" "${line#\{}" >>"$results"; fi
    done <"$2"
}

# --- Python -----------------------------------------------------------------------------------

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
