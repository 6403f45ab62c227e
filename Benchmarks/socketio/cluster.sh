#!/usr/bin/env bash
# Socket.IO scale-out benchmark (issue 13): the chat fan-out server as a cluster of two processes
# joined by a Redis message queue, against one process, and against two Flask-SocketIO (gevent)
# processes on the same kind of queue.
#
#   Benchmarks/socketio/cluster.sh [options]
#     --paced "R:M:RATE"   fixed-rate run: R receivers, M messages at RATE/s
#                          (default 100:300:100, 10 000 deliveries/s offered, 3 s)
#     --flood "R:M:RATE"   capacity run, offered far above one core
#                          (default 1000:4000:4000, 4 000 000 deliveries/s offered)
#     --repeat N           run every case N times, interleaved; the report takes the median (default 1)
#     --only LIST          comma-separated subset of flaskish,gevent (default: both)
#     --drain S            seconds to wait for deliveries after the last send (default 10)
#     --redis-cpu N        CPU redis-server is pinned to (default 0, with the servers)
#     --no-install         do not pip-install the Python server into Benchmarks/.venv
#
# Cases, in this order, each with fresh processes and a fresh redis-server on a free loopback
# port (never a system service; stopped at the end of the case):
#   1 process  — one server, no queue: every receiver on it (the baseline);
#   2 processes — servers A and B on one queue; receivers alternate A, B; the sender is on A, so
#                 B's receivers get every message through Redis.
# Flaskish runs paced and flood with 1 and 2 processes; Flask-SocketIO (gevent) runs paced and
# flood with 2 processes and flood with 1. Every server shares CPU 0 (taskset -c 0) — this
# machine has two cores and the generator needs one of its own — so scale-out is judged by
# deliveries per server CPU-second (/proc/PID/stat of the servers, redis-server apart), not by
# raw deliveries/s (docs/performance.md, "Socket.IO scale-out"). SocketIOLoad runs on CPU 1.
# JSON lines go to results/cluster-raw/, the Markdown report to results/cluster.md and stdout.
# The exit status is non-zero when a server or redis-server could not be built, started or kept
# running, or the generator failed; the report is written anyway.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$here/../.." && pwd)"

command_line="Benchmarks/socketio/cluster.sh${*:+ $*}"
paced="100:300:100"
flood="1000:4000:4000"
repeat=1
only="flaskish,gevent"
drain=10
redis_cpu=0
do_install=1
while (($#)); do
    case "$1" in
        --paced) paced="$2"; shift 2 ;;
        --flood) flood="$2"; shift 2 ;;
        --repeat) repeat="$2"; shift 2 ;;
        --only) only="$2"; shift 2 ;;
        --drain) drain="$2"; shift 2 ;;
        --redis-cpu) redis_cpu="$2"; shift 2 ;;
        --no-install) do_install=0; shift ;;
        -h|--help) sed -n '2,29p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "cluster.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
    esac
done
[[ $repeat =~ ^[1-9][0-9]*$ && $repeat -le 10 ]] || { echo "cluster.sh: --repeat must be 1…10" >&2; exit 2; }
for spec in "$paced" "$flood"; do
    [[ $spec =~ ^[0-9]+:[0-9]+:[0-9]+$ ]] || { echo "cluster.sh: '$spec' is not R:M:RATE" >&2; exit 2; }
done
want_flaskish=0
want_gevent=0
IFS=',' read -r -a requested <<<"$only"
for s in "${requested[@]}"; do
    case "$s" in
        flaskish) want_flaskish=1 ;;
        gevent) want_gevent=1 ;;
        *) echo "cluster.sh: unknown server '$s' in --only (known: flaskish, gevent)" >&2; exit 2 ;;
    esac
done

# shellcheck source=../lib/common.sh
source "$here/../lib/common.sh"

start_results cluster-raw
results="$raw_dir/results.jsonl"
: >"$results"

