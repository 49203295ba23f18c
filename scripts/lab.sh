# shellcheck shell=bash
# shellcheck disable=SC2034 # sourced: the other scripts use these
# Facts about the lab, in one place. Sourced by every other script.

# The base kernel: Debian's 6.12 LTS source package, pinned so that the
# series always applies to the same tree.  The archive keeps a few
# versions and drops the oldest: when it no longer has the pin, deps.sh
# installs the newest 6.12 it has and says so, and tree.sh applies the
# series to that with git am -3 (README, "Moving the base").  LAB_BASE_PIN
# overrides the pin for one run.
BASE_PKG=linux-source-6.12
BASE_PIN=${LAB_BASE_PIN:-6.12.117-1~deb12u1}
BASE_TARBALL=/usr/src/linux-source-6.12.tar.xz
# The version the lab builds on: the one installed (deps.sh installs it).
BASE_VERSION=$(dpkg-query -W -f='${Version}' "$BASE_PKG" 2>/dev/null || true)

# The version of the series being prepared: its subjects read
# [PATCH v$SERIES_VERSION nn/mm] (1: no version in the subject).
SERIES_VERSION=2

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$TOP/build
KSRC=$BUILD/linux		# git tree: base tag + the series
# LAB_SRC: build.sh and boot.sh on another kernel tree (a worktree of
# build/linux at an earlier commit, say; README, "Other trees").
[ -z "${LAB_SRC:-}" ] || KSRC=$(cd "$LAB_SRC" && pwd)

# A variant (make matrix: another page size, KASAN, clang, ...) builds the
# same tree into an O= directory, initramfs and logs of its own.
VARIANT=${LAB_VARIANT:-}
KOUT_NAME=out${VARIANT:+-$VARIANT}
KOUT=$KSRC/$KOUT_NAME		# O= directory of the patched kernel
ROOTFS=$BUILD/rootfs${VARIANT:+-$VARIANT}	# initramfs staging tree
INITRD=$BUILD/initramfs${VARIANT:+-$VARIANT}.cpio.gz
LOGS=$BUILD/logs${VARIANT:+/$VARIANT}

# Shared by every clone on this machine: the extracted base and ccache.
LAB_CACHE=${LAB_CACHE:-/var/cache/percpu-lab}
BASE_REPO=$LAB_CACHE/base-$BASE_VERSION.git
export CCACHE_DIR=${CCACHE_DIR:-$LAB_CACHE/ccache}
export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-8G}
export CCACHE_NOHASHDIR=1

export ARCH=arm64
export CROSS_COMPILE=aarch64-linux-gnu-
# Fixed build identity, so that rebuilds are reproducible and hit ccache.
export KBUILD_BUILD_USER=lab KBUILD_BUILD_HOST=percpu-lab
export KBUILD_BUILD_TIMESTAMP='Thu Jan  1 00:00:00 UTC 2026'

JOBS=${JOBS:-$(nproc)}
if [ -n "${LAB_LLVM:-}" ]; then	# clang and the LLVM binutils
	KMAKE=(make -C "$KSRC" O="$KOUT_NAME" -j"$JOBS" LLVM=1 CC="ccache clang")
else
	KMAKE=(make -C "$KSRC" O="$KOUT_NAME" -j"$JOBS" CC="ccache ${CROSS_COMPILE}gcc")
fi

# tree_has_map TREE: does TREE have the series' option (not the stock
# base, nor a commit before the option's patch)?
tree_has_map() { grep -q '^config ARM64_LOCAL_PER_CPU_MAP$' "$1/arch/arm64/Kconfig"; }

step() { printf '\n==> %s\n' "$*"; }
trim() { sed -e 's/^ *//' -e 's/ *$//'; }

# The lab's tables (the modes of configs/qemu.sh, the rows of
# configs/matrix.sh, make bench's boots) have a row a line, "name | field
# | ...".  rows TABLE: the names; row TABLE NAME: the row named NAME (empty
# if none); field TABLE NAME N: its Nth field, trimmed.
rows() { printf '%s\n' "$1" | cut -d'|' -f1 | xargs; }
row() { printf '%s\n' "$1" | awk -F'|' -v n="$2" '{ k = $1; gsub(/ /, "", k) } k == n'; }
field() { row "$1" "$2" | cut -d'|' -f"$3" | trim; }

