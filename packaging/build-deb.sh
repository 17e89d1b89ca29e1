#!/usr/bin/env bash
# Builds the Debian package of the station and the center into OUT_DIR (default target/debian):
#   bash packaging/build-deb.sh [OUT_DIR]
# Both binaries built with the packaging profile (link-time optimised, one codegen unit, the
# functions a station runs laid side by side: what `cargo bench --bench perf` measures), then
# stripped, their man pages (from the command-line definitions), then cargo-deb (installed into
# ~/.cargo/bin when missing). Prints the .deb's path last.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/debian}
if ! cargo deb --version >/dev/null 2>&1; then
  cargo install --locked --quiet cargo-deb@^3
fi
cargo build --profile packaging --bin ustudy-station --bin ustudy-center
# The packaged copies without their symbol tables (the build keeps them for packaging/order.sh).
rm -rf target/deb-bin
mkdir -p target/deb-bin
strip --strip-all -o target/deb-bin/ustudy-station target/packaging/ustudy-station
strip --strip-all -o target/deb-bin/ustudy-center target/packaging/ustudy-center
rm -rf target/man
target/deb-bin/ustudy-station man --out target/man
target/deb-bin/ustudy-center man --out target/man
gzip -9n target/man/*.1
mkdir -p "$out"
deb=$(cargo deb --no-build --output "$out" 2>/dev/null | tail -1)
echo "$deb"
