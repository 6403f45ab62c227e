#!/usr/bin/env bash
# Socket.IO benchmark (issue 7): the chat fan-out server written with Flaskish against the same
# server in Flask-SocketIO, in each of its async modes, driven by our own load generator.
#
#   Benchmarks/socketio/run.sh [options]
#     --only LIST          comma-separated subset of flaskish,threading,gevent,eventlet (default: all)
#     --fanout "R:M:RATE …" paced fan-out runs: R receivers, M messages, RATE messages/s
#                          (default "100:300:100 1000:60:20": 10 000 and 20 000 deliveries/s offered)
#     --flood "R:M:RATE …"  capacity runs, offered far above what one core can deliver
#                          (default "100:20000:20000 1000:2000:2000", 2 000 000 deliveries/s offered; "" skips them)
#     --idle LIST          idle client counts, grown in turn on one server (default 1000,5000,10000; "" skips)
#     --heartbeats N       heartbeats each idle count is held for (default 2; 25 s each by default)
#     --drain S            seconds to wait for deliveries after the last send (default 10)
#     --idle-max S         time limit of the whole idle series on one server (default 600); a count
#                          still connecting when it runs out is reported with the clients it reached
#     --no-install         do not pip-install the Python servers into Benchmarks/.venv
#     --binary PATH        measure this SocketIOBenchServer executable instead of building one
#
# Each server runs pinned to CPU 0 (taskset -c 0) and the generator, SocketIOLoad, to CPU 1; a
# fresh server is started for every run. JSON lines from the generator go to results/raw/, the
# Markdown report to results/latest.md (both gitignored) and to stdout. The exit status is non-zero
# when a requested server could not be built, started or kept running; the report is written anyway.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$here/../.." && pwd)"

command_line="Benchmarks/socketio/run.sh${*:+ $*}"
only="flaskish,threading,gevent,eventlet"
fanout="100:300:100 1000:60:20"
flood="100:20000:20000 1000:2000:2000"
idle="1000,5000,10000"
heartbeats=2
drain=10
idle_max=600
do_install=1
server_bin=""
while (($#)); do
    case "$1" in
        --only) only="$2"; shift 2 ;;
        --fanout) fanout="$2"; shift 2 ;;
        --flood) flood="$2"; shift 2 ;;
        --idle) idle="$2"; shift 2 ;;
        --heartbeats) heartbeats="$2"; shift 2 ;;
        --drain) drain="$2"; shift 2 ;;
        --idle-max) idle_max="$2"; shift 2 ;;
        --no-install) do_install=0; shift ;;
        --binary) server_bin="$2"; shift 2 ;;
        -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "run.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
    esac
done

servers=()
IFS=',' read -r -a requested <<<"$only"
for s in "${requested[@]}"; do
    case "$s" in
        flaskish|threading|gevent|eventlet) servers+=("$s") ;;
        *) echo "run.sh: unknown server '$s' in --only (known: flaskish, threading, gevent, eventlet)" >&2; exit 2 ;;
    esac
done

# shellcheck source=../lib/common.sh
source "$here/../lib/common.sh"

start_results
results="$raw_dir/results.jsonl"
: >"$results"

work_dir="$(mktemp -d "${TMPDIR:-/tmp}/flaskish-siobench.XXXXXX")"
server_pid=""
stop_server() {
    [[ -n "$server_pid" ]] || return 0
    stop_process "$server_pid"
    server_pid=""
}
cleanup() {
    stop_server
    rm -rf "$work_dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- CPUs and limits --------------------------------------------------------------------------

pick_cpus generator
# Each client is a descriptor in the server and in the generator; servers inherit this limit.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
max_idle=0
for n in ${idle//,/ }; do ((n > max_idle)) && max_idle=$n; done
if (($(ulimit -n) < max_idle + 256)); then
    warn "ulimit -n is $(ulimit -n): fewer than $max_idle idle clients can be held"
fi

# --- Tools ------------------------------------------------------------------------------------

venv_python="$bench_python"
wants_python=0
for s in "${servers[@]}"; do [[ $s != flaskish ]] && wants_python=1; done
if [[ $do_install == 1 && $wants_python == 1 ]]; then
    ensure_bench_python flask_socketio simple_websocket gevent geventwebsocket eventlet
fi

if ! build_release SocketIOLoad; then
    warn "the load generator SocketIOLoad failed to build"
    exit 1
fi
bin_dir="$(cd "$repo_root" && swift build -c release --show-bin-path)"
generator="$bin_dir/SocketIOLoad"

available=()
for s in "${servers[@]}"; do
    case "$s" in
        flaskish)
            if [[ -n "$server_bin" ]]; then
                [[ -x "$server_bin" ]] || { problem flaskish "--binary $server_bin is not an executable; skipped"; continue; }
            else
                if build_release SocketIOBenchServer; then
                    server_bin="$bin_dir/SocketIOBenchServer"
                else
                    problem flaskish "SocketIOBenchServer did not build (swift build -c release --product SocketIOBenchServer); skipped"
                    continue
                fi
            fi
            ;;
        *)
            if ! bench_python_has flask_socketio; then
                problem "$s" "Flask-SocketIO is not installed in Benchmarks/.venv; skipped"
                continue
            fi
            ;;
    esac
    available+=("$s")
