#!/usr/bin/env bash
# Proves the Debian package on this machine (run as root, in CI or a throwaway VM): builds it,
# lists and lints it, installs it with apt, runs the installed station (--version, the readiness
# check under Xvfb, the man page), enables and disables the kiosk, then purges it twice: once
# with a journal the center never received (the purge must keep it and say where) and once
# clean (nothing of the package may remain).
# Takes about 3 minutes after the packaging build; CI runs it from .ci/run.
#   bash packaging/test-deb.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" -eq 0 ] || { echo "test-deb.sh installs a package: run it as root" >&2; exit 2; }
export DEBIAN_FRONTEND=noninteractive
need=()
command -v lintian >/dev/null || need+=(lintian)
command -v Xvfb >/dev/null || need+=(xvfb)
command -v man >/dev/null || need+=(man-db)
command -v cage >/dev/null || need+=(cage)          # the kiosk's compositor (Recommends)
command -v Xwayland >/dev/null || need+=(xwayland)  # Debian's cage will not start without it
command -v grim >/dev/null || need+=(grim)          # a screenshot of the kiosk session
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -q >/dev/null
  apt-get install -y -q "${need[@]}" >/dev/null
fi

deb=$(bash packaging/build-deb.sh target/debian | tail -1)
echo "== $deb"
dpkg-deb --info "$deb" | sed -n '/Package:/,$p'
dpkg-deb -c "$deb"
# lintian: every tag left is explained in packaging/deb/lintian-explained.txt.
lintian --no-tag-display-limit "$deb" > target/debian/lintian.txt || true
unexplained=$(grep -E '^[EW]: ' target/debian/lintian.txt | awk '{print $3}' | sort -u \
  | grep -v -x -F -f <(grep -v '^#' packaging/deb/lintian-explained.txt | awk '{print $1}') || true)
cat target/debian/lintian.txt
if [ -n "$unexplained" ]; then echo "lintian tags not explained: $unexplained" >&2; exit 1; fi

fail() { echo "test-deb.sh: $*" >&2; exit 1; }

apt-get install -y -q "./$deb" >/dev/null
ustudy-station --version
ustudy-center --version
man -w ustudy-station-kiosk >/dev/null || fail "no man page"
[ -f /etc/ustudy/station.toml ] || fail "no default configuration"
[ "$(stat -c %G /var/lib/ustudy)" = ustudy ] || fail "/var/lib/ustudy is not the ustudy group's"
getent passwd ustudy-center >/dev/null || fail "no ustudy-center user"

# The readiness check of the installed (not yet enrolled: demo) station on a virtual display.
Xvfb :97 -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1
DISPLAY=:97 ustudy-station check --data-dir /var/lib/ustudy/check

# The kiosk: not without root (and nothing changed), then enable, see what it changed,
# disable, see it all undone.
set +e
refused=$(runuser -u nobody -- ustudy-station kiosk enable 2>&1)
rc=$?
set -e
[ $rc -eq 2 ] && grep -q "run it as root" <<<"$refused" || fail "kiosk enable without root: $rc $refused"
getent passwd ustudy-kiosk >/dev/null && fail "kiosk enable without root made the user"
ustudy-station kiosk enable
getent passwd ustudy-kiosk >/dev/null || fail "no kiosk user"
[ "$(stat -c %U /var/lib/ustudy)" = ustudy-kiosk ] || fail "the data directory is not the kiosk user's"
[ -L /etc/systemd/system/graphical.target.wants/ustudy-kiosk.service ] || fail "kiosk unit not enabled"
[ "$(readlink /etc/systemd/system/ctrl-alt-del.target)" = /dev/null ] || fail "Ctrl+Alt+Del not masked"
grep -q 'kernel.sysrq = 0' /etc/sysctl.d/90-ustudy-kiosk.conf || fail "SysRq not off"
# The kiosk session's compositor, headless, as the kiosk user, as its unit starts it: the
# station's lock screen must come up (target/debian/kiosk.png: look at it).
rt=$(mktemp -d); chown ustudy-kiosk "$rt"; chmod 700 "$rt"
runuser -u ustudy-kiosk -- env XDG_RUNTIME_DIR="$rt" WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 \
  WLR_RENDERER=pixman XKB_DEFAULT_OPTIONS=srvrkeys:none ICED_BACKEND=tiny-skia \
  HOME=/var/lib/ustudy/kiosk cage -d -- /usr/bin/ustudy-station > target/debian/cage.log 2>&1 &
kiosk_log=/var/lib/ustudy/kiosk/.local/share/ustudy-station/logs
for _ in $(seq 100); do grep -qs "monitors count" "$kiosk_log"/* && break; sleep 0.2; done
sleep 2
runuser -u ustudy-kiosk -- env XDG_RUNTIME_DIR="$rt" WAYLAND_DISPLAY=wayland-0 grim "$rt/kiosk.png"
cp "$rt/kiosk.png" target/debian/kiosk.png
pkill -u ustudy-kiosk || true
sleep 1
grep -qs "station starting" "$kiosk_log"/* || fail "the station never started in the kiosk session"
[ "$(stat -c %s target/debian/kiosk.png)" -gt 20000 ] || fail "the kiosk screenshot is empty"
ustudy-station kiosk disable
! getent passwd ustudy-kiosk >/dev/null || fail "kiosk user left"
[ "$(stat -c %U:%G /var/lib/ustudy)" = root:ustudy ] || fail "the data directory was not given back"
[ ! -e /etc/systemd/system/graphical.target.wants/ustudy-kiosk.service ] || fail "kiosk unit left enabled"
[ ! -e /etc/systemd/system/ctrl-alt-del.target ] || fail "Ctrl+Alt+Del left masked"
[ ! -e /etc/sysctl.d/90-ustudy-kiosk.conf ] || fail "sysctl drop-in left"

# A journal the center never received: a demo session taken to its third task, then stopped.
DISPLAY=:97 ICED_BACKEND=tiny-skia timeout 120 ustudy-station --data-dir /var/lib/ustudy/hall \
  --autopilot 1 --time-scale 20 --autopilot-stop testing:3 > target/debian/station.log 2>&1 &
station=$!
for _ in $(seq 600); do grep -q "autopilot: stopped" target/debian/station.log && break; sleep 0.2; done
kill $station; wait $station 2>/dev/null || true
ustudy-station journal pending --data-dir /var/lib/ustudy/hall && fail "records should be pending"
apt-get purge -y -q ustudy-station > target/debian/purge.log 2>&1
cat target/debian/purge.log
[ -f /var/lib/ustudy/hall/journal.sqlite ] || fail "the purge deleted a journal the center never received"
grep -q "kept /var/lib/ustudy" target/debian/purge.log || fail "the purge did not say it kept the journal"

# Clean: install again and purge with nothing pending; nothing of the package may remain.
rm -rf /var/lib/ustudy
apt-get install -y -q "./$deb" >/dev/null
apt-get purge -y -q ustudy-station >/dev/null
for left in /usr/bin/ustudy-station /usr/bin/ustudy-center /etc/ustudy/station.toml /var/lib/ustudy \
  /lib/systemd/system/ustudy-kiosk.service /usr/share/doc/ustudy-station; do
  [ ! -e "$left" ] || fail "$left left after purge"
done
! getent passwd ustudy-center >/dev/null || fail "ustudy-center user left"
! getent group ustudy >/dev/null || fail "ustudy group left"
echo "test-deb.sh: the package builds, installs, runs, makes and undoes the kiosk, and purges safely"
