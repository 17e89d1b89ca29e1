#!/usr/bin/env bash
# Takes a PNG of every station screen under Xvfb, for people to look at:
#   bash tests/screenshots.sh [OUT_DIR]        (default: target/screenshots)
#   ONLY=REGEX takes only the shots whose name matches; BIN=PATH uses that station binary
#   instead of building the release one (a quick look with a debug build).
#   SIZES="1920x1080 1366x768 1280x1024 1280x720 1024x768" takes every shot at each hall
#   resolution, into OUT_DIR/WxH/ (SIZES=all is that list); one size (the default, 1920x1080)
#   writes into OUT_DIR itself.
# Screens after check-in are reached by the autopilot, which stops on the named screen
# (--autopilot-stop) and says so on stdout; the script waits for that line, then shoots.
# Needs: xvfb matchbox-window-manager xdotool x11-apps imagemagick (installed with apt-get if
# missing and running as root). Builds the release station first.
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-target/screenshots}
sizes=${SIZES:-${SIZE:-1920x1080}}
[ "$sizes" = all ] && sizes="1920x1080 1366x768 1280x1024 1280x720 1024x768"
need=()
command -v Xvfb >/dev/null || need+=(xvfb)
command -v matchbox-window-manager >/dev/null || need+=(matchbox-window-manager)
command -v xdotool >/dev/null || need+=(xdotool)
command -v xwd >/dev/null || need+=(x11-apps)
[ -x /usr/bin/convert ] || need+=(imagemagick)   # the real one, not a stand-in
if [ ${#need[@]} -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >/dev/null
fi
if [ -z "${BIN:-}" ]; then cargo build --release --bin ustudy-station; fi
bin=${BIN:-target/release/ustudy-station}
skip() { [ -n "${ONLY:-}" ] && ! [[ $1 =~ $ONLY ]]; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=()

# X server with a window manager on a free display; sets d, xv, wm.
x_start() {
  d=$((200 + RANDOM % 500))
  while [ -e /tmp/.X$d-lock ]; do d=$((d + 1)); done
  Xvfb :$d -screen 0 ${size}x24 -nolisten tcp >/dev/null 2>&1 & xv=$!
  for _ in $(seq 50); do [ -e /tmp/.X11-unix/X$d ] && break; sleep 0.1; done
  DISPLAY=:$d matchbox-window-manager -use_titlebar no >/dev/null 2>&1 & wm=$!
  sleep 0.5
}

capture() {
  DISPLAY=:$d xwd -root -silent > "$out/$1.xwd"
  /usr/bin/convert "xwd:$out/$1.xwd" "$out/$1.png" && rm "$out/$1.xwd"
  echo "$out/$1.png"
}

x_stop() {
  kill "$@" $wm $xv 2>/dev/null || true
  wait 2>/dev/null || true
}

# shot NAME KEYS [ARGS...]: start the station, type KEYS, save OUT/NAME.png.
shot() {
  local name=$1 keys=$2; shift 2
  skip "$name" && return 0
  x_start
  DISPLAY=:$d ICED_BACKEND=tiny-skia "$bin" --data-dir "$work/$size/$name" "$@" & local app=$!
  sleep 3
  # CLICK="X Y" clicks there first (a language button).
  if [ -n "${CLICK:-}" ]; then DISPLAY=:$d xdotool mousemove $CLICK click 1; sleep 0.5; fi
  if [ -n "$keys" ]; then DISPLAY=:$d xdotool key --delay 120 $keys; sleep 1; fi
  capture "$name"
  x_stop $app
}

# until_stop LOG: wait (at most 3 minutes) for the autopilot to say it stopped.
until_stop() {
  for _ in $(seq 1800); do
    grep -q "autopilot: stopped" "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "the autopilot never reached its stop ($1)" >&2
  return 1
}

# auto NAME STOP SEED SCALE [ARGS...]: let the autopilot drive to STOP, type $KEYS if set, then
# save OUT/NAME.png.
auto() {
  local name=$1 stop=$2 seed=$3 scale=$4; shift 4
  skip "$name" && return 0
  x_start
  DISPLAY=:$d ICED_BACKEND=tiny-skia "$bin" --data-dir "$work/$size/$name" --autopilot "$seed" \
    --time-scale "$scale" --autopilot-stop "$stop" "$@" > "$work/$name.log" & local app=$!
  if ! until_stop "$work/$name.log"; then
    # Keep going with the other shots; the run fails at the end, naming this one.
    cp "$work/$name.log" "$out/$name.log" 2>/dev/null || true
    failed+=("$out/$name")
    x_stop $app
    return 0
  fi
  sleep 1.5
  # CLICK="X Y" clicks there first (a language button).
  if [ -n "${CLICK:-}" ]; then DISPLAY=:$d xdotool mousemove $CLICK click 1; sleep 0.5; fi
  if [ -n "${KEYS:-}" ]; then DISPLAY=:$d xdotool key --delay 150 $KEYS; sleep 1; fi
  capture "$name"
  x_stop $app
}

digits() { echo "$1" | sed 's/./& /g'; }

# The language bar's buttons, top right, wherever the screen's right edge is.
ru() { echo "$((width - 134)) 24"; }
en() { echo "$((width - 44)) 24"; }
zoom200="equal equal equal equal"

all_shots() {

shot 01-locked ""
shot 02-locked-wrong-pin "1 1 1 1 Return"
shot 03-locked-high-contrast "" --high-contrast
shot 04-check-in-invalid-iin "2 4 6 8 Return $(digits 061211600013)"
shot 05-check-in-confirm "2 4 6 8 Return $(digits 061211600012) Tab D E M O minus 2 4 Return"
auto 06-briefing briefing 6 1
KEYS=2 auto 07-testing-single testing:5 6 20
auto 08-testing-context testing:31 6 20
KEYS="1 Down 3 Down 2" auto 09-testing-matching testing:71 6 20
KEYS="1 3" auto 10-testing-multiple testing:116 6 20
auto 11-finish-confirm finish-confirm 6 20
auto 12-break interlude 6 400
auto 13-time-up finished 3 600
auto 14-analysis-card review 6 600
auto 15-decision decision 6 600
auto 16-appeal appeal 6 600
auto 17-appeal-card appeal-card 6 600
auto 18-closed closed 0 600
auto 19-testing-russian-extra-time testing:45 1 20
auto 20-testing-high-contrast testing:12 6 20 --high-contrast

# 22-27: the proctor. The chord (Ctrl+Shift+F12) holds the session: the lock screen hides the
# tasks; the PIN opens the admin screen. Kazakh (seed 6), Russian (seed 1), English (seed 6 with
# the language bar's English button, top right).
KEYS="ctrl+shift+F12" auto 22-held-kk testing:5 6 20
KEYS="ctrl+shift+F12 2 4 6 8 Return" auto 23-admin-kk testing:5 6 20
KEYS="ctrl+shift+F12" auto 24-held-ru testing:5 1 20
KEYS="ctrl+shift+F12 2 4 6 8 Return" auto 25-admin-ru testing:5 1 20
CLICK="$(en)" KEYS="ctrl+shift+F12" auto 26-held-en testing:5 6 20
# The admin screen after a pause with its reason (typed, then Tab away and 1 presses Pause).
CLICK="$(en)" KEYS="ctrl+shift+F12 2 4 6 8 Return p o w e r space c u t Escape 1" \
  auto 27-admin-paused-en testing:5 6 20
# Accommodations set at the briefing (9 zoom, 0 high contrast, Enter back), then the test.
KEYS="ctrl+shift+F12 2 4 6 8 Return Escape 9 0 Return Return" auto 29-testing-zoomed-ru briefing 1 20
# Five wrong PINs: the lock-out (Kazakh, then Russian and English with the language bar; Tab
# brings the keyboard back to the PIN field after the click).
fives="1 1 1 1 Return sleep 1.2 key 1 1 1 1 Return sleep 2.2 key 1 1 1 1 Return sleep 4.2 key 1 1 1 1 Return sleep 8.2 key 1 1 1 1 Return"
shot 28-locked-out "$fives"
CLICK="$(ru)" shot 30-locked-out-ru "Tab $fives"
CLICK="$(en)" shot 31-locked-out-en "Tab $fives"
# The idle lock screen and a wrong PIN in Russian and English (01 and 02 are Kazakh).
CLICK="$(ru)" shot 32-locked-ru ""
CLICK="$(en)" shot 33-locked-wrong-pin-en "Tab 1 1 1 1 Return"

# 34-44: the candidate's tools and reading aids, in the three languages.
KEYS="F6 1 2 KP_Add 3 KP_Multiply 4 Return 1 KP_Divide 3 Return" auto 34-calculator-kk testing:5 6 20
KEYS="F6 0 comma 1 KP_Add 0 comma 2 Return" auto 35-calculator-ru testing:45 1 20
KEYS="F7 F e" auto 36-periodic-ru testing:5 1 20
CLICK="$(en)" KEYS="F7 A u" auto 37-periodic-en testing:5 6 20
KEYS="F8 Down Down Right Right Right Right Right Right Right Right Right Right Right Right Right Right Right Right Right" \
  auto 38-solubility-kk testing:5 6 20
CLICK="$(en)" KEYS="F8 Down Down Down Down Down Down Down Right Right Right Right Right" \
  auto 39-solubility-en testing:5 6 20
KEYS="shift+b shift+c $zoom200" auto 40-eliminator-zoom-200-kk testing:5 6 20
KEYS="$zoom200" auto 41-context-zoom-200-ru testing:31 1 20
KEYS="$zoom200" auto 42-matching-zoom-200-kk testing:71 6 20
KEYS="l" auto 43-line-reader-ru testing:31 1 20
CLICK="$(en)" KEYS="t" auto 44-timer-hidden-en testing:5 6 20
CLICK="$(en)" auto 45-testing-en testing:5 6 20

# 46-49: the teacher test (seed 8: the demo's teacher candidate, who appeals): its briefing, a
# methodology task, the card with the category thresholds, and the appeal filed in the hall.
auto 46-teacher-briefing briefing 8 1
auto 47-teacher-testing testing:35 8 20
auto 48-teacher-card review 8 600
auto 49-teacher-appeal-card appeal-card 8 600
}

# 21: a session killed in the middle of testing and started again: the lock screen says what
# it recovered.
recovered_shot() {
if ! skip 21-locked-recovered; then
  x_start
  DISPLAY=:$d ICED_BACKEND=tiny-skia "$bin" --data-dir "$work/$size/recovered" --autopilot 6 \
    --time-scale 20 --autopilot-stop testing:25 > "$work/recovered.log" & app=$!
  until_stop "$work/recovered.log"
  kill -9 $app; wait $app 2>/dev/null || true
  DISPLAY=:$d ICED_BACKEND=tiny-skia "$bin" --data-dir "$work/$size/recovered" & app=$!
  sleep 3
  capture 21-locked-recovered
  x_stop $app
fi
}

for size in $sizes; do
  width=${size%x*}
  out=$base
  [ "$sizes" = "$size" ] || out=$base/$size
  mkdir -p "$out"
  all_shots
  recovered_shot
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "shots the autopilot never reached (their logs are beside them): ${failed[*]}" >&2
  exit 1
fi
