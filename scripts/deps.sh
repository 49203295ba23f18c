#!/bin/bash
# Install whatever the lab needs and this machine lacks (Debian 12, root).
set -euo pipefail
. "$(dirname "$0")/lab.sh"

need=()
want() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed' || need+=("$1"); }

# What every target needs, then what the target named by $1 needs too.
# The kselftest's helper (percpu_kcore_read) is a static arm64 program:
# the cross compiler needs the arm64 libc (libc6-dev-arm64-cross).  The
# uefi-acpi mode boots through Debian's UEFI firmware.
pkgs=(make gcc gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-system-arm
      ccache bc bison flex libelf-dev libssl-dev cpio kmod rsync xz-utils git
      perl python3 python3-ply python3-git
      busybox-static:arm64
      qemu-efi-aarch64)
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

updated=0
apt_setup() {
	[ $updated = 1 ] && return
	[ "$(id -u)" = 0 ] || die "need root to install packages (${need[*]:-$BASE_PKG}): run as root, or install them first"
	dpkg --print-foreign-architectures | grep -qx arm64 || dpkg --add-architecture arm64
	apt-get update -q
	updated=1
}
export DEBIAN_FRONTEND=noninteractive

# The base: the pin if the archive still has it, otherwise the newest 6.12
# it has (README, "Moving the base").
if [ "$BASE_VERSION" != "$BASE_PIN" ]; then
	apt_setup
	versions=$(apt-cache madison "$BASE_PKG" | cut -d'|' -f2 | trim | sort -Vru)
	if printf '%s\n' "$versions" | grep -qxF "$BASE_PIN"; then
		want_base=$BASE_PIN
	else
		want_base=$(printf '%s\n' "$versions" | head -n 1)
		[ -n "$want_base" ] || die "the archive has no $BASE_PKG at all (apt-cache madison $BASE_PKG)"
		echo "warning: the archive no longer has $BASE_PKG $BASE_PIN, the pinned base;"
		echo "  using the newest it has, $want_base (README, \"Moving the base\")"
	fi
	[ "$BASE_VERSION" = "$want_base" ] || need+=("$BASE_PKG=$want_base")
fi

if [ ${#need[@]} -gt 0 ]; then
	step "installing: ${need[*]}"
	apt_setup
	apt-get install -y -q --no-install-recommends --allow-downgrades "${need[@]}"
fi