done
((${#available[@]})) || { warn "no server to measure"; exit 1; }

# --- Servers ----------------------------------------------------------------------------------

port=""
start_server() { # start_server <name>: sets server_pid and port once it accepts connections
    local name=$1 log="$work_dir/$1.log"
    port=$(free_port)
    case "$name" in
        flaskish) taskset -c "$server_cpu" "$server_bin" --port "$port" >"$log" 2>&1 & ;;
        *) taskset -c "$server_cpu" "$venv_python" "$here/chat_flask_socketio.py" --mode "$name" --port "$port" >"$log" 2>&1 & ;;
    esac
    server_pid=$!
    wait_for_port "$server_pid" "$port" && return 0
    tail -n 20 "$log" >&2 || true
    stop_server
    return 1
}

run_generator() { # run_generator <server> <label> <time limit s> <generator arguments…>
    local name=$1 label=$2 limit=$3 out="$raw_dir/$1__$2.jsonl" status=0
    shift 3
    if ! start_server "$name"; then
        problem "$name" "did not start for $label (its output is printed above)"
        return 0
    fi
    say "$name: $label (pid $server_pid, port $port)"
    # The generator stops itself at the limit and reports; timeout is only the backstop.
    taskset -c "$load_cpu" timeout $((limit + 60)) "$generator" "$@" --max-seconds "$limit" \
        --port "$port" --server-pid "$server_pid" --label "$label" \
        >"$out" 2>"$raw_dir/${name}__${label}.log" || status=$?
    sed 's/^/    /' "$raw_dir/${name}__${label}.log" >&2 || true
    if ((status != 0)); then problem "$name" "the generator failed on $label (exit $status)"; fi
    if ! kill -0 "$server_pid" 2>/dev/null; then problem "$name" "exited during $label"; fi
    append_tagged "\"server\":\"$name\"" "$out"
    stop_server
}

# Scenarios outermost, servers inside: a burst of other work on the shared machine then hits
# every server's figure for one scenario alike, not one server's whole series.
for spec in $fanout; do
    IFS=: read -r receivers messages rate <<<"$spec"
    for s in "${available[@]}"; do
        run_generator "$s" "fanout-$receivers" 300 fanout --clients "$receivers" --messages "$messages" --rate "$rate" \
            --drain-timeout "$drain"
    done
done
for spec in $flood; do
    IFS=: read -r receivers messages rate <<<"$spec"
    for s in "${available[@]}"; do
        run_generator "$s" "flood-$receivers" 300 fanout --clients "$receivers" --messages "$messages" --rate "$rate" \
            --drain-timeout "$drain"
    done
done
if [[ -n "$idle" ]]; then
    for s in "${available[@]}"; do
        run_generator "$s" "idle" "$idle_max" idle --clients "$idle" --heartbeats "$heartbeats" --connect-timeout 60
    done
fi

# --- Report -----------------------------------------------------------------------------------

record_run_facts
fact meta pinning "servers on CPU $server_cpu (a fresh process per run), SocketIOLoad on CPU $load_cpu"
fact meta versions "$("$venv_python" -c 'import importlib.metadata as m; print(", ".join(f"{p} {m.version(p)}" for p in ("flask", "flask-socketio", "python-socketio", "python-engineio", "simple-websocket", "gevent", "gevent-websocket", "eventlet")))' 2>/dev/null || echo n/a) on $("$venv_python" -V 2>&1 || true)"

python3 "$here/report.py" --results "$results" --facts "$facts" --out "$results_dir/latest.md"
say "report written to ${results_dir#"$repo_root"/}/latest.md"
((problems == 0))
