#!/usr/bin/env bash
# A hall PC that boots straight into the station, proven on a real (virtual) console:
#   bash packaging/test-kiosk-boot.sh        (as root; about 2.5 minutes, half of it debootstrap)
# Makes a Debian 12 system with debootstrap (kernel, systemd, cage), installs the station's
# .deb into it with apt-get and runs `ustudy-station kiosk enable`, packs it into a disk image
# and boots it in QEMU (emulated) with a virtio GPU (a plain VGA card has no PRIME, which wlroots needs) and no
# network. Then, through QEMU's monitor:
#   1. waits for the station's lock screen on the console: target/kiosk-boot/boot.png;
#   2. presses Ctrl+Alt+F2 (console switch): the station must still be on screen;
#   3. presses Ctrl+Alt+Del (masked): the station must still be on screen, no reboot;
# each screenshot must match the first (but for the text cursor's blink); a digit typed into the
# PIN field first shows that keys do reach the station.
# Uses target/debian/*.deb when there (else builds it). Prints "ok: ..." or stops with "FAIL: ...".
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }
[ "$(id -u)" -eq 0 ] || fail "run as root (debootstrap, chroot and the disk image need it)"

need=()
command -v debootstrap >/dev/null || need+=(debootstrap)
command -v convert >/dev/null || need+=(imagemagick)
command -v mkfs.ext4 >/dev/null || need+=(e2fsprogs)
if ! command -v qemu-system-x86_64 >/dev/null; then
  # The machine's qemu-utils may come from bookworm-backports; qemu-system must match it.
  if dpkg-query -W -f '${Version}' qemu-utils 2>/dev/null | grep -q bpo12; then
    echo "deb http://deb.debian.org/debian bookworm-backports main" \
      >/etc/apt/sources.list.d/ustudy-backports.list
    backports=(-t bookworm-backports)
  fi
  need+=(qemu-system-x86)