work_dir="$(mktemp -d "${TMPDIR:-/tmp}/flaskish-cluster.XXXXXX")"
pids=()          # servers of the current case, A first
ports=()
redis_pid=""
redis_port=""
stop_case() {
    local pid
    for pid in "${pids[@]}"; do stop_process "$pid"; done
    pids=()
    ports=()
    if [[ -n "$redis_pid" ]]; then stop_process "$redis_pid"; fi
    redis_pid=""
    redis_port=""
}
cleanup() {
    stop_case
    rm -rf "$work_dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

pick_cpus generator
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

# --- Tools ------------------------------------------------------------------------------------

redis_server="$(command -v redis-server || true)"
redis_cli="$(command -v redis-cli || true)"
if [[ -z "$redis_server" || -z "$redis_cli" ]]; then
    warn "redis-server and redis-cli are needed (Debian package redis-server, see Tests/scaleout/apt-packages.txt)"
    exit 1
fi

venv_python="$bench_python"
if ((want_gevent)); then
    if [[ $do_install == 1 ]]; then ensure_bench_python flask_socketio gevent geventwebsocket redis; fi
    if ! bench_python_has flask_socketio gevent geventwebsocket redis; then
        problem gevent "Flask-SocketIO, gevent, gevent-websocket or redis is not installed in Benchmarks/.venv; skipped"
        want_gevent=0
    fi
fi

bin_dir="$(cd "$repo_root" && swift build -c release --show-bin-path)"
for product in SocketIOLoad SocketIOBenchServer; do
    if ! build_release "$product"; then
        warn "$product failed to build"
        exit 1
    fi
done
generator="$bin_dir/SocketIOLoad"
server_bin="$bin_dir/SocketIOBenchServer"

# --- Processes --------------------------------------------------------------------------------

start_redis() { # sets redis_pid and redis_port once it answers PING
    local attempt
    for attempt in 1 2 3; do
        redis_port=$(free_port)
        taskset -c "$redis_cpu" "$redis_server" --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no \
            --dir "$work_dir" --daemonize no >"$work_dir/redis.log" 2>&1 &
        redis_pid=$!
        for _ in $(seq 1 50); do
            kill -0 "$redis_pid" 2>/dev/null || break
            if [[ "$("$redis_cli" -p "$redis_port" ping 2>/dev/null)" == PONG ]]; then return 0; fi
            sleep 0.1
        done
        stop_process "$redis_pid"  # most likely the port was taken meanwhile: try another
        redis_pid=""
    done
    tail -n 20 "$work_dir/redis.log" >&2 || true
    return 1
}

start_server() { # start_server <flaskish|gevent> <queue URL or ""> <log name>: appends to pids and ports
    local kind=$1 queue=$2 log="$work_dir/$3.log" port pid
    port=$(free_port)
    local queue_args=()
    [[ -n "$queue" ]] && queue_args=(--message-queue "$queue")
    case "$kind" in
        flaskish) taskset -c "$server_cpu" "$server_bin" --port "$port" "${queue_args[@]}" >"$log" 2>&1 & ;;
        gevent) taskset -c "$server_cpu" "$venv_python" "$here/chat_flask_socketio.py" --mode gevent --port "$port" \
            "${queue_args[@]}" >"$log" 2>&1 & ;;
    esac
    pid=$!
    pids+=("$pid")
    ports+=("$port")
    wait_for_port "$pid" "$port" && return 0
    tail -n 20 "$log" >&2 || true
    return 1
}

wait_for_subscribers() { # wait_for_subscribers <count>: every member listens before the load starts
    local want=$1 port have
    # python-socketio subscribes on its first Engine.IO connection: one polling handshake each
    # (it opens no Socket.IO session, so it receives no broadcast).
    for port in "${ports[@]}"; do
        curl -s -m 5 -o /dev/null "http://127.0.0.1:$port/socket.io/?EIO=4&transport=polling" || true
    done
    for _ in $(seq 1 150); do
        have=$("$redis_cli" -p "$redis_port" pubsub numsub flask-socketio 2>/dev/null | sed -n 2p)
        if [[ -n "$have" ]] && ((have >= want)); then return 0; fi
        sleep 0.2
    done
    return 1
}

