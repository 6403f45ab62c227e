#!/usr/bin/env bash
# HTTP benchmark: the same hello app served by Flaskish, by Python Flask and, as a ceiling, by nginx.
# Routes: `/` (text), `/json`, and `/page`, the template benchmark's 264 KB users page rendered per
# request (Flaskish and Flask only; nginx serves no templates).
#
#   Benchmarks/http/run.sh [options]
#     --only LIST           comma-separated subset of flaskish,flask,nginx (default: all three)
#     --rounds N            interleaved rounds; each figure is the median over them (default 3)
#     --duration S          seconds per wrk run (default 10, at most 10)
#     --flask-duration S    seconds per wrk run against Flask, which is slow to saturate (default 5)
#     --connections "A B"   wrk connection counts for / and /json (default "64 256")
#     --page-connections "A B"  wrk connection counts for /page (default "8 64"; wrk --timeout 30s there)
#     --idle-connections N  idle keep-alive connections held against Flaskish and nginx (default 10000, 0: skip)
#     --no-install          do not apt-get/pip-install wrk, nginx or Flask (into Benchmarks/.venv)
#     --binary PATH         measure this HelloBenchmark executable instead of building one
#   FLASKISH_PYTHON=PATH    the Python with Flask for hello_flask.py (default Benchmarks/.venv); never installed into
#
# Each server is pinned to CPU 0 and wrk (one thread) to CPU 1, so the load generator never steals
# the server's core. Ports are picked free at start. Raw wrk outputs go to results/raw/, the report to
# results/latest.md (both gitignored) and to stdout. The exit status is non-zero when a requested
# server could not be built, started or kept running; the report is written all the same.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$here/../.." && pwd)"

command_line="Benchmarks/http/run.sh${*:+ $*}"
only="flaskish,flask,nginx"
rounds=3
duration=10
flask_duration=5
connections="64 256"
page_connections="8 64"
idle_connections=10000
do_install=1
flaskish_bin=""
while (($#)); do
    case "$1" in
        --only) only="$2"; shift 2 ;;
        --rounds) rounds="$2"; shift 2 ;;
        --duration) duration="$2"; shift 2 ;;
        --flask-duration) flask_duration="$2"; shift 2 ;;
        --connections) connections="$2"; shift 2 ;;
        --page-connections) page_connections="$2"; shift 2 ;;
        --idle-connections) idle_connections="$2"; shift 2 ;;
        --no-install) do_install=0; shift ;;
        --binary) flaskish_bin="$2"; shift 2 ;;
        -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "run.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
    esac
done
((duration <= 10)) || { echo "run.sh: --duration is at most 10 s" >&2; exit 2; }
((flask_duration <= duration)) || flask_duration=$duration

servers=()
IFS=',' read -r -a requested <<<"$only"
for s in "${requested[@]}"; do
    case "$s" in
        flaskish|flask|nginx) servers+=("$s") ;;
        *) echo "run.sh: unknown server '$s' in --only (known: flaskish, flask, nginx)" >&2; exit 2 ;;
    esac
done
wants() { [[ ",$only," == *",$1,"* ]]; }

# shellcheck source=../lib/common.sh
source "$here/../lib/common.sh"

start_results

