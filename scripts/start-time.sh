#!/bin/bash
# How long a database command takes against --version, whole process, wall time: the figures of
# docs/performance.md, "Start time". Runs `--version` and `COMMAND...` N times each, taking turns, and prints
# both medians and their ratio.
#
#   scripts/start-time.sh N LAUNCHER... -- COMMAND...
#   e.g. CATALOG_SYNC_DB_URL=jdbc:postgresql://127.0.0.1:5432/app scripts/start-time.sh 11 bin/catalog-sync -- status --json
#        scripts/start-time.sh 11 java -jar bootstrap/target/catalog-sync.jar -- status --json
set -euo pipefail
runs=$1
shift
launcher=()
while [ "$#" -gt 0 ] && [ "$1" != "--" ]; do
    launcher+=("$1")
    shift
done
if [ "$#" -eq 0 ]; then
    echo "usage: $0 N LAUNCHER... -- COMMAND..." >&2
    exit 2
fi
shift
millis() { local start end; start=$(date +%s%N); "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }; end=$(date +%s%N); echo $(((end - start) / 1000000)); }
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
version=()
command=()
for _ in $(seq 1 "$runs"); do
    version+=("$(millis "${launcher[@]}" --version)")
    command+=("$(millis "${launcher[@]}" "$@")")
done
v=$(median "${version[@]}")
c=$(median "${command[@]}")
echo "--version: median ${v} ms; $*: median ${c} ms; ratio $(awk -v c="$c" -v v="$v" 'BEGIN { printf "%.2f", c / v }') (${runs} runs each)"
