#!/bin/bash
# Install whatever the lab needs and this machine lacks (Debian 12, root).
set -euo pipefail
. "$(dirname "$0")/lab.sh"

need=()
want() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed' || need+=("$1"); }

# What every target needs, then what the target named by $1 needs too.
# The kselftest's helper (percpu_kcore_read) is a static arm64 program:
# the cross compiler needs the arm64 libc (libc6-dev-arm64-cross).
pkgs=(make gcc gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-system-arm
      ccache bc bison flex libelf-dev libssl-dev cpio kmod rsync xz-utils git
      perl python3 python3-ply python3-git
      busybox-static:arm64)
case ${1:-} in
# make matrix also builds with clang and the LLVM tools.
matrix) pkgs+=(clang lld llvm) ;;
# make bench plots with gnuplot (its static guest programs need the arm64
# libc of the list above).
bench) pkgs+=(gnuplot-nox) ;;
# make bisect-check runs sparse (make C=2) on the files the series touches.
bisect) pkgs+=(sparse) ;;
# make deb: bindeb-pkg runs dpkg-buildpackage (dpkg-dev) on a debian/
# whose rules call dh_* (debhelper); Rules-Requires-Root: no, so no
# fakeroot.  The headers package rebuilds scripts/ for arm64 with the
# cross compiler, which needs the arm64 libc headers (gcc only recommends
# them), and debian/control asks for libssl-dev of the package's
# architecture for it (dpkg-checkbuilddeps stops without).  Its other
# build dependencies are in the list above.
deb) pkgs+=(dpkg-dev debhelper libssl-dev:arm64) ;;
# make sendemail-dry runs git send-email.
sendemail) pkgs+=(git-email libmailtools-perl) ;;
esac
for p in "${pkgs[@]}"; do
	want "$p"
done
installed=$(dpkg-query -W -f='${Version}' "$BASE_PKG" 2>/dev/null || true)
[ "$installed" = "$BASE_PKG_VERSION" ] || need+=("$BASE_PKG=$BASE_PKG_VERSION")

if [ ${#need[@]} -gt 0 ]; then
	step "installing: ${need[*]}"
	[ "$(id -u)" = 0 ] || die "need root to install packages"
	dpkg --print-foreign-architectures | grep -qx arm64 || dpkg --add-architecture arm64
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q
	apt-get install -y -q --no-install-recommends --allow-downgrades "${need[@]}"
fi
