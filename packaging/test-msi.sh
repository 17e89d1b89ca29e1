#!/usr/bin/env bash
# The Windows half, proven under Wine in a throwaway prefix:
#   bash packaging/test-msi.sh            (root installs what it needs; ~15 min from clean)
# 1. the platform-independent tests (exam core, package, journal, crypto: the library's unit
#    tests and the exam_/package_/journal_ suites that need no Unix tools) built for
#    x86_64-pc-windows-gnu and run under Wine;
# 2. the MSI built twice (the Cargo version and one patch level higher) and checked with msiinfo;
# 3. installed with `msiexec /i /qn`, the installed `ustudy-station.exe --version` and `check`
#    run, the installed station started under Xvfb and its lock screen captured to
#    target/msi/lock-screen.png (look at it);
# 4. upgraded to the higher version (one product left, the data kept), then uninstalled (the
#    program gone, the journal kept).
# TESTS=0 skips step 1. Each check prints "ok: ..." or stops the script with "FAIL: ...".
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
mkdir -p target/msi
source packaging/windows-env.sh
win_need wine xvfb xdotool convert
command -v xwd >/dev/null || { [ "$(id -u)" -eq 0 ] && apt-get install -y -q x11-apps >/dev/null; }

fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }
started=$SECONDS

# A throwaway 64-bit prefix with the ProcessPrng shim (see packaging/wine/processprng.c).
export WINEPREFIX=${WINEPREFIX_TEST:-$(mktemp -d /tmp/ustudy-wine.XXXXXX)}
export WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=;icacls.exe=n"
wineboot -i >/dev/null 2>&1
x86_64-w64-mingw32-gcc -O2 -shared -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
  packaging/wine/processprng.c packaging/wine/processprng.def -ladvapi32
c=$WINEPREFIX/drive_c
x86_64-w64-mingw32-gcc -O2 -o "$c/windows/system32/icacls.exe" packaging/wine/icacls-recorder.c
ok "Wine prefix $WINEPREFIX"

# One display for everything that opens a window (check lists the monitors; the station).
display=:93
Xvfb $display -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true; wineserver -k 2>/dev/null || true' EXIT
export DISPLAY=$display

if [ "${TESTS:-1}" != 0 ]; then
  suites=()
  for t in tests/exam_*.rs tests/package_*.rs tests/journal_*.rs; do
    name=$(basename "$t" .rs)
    case $name in
      # These drive the Linux station or test binary under strace, SIGKILL and eatmydata.
      journal_kill | journal_power | journal_faults | journal_atomic) ;;
      *) suites+=(--test "$name") ;;
    esac
  done
  WIN_RUNNER=wine win_cargo test --release --no-fail-fast --lib "${suites[@]}" 2>&1 | tee target/msi-tests.log |
    grep -E "^test result|FAILED|panicked" || true
  grep -q "^test result: FAILED\|error: test failed\|could not compile\|error: [0-9]* targets failed" target/msi-tests.log &&
    fail "tests under Wine (target/msi-tests.log)"
  passed=$(grep -o "^test result: ok. [0-9]*" target/msi-tests.log | awk '{s+=$4} END {print s}')
  [ "${passed:-0}" -gt 0 ] || fail "no test ran under Wine"
  ok "$passed tests passed under Wine ($(grep -c '^test result: ok' target/msi-tests.log) suites)"
fi

version=$(sed -n 's/^version = "\([0-9.]*\)"$/\1/p' Cargo.toml | head -1)
next=$(echo "$version" | awk -F. '{print $1"."$2"."$3+1}')
msi1=$root/target/msi/ustudy-station-$version.msi
msi2=$root/target/msi/ustudy-station-$next.msi
bash packaging/build-msi.sh "$msi1" >/dev/null
MSI_VERSION=$next bash packaging/build-msi.sh "$msi2" >/dev/null
ok "built $(basename "$msi1") ($(du -k "$msi1" | cut -f1) KiB) and $(basename "$msi2")"

