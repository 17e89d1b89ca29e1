#!/usr/bin/env bash
# Builds the Debian package of the station and the center into OUT_DIR (default target/debian):
#   bash packaging/build-deb.sh [OUT_DIR]
# Release build of both binaries, their man pages (from the command-line definitions), then
# cargo-deb (installed into ~/.cargo/bin when missing). Prints the .deb's path last.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/debian}
if ! cargo deb --version >/dev/null 2>&1; then
  cargo install --locked --quiet cargo-deb@^3
fi
cargo build --release --bin ustudy-station --bin ustudy-center
rm -rf target/man
target/release/ustudy-station man --out target/man
target/release/ustudy-center man --out target/man
gzip -9n target/man/*.1
mkdir -p "$out"
deb=$(cargo deb --no-build --output "$out" 2>/dev/null | tail -1)
echo "$deb"