work_dir="$(mktemp -d "${TMPDIR:-/tmp}/flaskish-bench.XXXXXX")"
declare -A pid=() port=()
stop_servers() {
    local s p
    for s in "${!pid[@]}"; do
        p=${pid[$s]}
        kill -TERM "$p" 2>/dev/null || true
    done
    for s in "${!pid[@]}"; do
        p=${pid[$s]}
        for _ in 1 2 3 4 5 6 7 8 9 10; do
            kill -0 "$p" 2>/dev/null || break
            sleep 0.2
        done
        kill -KILL "$p" 2>/dev/null || true
        wait "$p" 2>/dev/null || true
    done
    pid=()
}
cleanup() {
    stop_servers
    rm -rf "$work_dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- CPUs and limits --------------------------------------------------------------------------

pick_cpus wrk
# Each idle connection is a descriptor in the server and in the helper; servers inherit this limit.
wanted_fds=$((idle_connections + 4096))
if (($(ulimit -n) < wanted_fds)); then
    ulimit -n "$wanted_fds" 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
fi
if ((idle_connections > 0 && $(ulimit -n) < idle_connections + 64)); then
    warn "ulimit -n is $(ulimit -n): fewer than $idle_connections idle connections can be held"
fi

# --- Tools ------------------------------------------------------------------------------------

# FLASKISH_PYTHON names a Python that already has Flask (e.g. a shared venv): nothing is
# installed into it. Without it, the benchmarks' own Benchmarks/.venv is used (set up unless --no-install).
venv_python="${FLASKISH_PYTHON:-$bench_python}"
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
if [[ $do_install == 1 ]]; then
    missing=()
    command -v wrk >/dev/null || missing+=(wrk)
    if wants nginx && [[ ! -x "$nginx_bin" ]]; then missing+=(nginx); fi
    if ((${#missing[@]})); then
        say "apt-get install ${missing[*]}"
        sudo=()
        [[ $(id -u) == 0 ]] || sudo=(sudo)
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -q >&2
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q \
            --no-install-recommends "${missing[@]}" >&2
        nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
    fi
    if wants flask && [[ -z "${FLASKISH_PYTHON:-}" ]]; then ensure_bench_python flask; fi
fi
command -v wrk >/dev/null || { warn "wrk is not installed (drop --no-install to install it)"; exit 1; }
benchtool() { python3 "$here/benchtool.py" "$@"; }

# --- Servers ----------------------------------------------------------------------------------

available=()
if wants flaskish && [[ -n "$flaskish_bin" ]]; then
    [[ -x "$flaskish_bin" ]] || { problem flaskish "--binary $flaskish_bin is not an executable; skipped"; flaskish_bin=""; }
elif wants flaskish; then
    say "swift build -c release --static-swift-stdlib --product HelloBenchmark"
    if (cd "$repo_root" && swift build -c release --static-swift-stdlib --product HelloBenchmark >"$work_dir/build.log" 2>&1); then
        flaskish_bin="$(cd "$repo_root" && swift build -c release --show-bin-path)/HelloBenchmark"
    else
        tail -n 30 "$work_dir/build.log" >&2
        problem flaskish "HelloBenchmark failed to build (swift build -c release --static-swift-stdlib --product HelloBenchmark); skipped"
    fi
fi
if wants flask && ! "$venv_python" -c 'import flask' 2>/dev/null; then
    problem flask "Flask is not installed for $venv_python; skipped"
fi

write_nginx_conf() { # write_nginx_conf <port> <dir>
    mkdir -p "$2/temp"
    cat >"$2/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $2/nginx.pid;
error_log $2/error.log warn;
events { worker_connections $((idle_connections + 1024)); }
http {
    access_log off;
    client_body_temp_path $2/temp/body;
    proxy_temp_path $2/temp/proxy;
    fastcgi_temp_path $2/temp/fastcgi;
    uwsgi_temp_path $2/temp/uwsgi;
    scgi_temp_path $2/temp/scgi;
    keepalive_requests 1000000;
    server {
        listen 127.0.0.1:$1;
        default_type text/plain;
        location / { return 200 "Hello, World!"; }
    }
}
EOF
}

command_for() { # command_for <name> <port> <scratch dir>: sets the array `command`
    case "$1" in
        flaskish) command=("$flaskish_bin" --port "$2") ;;
        flask) command=("$venv_python" "$here/hello_flask.py" --port "$2") ;;
        nginx)
            write_nginx_conf "$2" "$3"
            command=("$nginx_bin" -p "$3" -e "$3/error.log" -c "$3/nginx.conf")
            ;;
    esac
}

start_server() { # start_server <name>: on success fills pid/port and records start-up and idle RSS
    local name=$1 p log="$work_dir/$1.log" started ms startup_port command
    p=$(benchtool free-port)
    # Start-up is timed by benchtool itself on a port of its own (median of 5 starts), so a
    # python interpreter's start-up is never part of a server's figure.
    startup_port=$(benchtool free-port)
    command_for "$name" "$startup_port" "$work_dir/$name-startup"
    if ms=$(taskset -c "$load_cpu" python3 "$here/benchtool.py" startup --port "$startup_port" --runs 5 -- \
        taskset -c "$server_cpu" "${command[@]}" 2>"$work_dir/$name.startup"); then
        fact "$name" startup_ms "$ms"
    else
        warn "$name: start-up not measured: $(tail -n 1 "$work_dir/$name.startup")"
    fi
    command_for "$name" "$p" "$work_dir/$name"
    started=$(date +%s%N)
    taskset -c "$server_cpu" "${command[@]}" >"$log" 2>&1 &
    pid[$name]=$!
    port[$name]=$p
    if ! ms=$(benchtool wait-ready --port "$p" --pid "${pid[$name]}" --since-ns "$started" --timeout 30 \
        2>"$work_dir/$name.wait"); then
        warn "$name output:"
        tail -n 20 "$log" >&2 || true
        [[ $name == nginx ]] && tail -n 20 "$work_dir/nginx/error.log" >&2 2>/dev/null
        problem "$name" "did not start: $(tail -n 1 "$work_dir/$name.wait") (its output is printed above); skipped"
        kill -KILL "${pid[$name]}" 2>/dev/null || true
        wait "${pid[$name]}" 2>/dev/null || true
        unset "pid[$name]"
        return 1
    fi
    fact "$name" idle_rss_kib "$(benchtool rss --pid "${pid[$name]}")"
    say "$name: pid ${pid[$name]} on port $p, answered ${ms} ms after start"
    available+=("$name")
}

for s in "${servers[@]}"; do
    case "$s" in
        flaskish) [[ -n "$flaskish_bin" ]] || continue ;;
        # The Python that will serve (FLASKISH_PYTHON or Benchmarks/.venv), and never silently.
        flask) "$venv_python" -c "import flask" 2>/dev/null || {
            problem flask "Flask is missing for $venv_python (run without --no-install, or set FLASKISH_PYTHON); skipped"
            continue
        } ;;
    esac
    start_server "$s" || true