# What the package holds, as Windows Installer will read it (each table read whole first: grep -q
# would close the pipe early, and pipefail would count msiinfo's broken pipe).
table() { msiinfo export "$msi1" "$1" | tr -d '\r'; }
suminfo=$(msiinfo suminfo "$msi1")
# Source 2: compressed, needs elevation (per-machine); an x64 package.
grep -q "^Source: 2 " <<<"$suminfo" || fail "not a compressed per-machine package"
grep -q "^Template: x64;" <<<"$suminfo" || fail "not an x64 package"
properties=$(table Property)
grep -qP "^ALLUSERS\t1$" <<<"$properties" || fail "not per-machine (ALLUSERS)"
grep -qP "^ProductName\tU-STUDY Station$" <<<"$properties" || fail "the product name is empty"
files=$(table File)
for f in ustudy-station.exe ustudy-center.exe README.md copyright.txt OFL.txt reference-data.md station.toml.example; do
  grep -q "$f" <<<"$files" || fail "the MSI lacks $f"
done
grep -q "U-STUDY Station" <<<"$(table Shortcut)" || fail "no Start-menu shortcut"
grep -q "3C0D9C23-56CF-4EDC-83B1-68DFB8B657AC" <<<"$(table Upgrade)" || fail "no UpgradeCode"
grep -qF "S-1-5-32-544:(OI)(CI)F" <<<"$(table CustomAction)" || fail "no ACL action"
ok "msiinfo: files, shortcut, UpgradeCode, ASCII product name, ACL actions"

# Install, as a hall's IT staff would, naming the station's account.
rm -f "$c/icacls-calls.txt" # the tests' own data folders were made owner-only too
account="$(wine cmd /c 'echo %USERDOMAIN%\%USERNAME%' 2>/dev/null | tr -d '\r')"
wine msiexec /i "$msi1" /qn STATIONACCOUNT="$account" /l*v "$root/target/msi/install.log" ||
  fail "msiexec /i (target/msi/install.log)"
prog="$c/Program Files/U-STUDY Station"
[ -f "$prog/ustudy-station.exe" ] && [ -f "$prog/ustudy-center.exe" ] || fail "the programs are not in Program Files"
[ -f "$prog/doc/copyright.txt" ] && [ -f "$prog/doc/OFL.txt" ] || fail "no licenses"
[ -d "$c/ProgramData/U-STUDY/data" ] || fail "no data folder in ProgramData"
[ ! -e "$c/ProgramData/U-STUDY/station.toml" ] || fail "the installer wrote a configuration"
# The ACL of ProgramData\U-STUDY as the custom actions asked icacls for it (packaging/wine/
# icacls-recorder.c): nothing inherited, SYSTEM and Administrators, the account read-only on the
# folder and allowed to change the data folder.
calls=$(tr -d '\r' <"$c/icacls-calls.txt")
grep -qF '"C:\ProgramData\U-STUDY\." /inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F /q' <<<"$calls" ||
  fail "the folder was not locked: $calls"
grep -qF "\"C:\\ProgramData\\U-STUDY\\.\" /grant:r \"$account:(OI)(CI)RX\" /q" <<<"$calls" ||
  fail "the account cannot read the folder: $calls"
grep -qF "\"C:\\ProgramData\\U-STUDY\\data\\.\" /grant:r \"$account:(OI)(CI)M\" /q" <<<"$calls" ||
  fail "the account cannot change the data folder: $calls"
[ "$(grep -c . <<<"$calls")" -eq 3 ] || fail "unexpected icacls calls: $calls"
: >"$c/icacls-calls.txt"
ok "installed $version into Program Files, data folder in ProgramData, locked to SYSTEM, Administrators and $account"

exe='C:\Program Files\U-STUDY Station\ustudy-station.exe'
shown=$(wine "$exe" --version 2>/dev/null | tr -d '\r')
[ "$shown" = "ustudy-station $version" ] || fail "--version said '$shown'"
center=$(wine 'C:\Program Files\U-STUDY Station\ustudy-center.exe' --version 2>/dev/null | tr -d '\r')
[ "$center" = "ustudy-center $version" ] || fail "ustudy-center --version said '$center'"
ok "installed --version: $shown, $center"

