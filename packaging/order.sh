#!/usr/bin/env bash
# Makes packaging/station.order anew: the functions the station runs, from its start to the lock
# screen first, then those a whole session adds (and the performance floor's), as
# packaging/ordered-cc places them.
#   bash packaging/order.sh
# Builds the packaging profile, then runs the station twice under valgrind's callgrind on a
# private X server (Xvfb): once from its start until the lock screen is up and the readiness
# check done, once through a whole --autopilot session. Callgrind records every function that
# runs, however briefly. The list names the functions as this build's symbols spell them, so it
# holds for the toolchain and dependency versions of Cargo.lock; run it again after changing
# either (a name the program lacks is passed over, so a stale list costs memory, never a build).
# Needs valgrind and Xvfb (installed with apt when run as root). Takes about 15 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
for pkg in valgrind:valgrind Xvfb:xvfb; do
  command -v "${pkg%%:*}" >/dev/null || {
    [ "$(id -u)" -eq 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${pkg##*:}" >&2
  } || { echo "order.sh needs ${pkg##*:}" >&2; exit 2; }
done

cargo build --profile packaging --bin ustudy-station
bin=$(realpath target/packaging/ustudy-station)
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

display=:${ORDER_DISPLAY:-93}
Xvfb "$display" -screen 0 1920x1080x24 -nolisten tcp -noreset >/dev/null 2>&1 &
sleep 1
export DISPLAY=$display ICED_BACKEND=tiny-skia
unset WAYLAND_DISPLAY

# Waits until the station's log in data directory $1 has line $2 (at most $3 seconds).
wait_log() {
  for _ in $(seq "$3"); do
    grep -qs "$2" "$1"/logs/*.log && return 0
    sleep 1
  done
  echo "order.sh: no '$2' in the station's log after $3 s" >&2
  return 1
}

# A hall PC starts on the data directory it has: the first start (making the journal) is not
# the one recorded.
mkdir -p "$work/idle" "$work/session"
"$bin" --data-dir "$work/idle" >/dev/null 2>&1 &
first=$!
wait_log "$work/idle" "readiness check done" 60
kill "$first"; wait "$first" 2>/dev/null || true
rm -rf "$work/idle/logs"

valgrind --tool=callgrind --demangle=no --callgrind-out-file="$work/idle.cg" \
  "$bin" --data-dir "$work/idle" >/dev/null 2>"$work/idle.valgrind" &
idle=$!
wait_log "$work/idle" "readiness check done" 600
sleep 5
kill "$idle"; wait "$idle" 2>/dev/null || true

valgrind --tool=callgrind --demangle=no --callgrind-out-file="$work/session.cg" \
  "$bin" --data-dir "$work/session" --autopilot 1 --time-scale 60 \
  >/dev/null 2>"$work/session.valgrind"

# The performance harness's floor (benches/perf/floor.rs) is laid out by the same rule from its
# own run, so that `cargo bench --bench perf` compares two programs linked alike: its clock
# window, started and redrawn for a minute and a half.
cargo build --profile packaging --example perf-floor
floor=$(realpath target/packaging/examples/perf-floor)
valgrind --tool=callgrind --demangle=no --callgrind-out-file="$work/floor.cg" \
  "$floor" --clock >/dev/null 2>"$work/floor.valgrind" &
clock=$!
sleep 90
kill "$clock"; wait "$clock" 2>/dev/null || true

# The functions of a program's own binary in a callgrind file (names are given once, then
# referred to by number), each once.
functions() {
  awk -v bin="$2" '
    # "ob=(3) /path" or "cfn=(12) name": the number, and the name when given the first time.
    function parse(line) {
      id = substr(line, index(line, "(") + 1)
      rest = substr(id, index(id, ")") + 2)
      id = substr(id, 1, index(id, ")") - 1)
    }
    /^c?ob=\(/ { parse($0); if (rest != "") obj[id] = rest; if ($0 ~ /^ob=/) cur = obj[id]; next }
    /^c?fn=\(/ {
      parse($0)
      if (rest != "") name[id] = rest
      if ($0 ~ /^fn=/ && cur == bin && !(id in seen)) { seen[id] = 1; print name[id] }
    }' "$1"
}
{
  functions "$work/idle.cg" "$bin"
  functions "$work/session.cg" "$bin"
  functions "$work/floor.cg" "$floor"
} | awk '!seen[$0]++' >"$work/order"
# Only names the programs have (callgrind also names pieces it splits off, such as cold parts).
nm --defined-only "$bin" "$floor" | awk '$2 ~ /^[tTwW]$/ { print $3 }' | sort -u >"$work/symbols"
awk 'NR == FNR { have[$0] = 1; next } have[$0]' "$work/symbols" "$work/order" >packaging/station.order
echo "packaging/station.order: $(wc -l <packaging/station.order) functions ($(functions "$work/idle.cg" "$bin" | wc -l) run by the station before its lock screen is up)"

# Link again with the new list (a changed list alone does not make cargo link).
touch src/main.rs benches/perf/floor.rs
cargo build --profile packaging --bin ustudy-station
cargo build --profile packaging --example perf-floor
