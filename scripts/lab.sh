# shellcheck shell=bash
# shellcheck disable=SC2034 # sourced: the other scripts use these
# Facts about the lab, in one place. Sourced by every other script.

# The base kernel: Debian's 6.12 LTS source package, pinned so that the
# series always applies to the same tree.
BASE_PKG=linux-source-6.12
BASE_PKG_VERSION=6.12.117-1~deb12u1
BASE_TARBALL=/usr/src/linux-source-6.12.tar.xz

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$TOP/build
KSRC=$BUILD/linux		# git tree: base tag + the series
KOUT=$KSRC/out			# O= directory of the patched kernel
ROOTFS=$BUILD/rootfs		# initramfs staging tree
INITRD=$BUILD/initramfs.cpio.gz
LOGS=$BUILD/logs

# Shared by every clone on this machine: the extracted base and ccache.
LAB_CACHE=${LAB_CACHE:-/var/cache/percpu-lab}
BASE_REPO=$LAB_CACHE/base-$BASE_PKG_VERSION.git
export CCACHE_DIR=${CCACHE_DIR:-$LAB_CACHE/ccache}
export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-8G}
export CCACHE_NOHASHDIR=1

export ARCH=arm64
export CROSS_COMPILE=aarch64-linux-gnu-
# Fixed build identity, so that rebuilds are reproducible and hit ccache.
export KBUILD_BUILD_USER=lab KBUILD_BUILD_HOST=percpu-lab
export KBUILD_BUILD_TIMESTAMP='Thu Jan  1 00:00:00 UTC 2026'

JOBS=${JOBS:-$(nproc)}
KMAKE=(make -C "$KSRC" O=out -j"$JOBS" CC="ccache ${CROSS_COMPILE}gcc")

step() { printf '\n==> %s\n' "$*"; }

# kconfig SRC LOG FRAGMENT...: configure SRC/out as allnoconfig plus the
# fragments, then check that every option the fragments set made it into
# .config: otherwise the lab would test something other than it says.
kconfig() {
	local src=$1 log=$2 line opt bad=0
	shift 2
	mkdir -p "$src/out"
	(cd "$src" && scripts/kconfig/merge_config.sh -n -O out "$@") >"$log" 2>&1 ||
		{ tail -n 20 "$log"; die "configuration of $src failed"; }
	while IFS= read -r line; do
		case $line in
		CONFIG_*=*)
			grep -qxF "$line" "$src/out/.config" || { echo "  not in .config: $line"; bad=1; } ;;
		"# CONFIG_"*" is not set")
			opt=${line#\# }; opt=${opt%% *}
			! grep -q "^$opt=" "$src/out/.config" || { echo "  set in .config: $opt"; bad=1; } ;;
		esac
	done < <(cat "$@")
	[ $bad = 0 ] || die "the configuration of $src does not match its fragments (see above)"
}
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
