#!/usr/bin/env bash
# All the tests: installs the system packages they need on a fresh Debian (strace and eatmydata
# for the fault and power-loss tests, Xvfb and the X11 libraries for the real window, Chromium and its WebDriver for the
# dashboard, PostgreSQL for the center's national store), then runs `cargo test` with any arguments given. .ci/run runs this after fmt and clippy.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v cc >/dev/null || need+=(build-essential)
command -v pkg-config >/dev/null || need+=(pkg-config)
command -v strace >/dev/null || need+=(strace)         # journal fault-injection and power-loss tests
command -v eatmydata >/dev/null || need+=(eatmydata)   # the power-loss test's negative control
command -v Xvfb >/dev/null || need+=(xvfb)             # the end-to-end test runs the real window
command -v xwd >/dev/null || need+=(x11-apps)          # screenshots of the real window
command -v convert >/dev/null || need+=(imagemagick)
command -v chromium >/dev/null || need+=(chromium)     # the hall dashboard's browser test
command -v chromedriver >/dev/null || need+=(chromium-driver)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)  # the center's PostgreSQL store
# Libraries winit opens at run time on X11.
for lib in libX11.so.6 libX11-xcb.so.1 libXcursor.so.1 libXrandr.so.2 libXi.so.6 libxkbcommon-x11.so.0; do
  ldconfig -p | grep -q "$lib" || need+=("$(case $lib in
    libX11.so.6) echo libx11-6 ;; libX11-xcb.so.1) echo libx11-xcb1 ;; libXcursor.so.1) echo libxcursor1 ;;
    libXrandr.so.2) echo libxrandr2 ;; libXi.so.6) echo libxi6 ;; libxkbcommon-x11.so.0) echo libxkbcommon-x11-0 ;;
  esac)")
done
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q
  $sudo apt-get install -y -q "${need[@]}"
fi

# The disk a run needs (target/ holds 31 test binaries): say what is free, for a failed link.
echo "tests/run.sh: $(df -h --output=avail . | tail -1 | tr -d ' ') free on the disk of $(pwd)"

# Headless UI tests render with the software renderer, as the stations do.
export ICED_TEST_BACKEND=tiny-skia
exec cargo test "$@"
