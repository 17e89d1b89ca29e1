#!/usr/bin/env bash
# Builds the Windows installer of the station and the center:
#   bash packaging/build-msi.sh [OUT.msi]        (default target/msi/ustudy-station.msi)
# ustudy-station.exe and ustudy-center.exe for x86_64-pc-windows-gnu with Debian's Rust and the
# mingw linker (packaging/windows-env.sh; it installs the apt packages when run as root), then
# the MSI from packaging/wix/main.wxs with wixl. MSI_VERSION overrides the product version
# (default: Cargo.toml's). Prints the .msi's path last.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-target/msi/ustudy-station.msi}")
source packaging/windows-env.sh
win_need

version=${MSI_VERSION:-$(sed -n 's/^version = "\([0-9.]*\)"$/\1/p' Cargo.toml | head -1)}
if ! [[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  echo "MSI_VERSION must be three numbers (a.b.c), not '$version'" >&2
  exit 2
fi

win_cargo build --release --bin ustudy-station --bin ustudy-center
bin=$WIN_TARGET_DIR/$WIN_TARGET/release

# Everything main.wxs names, in one folder (the same folder WiX's candle and light work in).
stage=target/msi/stage
rm -rf "$stage"
mkdir -p "$stage" "$(dirname "$out")"
cp "$bin/ustudy-station.exe" "$bin/ustudy-center.exe" "$stage/"
x86_64-w64-mingw32-strip "$stage"/*.exe
cp README.md assets/fonts/OFL.txt packaging/wix/main.wxs packaging/wix/station.toml.example "$stage/"
cp packaging/deb/copyright "$stage/copyright.txt"
cp assets/reference/README.md "$stage/reference-data.md"
(cd "$stage" && wixl -a x64 -D Version="$version" -o "$out" main.wxs)
echo "$out"