done
((${#available[@]})) || { warn "no server could be started"; exit 1; }

# --- Load -------------------------------------------------------------------------------------

alive() { # a zombie (exited, not yet reaped) is not alive
    local p=${pid[$1]:-} state
    [[ -n "$p" && -r /proc/$p/stat ]] || return 1
    state=$(sed -E 's/.*\) (.).*/\1/' "/proc/$p/stat" 2>/dev/null) || return 1
    [[ -n "$state" && $state != Z ]]
}
is_available() { [[ " ${available[*]} " == *" $1 "* ]]; }
crashed() { # crashed <server> <when>
    problem "$1" "exited $2; its later runs are missing"
    local kept=() s
    for s in "${available[@]}"; do [[ $s == "$1" ]] || kept+=("$s"); done
    available=("${kept[@]}")
}

run_wrk() { # run_wrk <server> <route label> <path> <connections> <seconds> <output file> [wrk options...]
    taskset -c "$load_cpu" timeout 30 wrk -t1 -c"$4" -d"$5"s --latency "${@:7}" "http://127.0.0.1:${port[$1]}$3" >"$6" 2>&1 || true
}

say "warm-up: 2 s per server"
for s in "${available[@]}"; do
    run_wrk "$s" root / 64 2 "$work_dir/warmup-$s.txt"
done

# Both apps must serve the same bytes at /page for its figures to compare the same work.
if is_available flaskish && is_available flask; then
    page_verdict=$(benchtool same-body --path /page --port "${port[flaskish]}" --port "${port[flask]}") ||
        problem flaskish "/page differs from Flask's ($page_verdict)"
    say "/page: $page_verdict"
fi

measure() { # measure <round> <route label> <path> <connections> [wrk options...]: one run per server
    local s seconds out
    for s in flaskish flask nginx; do
        is_available "$s" || continue
        [[ $s == nginx && $2 != root ]] && continue
        if ! alive "$s"; then crashed "$s" "before round $1 ($3, $4 connections)"; continue; fi
        seconds=$duration
        [[ $s == flask ]] && seconds=$flask_duration
        out="$raw_dir/r${1}__${s}__${2}__c${4}.txt"
        run_wrk "$s" "$2" "$3" "$4" "$seconds" "$out" "${@:5}"
        say "round $1/$rounds $s $3 c=$4: $(grep -E '^Requests/sec' "$out" || echo 'no result')"
    done
}

for ((round = 1; round <= rounds; round++)); do
    for conns in $connections; do
        measure "$round" root / "$conns"
        measure "$round" json /json "$conns"
    done
    # A 264 KB page takes milliseconds to render on one core, so at the hello routes' connection
    # counts most requests would wait past wrk's default 2 s time-out and vanish from the latency
    # figures: /page has counts of its own and a time-out longer than a run.
    for conns in $page_connections; do
        measure "$round" page /page "$conns" --timeout 30s
    done
done

for s in "${available[@]}"; do
    if alive "$s"; then
        fact "$s" peak_rss_kib "$(benchtool rss --pid "${pid[$s]}" --field VmHWM)"
    else
        crashed "$s" "during the last round"
    fi
done

# --- Idle keep-alive connections --------------------------------------------------------------

if ((idle_connections > 0)); then
    for s in flaskish nginx; do
        if ! is_available "$s" || ! alive "$s"; then continue; fi
        say "$s: holding $idle_connections idle keep-alive connections"
        if result=$(taskset -c "$load_cpu" python3 "$here/idle_connections.py" --port "${port[$s]}" \
            --pid "${pid[$s]}" --count "$idle_connections"); then
            fact "$s" idle_json "$result"
            say "$s: $result"
        else
            problem "$s" "the idle-connections helper failed"
        fi
    done
fi

stop_servers

# --- Report -----------------------------------------------------------------------------------

record_run_facts
fact meta pinning "servers on CPU $server_cpu, wrk (1 thread) on CPU $load_cpu"
fact meta load "wrk -t1 -c{$connections} --latency (/page: -c{$page_connections} --timeout 30s), ${duration} s per run (Flask: ${flask_duration} s), $rounds interleaved rounds, figures are medians"
[[ -z "${page_verdict:-}" ]] || fact meta "/page output" "Flaskish and Flask $page_verdict"
fact meta versions "$(wrk -v 2>&1 | head -n1 | cut -d' ' -f1-2); $("$nginx_bin" -v 2>&1 | cut -d' ' -f3 || true); Flask $("$venv_python" -c 'import flask, importlib.metadata as m; print(m.version("flask"))' 2>/dev/null || echo n/a) on $("$venv_python" -V 2>&1 || true)"

python3 "$here/report.py" --raw-dir "$raw_dir" --facts "$facts" --out "$results_dir/latest.md"
say "report written to ${results_dir#"$repo_root"/}/latest.md"
((problems == 0))