run_case() { # run_case <flaskish|gevent> <processes 1|2> <paced|flood> <R:M:RATE> <round>
    local kind=$1 processes=$2 label=$3 spec=$4 round=$5 queue="" receivers messages rate i
    local name="${kind}-${processes}p-${label}-r${round}" status=0
    IFS=: read -r receivers messages rate <<<"$spec"
    if ((processes > 1)); then
        if ! start_redis; then problem "$kind" "redis-server did not start for $name"; stop_case; return 0; fi
        queue="redis://127.0.0.1:$redis_port/0"
    fi
    for ((i = 0; i < processes; i++)); do
        if ! start_server "$kind" "$queue" "$name-$i"; then
            problem "$kind" "server $i did not start for $name (its output is printed above)"
            stop_case
            return 0
        fi
    done
    if ((processes > 1)) && ! wait_for_subscribers "$processes"; then
        problem "$kind" "the servers did not all subscribe to the queue for $name"
        stop_case
        return 0
    fi
    local joined_pids joined_ports extra=()
    joined_pids=$(IFS=,; echo "${pids[*]}")
    joined_ports=$(IFS=,; echo "${ports[*]}")
    if ((processes > 1)); then extra=(--receiver-ports "$joined_ports" --redis-pid "$redis_pid"); fi
    say "$name: $receivers receivers on port(s) $joined_ports, $messages messages at $rate/s (pids $joined_pids${redis_pid:+, redis $redis_pid})"
    taskset -c "$load_cpu" timeout 360 "$generator" fanout --clients "$receivers" --messages "$messages" --rate "$rate" \
        --drain-timeout "$drain" --max-seconds 300 --port "${ports[0]}" --server-pid "$joined_pids" \
        --label "$label" "${extra[@]}" >"$raw_dir/$name.jsonl" 2>"$raw_dir/$name.log" || status=$?
    sed 's/^/    /' "$raw_dir/$name.log" >&2 || true
    if ((status != 0)); then problem "$kind" "the generator failed on $name (exit $status)"; fi
    for ((i = 0; i < processes; i++)); do
        if ! kill -0 "${pids[$i]}" 2>/dev/null; then problem "$kind" "server $i exited during $name"; fi
    done
    if [[ -n "$redis_pid" ]] && ! kill -0 "$redis_pid" 2>/dev/null; then problem "$kind" "redis-server exited during $name"; fi
    append_tagged "$(printf '"server":"%s","processes":%d,"round":%d' "$kind" "$processes" "$round")" \
        "$raw_dir/$name.jsonl"
    stop_case
}

# Rounds outermost, so a burst of other work on the shared machine hits every case of a round
# alike; within a round the 1-process and 2-process cases of one load run back to back.
for ((round = 1; round <= repeat; round++)); do
    if ((want_flaskish)); then
        run_case flaskish 1 paced "$paced" "$round"
        run_case flaskish 2 paced "$paced" "$round"
    fi
    if ((want_gevent)); then run_case gevent 2 paced "$paced" "$round"; fi
    if ((want_flaskish)); then
        run_case flaskish 1 flood "$flood" "$round"
        run_case flaskish 2 flood "$flood" "$round"
    fi
    if ((want_gevent)); then
        run_case gevent 1 flood "$flood" "$round"
        run_case gevent 2 flood "$flood" "$round"
    fi
done

# --- Report -----------------------------------------------------------------------------------

record_run_facts
fact meta pinning "every server on CPU $server_cpu (fresh processes per case), redis-server on CPU $redis_cpu, SocketIOLoad on CPU $load_cpu"
fact meta versions "$("$redis_server" --version | grep -o 'v=[^ ]*' | sed 's/v=/redis-server /'); $("$venv_python" -c 'import importlib.metadata as m; print(", ".join(f"{p} {m.version(p)}" for p in ("flask-socketio", "python-socketio", "gevent", "gevent-websocket", "redis")))' 2>/dev/null || echo n/a)"

python3 "$here/cluster_report.py" --results "$results" --facts "$facts" --out "$results_dir/cluster.md"
say "report written to ${results_dir#"$repo_root"/}/cluster.md"
((problems == 0))
