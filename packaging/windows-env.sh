# Sourced by the Windows scripts (build-msi.sh, test-msi.sh): installs Debian's Windows toolchain
# when missing and sets the environment of the Windows build only.
#
# rustup cannot fetch other targets here, so the Windows build uses Debian's own Rust (rustc-web)
# with the standard library built from source (rust-web-src, -Zbuild-std) and the mingw linker, in
# its own target directory so that the two compilers never invalidate each other's artifacts.

WIN_TARGET=x86_64-pc-windows-gnu
WIN_TARGET_DIR=${WIN_TARGET_DIR:-$PWD/target/windows}

# apt packages the Windows half needs, by the command that shows each is there.
win_need() {
  local missing=()
  [ -x /usr/bin/rustc ] && [ -d /usr/lib/rustlib/src/rust/library ] || missing+=(rustc-web cargo-web rust-web-src)
  command -v x86_64-w64-mingw32-gcc >/dev/null || missing+=(gcc-mingw-w64-x86-64)
  command -v wixl >/dev/null || missing+=(wixl)
  command -v msiinfo >/dev/null || missing+=(msitools)
  for tool in "$@"; do
    case $tool in
      wine) command -v wine >/dev/null || missing+=(wine wine64) ;;
      xvfb) command -v Xvfb >/dev/null || missing+=(xvfb) ;;
      xdotool) command -v xdotool >/dev/null || missing+=(xdotool) ;;
      convert) command -v convert >/dev/null || missing+=(imagemagick) ;;
    esac
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "The Windows build needs these Debian packages: ${missing[*]}" >&2
    echo "Install them as root:  apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing ${missing[*]} (about 2 GB with the Rust toolchain) ..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q "${missing[@]}" >/dev/null
}

# Runs cargo with Debian's Rust for the Windows target: win_cargo build --release ...
win_cargo() {
  (
    unset RUSTUP_TOOLCHAIN CARGO_HOME_BIN
    export PATH=/usr/bin:/bin:/usr/sbin:/sbin
    export RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc CARGO=/usr/bin/cargo RUSTC_BOOTSTRAP=1
    export CARGO_TARGET_DIR=$WIN_TARGET_DIR
    export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
    export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_AR=x86_64-w64-mingw32-ar
    export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=${WIN_RUNNER:-wine}
    /usr/bin/cargo "$1" --target "$WIN_TARGET" -Zbuild-std=std,panic_abort "${@:2}"
  )
}
