# Shared by the benchmark scripts (Benchmarks/*/run.sh): messages, the results folder with its
# facts file, and the CPU pinning. Sourced, never run; the caller sets `here` (its own folder).

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