# series_patches: the patch files patches/series names, in order (its
# comments and blank lines left out).
series_patches() { grep -v '^\s*\(#\|$\)' "$TOP/patches/series" || true; }
# progress LOG: every 30 s, how far the long build logging to $LOGS/LOG is
# (run it in the background and kill it when the build ends).
progress() {
	local log=$LOGS/$1
	while sleep 30; do
		printf '  ... %s lines, last: %s\n' "$(wc -l <"$log")" "$(tail -n 1 "$log" | cut -c1-70)"
	done
}

# A kernel splat on a guest console (grep -E): any of these fails a boot.
SPLAT='WARNING:|BUG:|Oops|Kernel panic|kernel BUG|Unable to handle kernel|Internal error:|INFO: (possible|task .* blocked|rcu)|lockdep is turned off|DEBUG_LOCKS_WARN_ON|KASAN:|UBSAN:|soft lockup|detected stalls|Call trace:'

# kconfig [--defconfig] SRC OUT LOG FRAGMENT...: configure SRC/OUT as
# allnoconfig plus the fragments (a later one overrides an earlier one),
# then check that every option they set made it into .config: otherwise
# the lab would test something other than it says.  With --defconfig
# (make deb) the base is the architecture's defconfig: the fragments are
# merged into it and olddefconfig fills in the rest, as the kernel's own
# merge_into_defconfig does (merged into the defconfig file rather than a
# full .config, so that defaults which depend on a fragment's options
# still follow them).
kconfig() {
	local base=allnoconfig
	[ "$1" != --defconfig ] || { base=defconfig; shift; }
	local src=$1 out=$2 log=$3
	shift 3
	mkdir -p "$src/$out"
	if [ $base = allnoconfig ]; then
		(cd "$src" && scripts/kconfig/merge_config.sh -n -O "$out" "$@") >"$log" 2>&1
	else
		(cd "$src" && scripts/kconfig/merge_config.sh -m -O "$out" "arch/$ARCH/configs/defconfig" "$@" &&
		 make O="$out" olddefconfig) >"$log" 2>&1
	fi || { tail -n 20 "$log"; die "configuration of $src/$out failed"; }
	kconfig_check "$src/$out/.config" "$@" ||
		die "the configuration of $src/$out does not match its fragments (see above)"
}

# kconfig_check CONFIG FRAGMENT...: does CONFIG hold every option the
# fragments set (the last value of each) and none they unset?  Prints
# each one that differs.
kconfig_check() {
	local config=$1 line opt bad=0
	shift
	while IFS= read -r line; do
		case $line in
		CONFIG_*=*)
			grep -qxF "$line" "$config" || { echo "  not in .config: $line"; bad=1; } ;;
		"# CONFIG_"*" is not set")
			opt=${line#\# }; opt=${opt%% *}
			! grep -q "^$opt=" "$config" || { echo "  set in .config: $opt"; bad=1; } ;;
		esac
	done < <(cat "$@" | sed -n -E 's/^(CONFIG_[A-Za-z0-9_]+)=.*/\1 &/p; s/^# (CONFIG_[A-Za-z0-9_]+) is not set$/\1 &/p' |
		 awk '{ k = $1; sub(/^[^ ]+ /, ""); v[k] = $0; if (!(k in seen)) { seen[k] = 1; o[++n] = k } }
		      END { for (i = 1; i <= n; i++) print v[o[i]] }')
	return $bad
}
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# placeholder_email ADDRESS: is it no one's (empty, or a name that cannot
# receive mail: RFC 2606 and 6761, and the lab's lab@localhost)?  The
# series was written as "Seed 0e0f5659 maintainers
# <maintainers@users.noreply.h-seed-0e0f5659.example>"; make resign
# replaces such an author and Signed-off-by with the poster's.
placeholder_email() {
	case ${1,,} in
	'' | *.example | *.invalid | *.test | *.localhost | *@localhost | \
	*[@.]example.com | *[@.]example.net | *[@.]example.org) return 0 ;;
	esac
	return 1
}