set +e
wine "$exe" check --lang en >"$root/target/msi/check.txt" 2>&1
rc=$?
set -e
tr -d '\r' <"$root/target/msi/check.txt" | sed 's/^/  check | /'
[ $rc -eq 0 ] || fail "check exited $rc"
grep -q "^ok    journal" <(tr -d '\r' <"$root/target/msi/check.txt") || fail "check printed no report"
# The data folder check made (the account's own, %LOCALAPPDATA%\U-STUDY\station) was made
# owner-only by the station itself: inheritance copied then cut, broad groups out, the account in.
calls=$(tr -d '\r' <"$c/icacls-calls.txt")
local_dir="C:\\users\\$(whoami)\\AppData\\Local\\U-STUDY\\station"
for step in "/inheritance:d /q" "/remove:g *S-1-5-32-545 *S-1-5-11 *S-1-1-0 /q" "/grant:r $account:(OI)(CI)F /q"; do
  grep -qF "$local_dir $step" <<<"$calls" || fail "the station did not run icacls $step: $calls"
done
ok "installed check ran (exit 0) and made its new data folder owner-only"

# The installed station, started as from the Start menu (no configuration: the demo), with
# the data folder the installer made.
data='C:\ProgramData\U-STUDY\data'
wine "$exe" --data-dir "$data" >/dev/null 2>&1 &
station=$!
for _ in $(seq 1 60); do
  sleep 1
  xdotool search --name "U-STUDY" >/dev/null 2>&1 && break
done
xdotool search --name "U-STUDY" >/dev/null 2>&1 || fail "no station window within 60 s"
sleep 5
xwd -root -silent >"$root/target/msi/lock-screen.xwd"
convert "xwd:$root/target/msi/lock-screen.xwd" "$root/target/msi/lock-screen.png"
rm "$root/target/msi/lock-screen.xwd"
spread=$(convert "$root/target/msi/lock-screen.png" -format '%[fx:standard_deviation]' info:)
awk -v s="$spread" 'BEGIN {exit !(s > 0.02)}' || fail "the screenshot is blank (spread $spread)"
[ -f "$c/ProgramData/U-STUDY/data/journal.sqlite" ] && [ -f "$c/ProgramData/U-STUDY/data/station.key" ] ||
  fail "the station wrote no journal into the data folder"
kill $station 2>/dev/null || true
wineserver -k 2>/dev/null || true
sleep 1
ok "the installed station's window came up: target/msi/lock-screen.png; journal and key in ProgramData"

# Installed products, by the uninstall keys Windows Installer writes.
products() {
  wine reg query 'HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall' /s 2>/dev/null | tr -d '\r' |
    awk '/^HKEY/ {key=$0} /DisplayName.*U-STUDY Station/ {print key}'
}
version_of() {
  wine reg query "$1" /v DisplayVersion 2>/dev/null | tr -d '\r' | awk '/DisplayVersion/ {print $3}'
}
[ "$(products | wc -l)" -eq 1 ] || fail "expected one installed product, found: $(products)"
first=$(products)
[ "$(version_of "$first")" = "$version" ] || fail "installed version $(version_of "$first")"

wine msiexec /i "$msi2" /qn /l*v "$root/target/msi/upgrade.log" || fail "upgrade (target/msi/upgrade.log)"
[ "$(products | wc -l)" -eq 1 ] || fail "after the upgrade: $(products)"
[ "$(products)" != "$first" ] || fail "the upgrade kept the old product"
[ "$(version_of "$(products)")" = "$next" ] || fail "after the upgrade: version $(version_of "$(products)")"
[ -f "$prog/ustudy-station.exe" ] || fail "the upgrade removed the program"
[ -f "$c/ProgramData/U-STUDY/data/journal.sqlite" ] || fail "the upgrade lost the journal"
ok "upgraded $version -> $next: one product, the program and the journal in place"

wine msiexec /x "$msi2" /qn /l*v "$root/target/msi/uninstall.log" || fail "msiexec /x"
[ -z "$(products)" ] || fail "still installed: $(products)"
[ ! -e "$prog/ustudy-station.exe" ] || fail "the program is still in Program Files"
[ -f "$c/ProgramData/U-STUDY/data/journal.sqlite" ] || fail "the uninstall removed the journal"
ok "uninstalled: the program gone, the journal kept in ProgramData\\U-STUDY\\data"

echo "test-msi.sh: all passed in $((SECONDS - started)) s"