fi
if [ ${#need[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q "${backports[@]}" "${need[@]}" >/dev/null
fi

out=target/kiosk-boot
work=${KIOSK_WORK:-$out/work}   # KIOSK_WORK: keep the system between runs elsewhere
mkdir -p "$out"
started=$SECONDS
deb=$(ls target/debian/ustudy-station_*_amd64.deb 2>/dev/null | tail -1 || true)
[ -n "$deb" ] || deb=$(bash packaging/build-deb.sh | tail -1)

# The system: what a hall PC's minimal Debian 12 has, plus the kernel and cage.
root=$work/root
if [ ! -x "$root/usr/bin/cage" ]; then
  rm -rf "$work"
  mkdir -p "$work"
  debootstrap --variant=minbase \
    --include=systemd-sysv,udev,dbus,linux-image-amd64,kmod,login,passwd,procps,cage,xwayland,libgl1-mesa-dri \
    bookworm "$root" http://deb.debian.org/debian >"$out/debootstrap.log" 2>&1 ||
    fail "debootstrap ($out/debootstrap.log)"
fi
ok "Debian 12 in $root ($((SECONDS - started)) s)"

# The station's package and the kiosk, as a hall's IT staff would install them.
mounts=(proc sys dev)
for m in "${mounts[@]}"; do mount --bind "/$m" "$root/$m"; done
cleanup() { for m in "${mounts[@]}"; do umount -l "$root/$m" 2>/dev/null || true; done; }
trap cleanup EXIT
cp "$deb" "$root/tmp/station.deb"
cp /etc/resolv.conf "$root/etc/resolv.conf"
chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --reinstall /tmp/station.deb \
  >"$out/install.log" 2>&1 || fail "apt-get install in the system ($out/install.log)"
chroot "$root" ustudy-station kiosk enable >"$out/kiosk-enable.log" 2>&1 ||
  fail "kiosk enable ($out/kiosk-enable.log)"
[ "$(chroot "$root" systemctl get-default)" = graphical.target ] || fail "not booting to graphical.target"
cleanup
trap - EXIT
echo "hall-pc" >"$root/etc/hostname"
echo "/dev/vda / ext4 defaults 0 1" >"$root/etc/fstab"
mkdir -p "$root/var/log/journal"   # kept on the disk, read back below when something fails
ok "installed $(basename "$deb") and enabled the kiosk"

# The disk: an ext4 image made from the folder; the kernel and initrd boot it directly.
rm -f "$work/disk.img"
mkfs.ext4 -q -L root -d "$root" "$work/disk.img" 4G ||
  fail "mkfs.ext4 -d: the image needs about $(du -sh "$root" | cut -f1) of the host's disk; $(df -h --output=avail "$work" | tail -1 | tr -d ' ') free there"
# Emulated (TCG): the KVM this workplace offers aborts QEMU on the guest's MSRs, and emulation
# is fast enough for one boot.
accel=(-accel tcg,thread=multi -cpu max)
mon=$work/monitor.sock
rm -f "$mon"
qemu-system-x86_64 "${accel[@]}" -m 2048 -smp 2 -nic none \
  -kernel "$root/vmlinuz" -initrd "$root/initrd.img" \
  -append "root=/dev/vda rw console=ttyS0 systemd.show_status=1" \
  -drive "file=$work/disk.img,format=raw,if=virtio" -vga none -device virtio-vga -display none \
  -serial "file:$out/serial.log" -monitor "unix:$mon,server,nowait" &
qemu=$!
trap 'kill $qemu 2>/dev/null || true' EXIT

# On failure: stop the machine and print what the kiosk unit logged, from the disk's journal.
fail() {
  echo "FAIL: $*" >&2
  kill $qemu 2>/dev/null || true
  sleep 2
  local m=$work/mnt
  mkdir -p "$m"
  if mount -o loop,ro "$work/disk.img" "$m" 2>/dev/null; then
    journalctl -D "$m/var/log/journal" --no-pager -o short-monotonic \
      -u ustudy-kiosk.service -u seatd.service -u systemd-logind.service 2>/dev/null |
      tail -40 | tee "$out/kiosk-journal.txt" >&2
    umount "$m"
  fi
  exit 1
}

monitor() { python3 - "$mon" "$1" <<'PY'
import socket, sys, time
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.sendall((sys.argv[2] + "\n").encode())
time.sleep(1)
s.close()
PY
}
shot() {
  rm -f "$work/shot.ppm"
  monitor "screendump $work/shot.ppm"
  sleep 1
  convert "$work/shot.ppm" "$1"
}
# The picture's spread of grey levels: a console of text or a blank screen is near 0 or
# mostly black; the lock screen is light with dark text.
mean() { convert "$1" -colorspace gray -format '%[fx:mean]' info:; }

booted=""
for _ in $(seq 1 90); do
  sleep 4
  kill -0 $qemu 2>/dev/null || fail "QEMU stopped (console: $out/serial.log)"
  [ -S "$mon" ] || continue
  shot "$out/boot.png" 2>/dev/null || continue
  if awk -v m="$(mean "$out/boot.png")" 'BEGIN {exit !(m > 0.6)}'; then
    booted=yes
    break
  fi
done
[ -n "$booted" ] || fail "no lock screen within 6 minutes (last screen: $out/boot.png, console: $out/serial.log)"
sleep 8
shot "$out/boot.png"
grep -q "ustudy-kiosk" "$out/serial.log" || fail "the console does not show the kiosk unit starting"
ok "booted into the station in $((SECONDS - started)) s: $out/boot.png"

same() {
  # Pixels that differ by more than 10 %: the text cursor's blink is a few dozen; a typed PIN
  # digit (its dot, the Unlock button's colour) thousands; another screen most of them.
  local d
  d=$(compare -metric AE -fuzz 10% "$1" "$2" null: 2>&1 || true)
  awk -v d="$d" 'BEGIN {exit !(d < 500)}'
}
# Keys reach the station (else the two checks below would prove nothing): a digit typed
# into the PIN field changes the screen, and Backspace takes it back.
monitor "sendkey 5"
sleep 3
shot "$out/typed.png"
same "$out/boot.png" "$out/typed.png" && fail "a key typed on the console did not reach the station"
monitor "sendkey backspace"
sleep 3
ok "keys reach the station: $out/typed.png"

monitor "sendkey ctrl-alt-f2"
sleep 4
shot "$out/after-vt-switch.png"
same "$out/boot.png" "$out/after-vt-switch.png" || fail "Ctrl+Alt+F2 left the station ($out/after-vt-switch.png)"
ok "Ctrl+Alt+F2 does not switch the console away: $out/after-vt-switch.png"

monitor "sendkey ctrl-alt-delete"
sleep 8
shot "$out/after-ctrl-alt-del.png"
same "$out/boot.png" "$out/after-ctrl-alt-del.png" || fail "Ctrl+Alt+Del left the station ($out/after-ctrl-alt-del.png)"
grep -qi "reboot" <(tail -20 "$out/serial.log") && fail "Ctrl+Alt+Del started a reboot"
ok "Ctrl+Alt+Del does nothing: $out/after-ctrl-alt-del.png"

monitor "quit"
wait $qemu 2>/dev/null || true
rm -f "$work/disk.img"   # 1.3 GB; kept only when a check failed, to read its journal
echo "test-kiosk-boot.sh: all passed in $((SECONDS - started)) s"
