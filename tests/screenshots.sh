#!/usr/bin/env bash
# Takes a PNG of every station screen under Xvfb, for people to look at:
#   bash tests/screenshots.sh [OUT_DIR]        (default: target/screenshots)
# Needs: xvfb matchbox-window-manager xdotool x11-apps imagemagick (installed with apt-get if
# missing and running as root). Builds the release station first.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/screenshots}
mkdir -p "$out"
need=()
command -v Xvfb >/dev/null || need+=(xvfb)
command -v matchbox-window-manager >/dev/null || need+=(matchbox-window-manager)
command -v xdotool >/dev/null || need+=(xdotool)
command -v xwd >/dev/null || need+=(x11-apps)
[ -x /usr/bin/convert ] || need+=(imagemagick)   # the real one, not a stand-in
if [ ${#need[@]} -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >/dev/null
fi
cargo build --release --bin ustudy-station
bin=target/release/ustudy-station

# shot NAME KEYS [ARGS...]: start the station, type KEYS, save OUT/NAME.png.
shot() {
  local name=$1 keys=$2; shift 2
  local d=$((200 + RANDOM % 500))
  while [ -e /tmp/.X$d-lock ]; do d=$((d + 1)); done
  Xvfb :$d -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 & local xv=$!
  sleep 1
  DISPLAY=:$d matchbox-window-manager -use_titlebar no >/dev/null 2>&1 & local wm=$!
  sleep 0.5
  DISPLAY=:$d ICED_BACKEND=tiny-skia "$bin" "$@" & local app=$!
  sleep 3
  if [ -n "$keys" ]; then DISPLAY=:$d xdotool key --delay 120 $keys; sleep 1; fi
  DISPLAY=:$d xwd -root -silent > "$out/$name.xwd"
  /usr/bin/convert "xwd:$out/$name.xwd" "$out/$name.png" && rm "$out/$name.xwd"
  kill $app $wm $xv 2>/dev/null || true
  wait 2>/dev/null || true
  echo "$out/$name.png"
}

digits() { echo "$1" | sed 's/./& /g'; }

shot 01-locked ""
shot 02-locked-wrong-pin "1 1 1 1 Return"
shot 03-locked-high-contrast "" --high-contrast
shot 04-check-in-invalid-iin "2 4 6 8 Return $(digits 061211600013)"
shot 05-check-in-found "2 4 6 8 Return $(digits 061211600012) Tab D E M O minus 2 4 Return"
