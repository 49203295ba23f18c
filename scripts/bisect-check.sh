#!/bin/bash
# make bisect-check (not in CI: two builds per commit): "git bisect" must
# never land on a commit of the series that does not build, or builds with
# a warning.  For base and then every commit of the series:
#
#   - Image and modules build without any warning, with the local percpu
#     map on and, once the option exists, off (CONFIG_ARM64_LOCAL_PER_CPU_MAP
#     unset): the lab's configuration, as make test builds it;
#   - with the map on, the C files the commits so far touched (those the
#     configuration builds) are compiled again with W=1 and checked with
#     sparse (C=2): no warning that the same files do not have at base.
#     Line numbers are ignored, so a warning that only moved is not new.
#
# Then the last commit, which is build/linux's HEAD, is built as make
# test builds it and booted in the max mode of configs/qemu.sh, the
# whole suite run.
#
# The commits are checked out one by one in a worktree of build/linux
# (build/bisect) and built incrementally into an O= directory per setting;
# ccache makes most of each rebuild a cache hit.  One line per commit and
# setting, the logs in build/logs/bisect; the exit status is non-zero if
# any line is not ok.
set -euo pipefail
here=$(dirname "$0")
. "$here/lab.sh"

WT=$BUILD/bisect
BLOGS=$LOGS/bisect
OFF=$BLOGS/off.config
SPARSE_BIN=${SPARSE_BIN:-sparse}
# BISECT_OFF=last builds the map off for the last commit only: each off
# build of a commit that changed a header is mostly preprocessing for
# ccache, minutes on two cores.
BISECT_OFF=${BISECT_OFF:-all}
case $BISECT_OFF in all|last) ;; *) die "BISECT_OFF is all or last, not '$BISECT_OFF'" ;; esac

[ -d "$KSRC/.git" ] || die "no tree: run make tree"
command -v "$SPARSE_BIN" >/dev/null || die "no $SPARSE_BIN: run scripts/deps.sh bisect"
rm -rf "$BLOGS"
mkdir -p "$BLOGS"
# The suite's config asks for the map's test knobs and fault injection,
# which need the map.
printf '%s\n' "# CONFIG_ARM64_LOCAL_PER_CPU_MAP is not set" \
	"# CONFIG_DEBUG_PERCPU_LOCAL is not set" \
	"# CONFIG_FAIL_PERCPU_LOCAL_MAP is not set" >"$OFF"
git -C "$KSRC" worktree prune
[ -e "$WT/.git" ] || git -C "$KSRC" worktree add -q --detach "$WT" base

head=$(git -C "$KSRC" rev-parse HEAD)
mapfile -t commits < <(git -C "$KSRC" rev-parse base; git -C "$KSRC" rev-list --reverse base..HEAD)
# The kernel's C files: tools/ (the kselftest's helper) is not kbuild's.
mapfile -t touched < <(git -C "$KSRC" diff --name-only base..HEAD -- '*.c' ':!tools/')

# New warnings the check accepts (grep -E on the warning as checks() prints
# it), each with the reason.  this_cpu_dec() of a u8 or u16 variable, which
# the suite's operations test does: this_cpu_sub() adds -(typeof(pcp))1, an
# int -1, that the size's (u8) or (u16) cast in asm/percpu.h truncates, as
# intended; sparse warns about it in the stock header just the same (commit
# 1, the suite on base, shows it).
ACCEPTED='asm/percpu\.h: warning: cast truncates bits from constant value \(ffffffff becomes ff(ff)?\)$'

# checks OUT LOG FILE...: W=1 and sparse on those of the C files OUT
# builds; their warnings, without line and column, sorted, on stdout.
checks() {
	local out=$1 log=$2 f objs=()
	shift 2
	for f in "$@"; do
		[ -f "$WT/$out/${f%.c}.o" ] && objs+=("${f%.c}.o")
	done
	[ ${#objs[@]} -gt 0 ] || return 0
	# -k: an object left in $out by a later commit whose option this one
	# lacks (kcore.o without PROC_KCORE at base) fails alone, its errors
	# counted like warnings, instead of taking the others' checks along.
	make -k -C "$WT" O="$out" -j"$JOBS" CC="ccache ${CROSS_COMPILE}gcc" W=1 C=2 CHECK="$SPARSE_BIN" \
		"${objs[@]}" >"$log" 2>&1 </dev/null || true
	grep -E '(warning|error):' "$log" | sed -E 's/^([^:]*):[0-9]+:([0-9]+:)?/\1:/' | sort -u
}

[ "$BISECT_OFF" = all ] || echo "  map off: the last commit only (BISECT_OFF=last)"
echo "  W=1+C=2: warnings at base / ok (none new) / ok+N (N accepted, see ACCEPTED) / N new"
printf '  %2s %-3s %-5s %-9s %5s  %s\n' '#' map build 'W=1+C=2' time commit
failed=0 n=0 base_warnings=$BLOGS/base.warnings
for c in "${commits[@]}"; do
	git -C "$WT" checkout -q --detach "$c"
	subject=$(git -C "$WT" log -1 --format=%s | cut -c1-56)
	[ $n = 0 ] && subject="base: $subject"
	frags=("$TOP"/configs/*.config)
	selftest=$WT/tools/testing/selftests/percpu_local/config
	[ -e "$selftest" ] && frags+=("$selftest")
	# The map's option, once the commit has it: on through configs/series/
	# (so that kconfig checks it is set), off through $OFF.
	has_map=0
	tree_has_map "$WT" && has_map=1
	for v in on off; do
		extra=()
		if [ $has_map = 1 ] && [ $v = on ]; then
			extra=("$TOP"/configs/series/*.config)
		elif [ $has_map = 1 ]; then
			extra=("$OFF")
		elif [ $v = off ]; then
			continue
		fi
		[ $v = on ] || [ "$BISECT_OFF" = all ] || [ "$c" = "$head" ] || continue
		log=$BLOGS/$(printf '%02d' $n)-$v
		t=$SECONDS
		kconfig "$WT" "out-$v" "$log.config.log" "${frags[@]}" "${extra[@]}"
		if ! make -C "$WT" O="out-$v" -j"$JOBS" CC="ccache ${CROSS_COMPILE}gcc" \
			Image modules >"$log.log" 2>&1 </dev/null; then
			result=FAILS
		elif grep -q 'warning:' "$log.log"; then
			result=warns
		else
			result=ok
		fi
		# W=1 and sparse with the map on, as the series ships: at base on
		# every file the series touches, for the reference, then on those
		# the commits so far touched.
		if [ $v = off ]; then
			new=-
		elif [ $n = 0 ]; then
			checks "out-$v" "$log.w1.log" "${touched[@]}" >"$base_warnings"
			new="$(grep -c . "$base_warnings" || true) base"
		else
			mapfile -t sofar < <(git -C "$WT" diff --name-only base..HEAD -- '*.c' ':!tools/')
			checks "out-$v" "$log.w1.log" "${sofar[@]}" >"$log.warnings"
			comm -13 "$base_warnings" "$log.warnings" >"$log.new"
			acc=$(grep -cE "$ACCEPTED" "$log.new" || true)
			{ grep -vE "$ACCEPTED" "$log.new" || true; } >"$log.new.tmp"
			mv "$log.new.tmp" "$log.new"
			new=ok
			[ "$acc" = 0 ] || new="ok+$acc"
			[ ! -s "$log.new" ] || { new="$(grep -c . "$log.new") new"; failed=1; }
		fi
		[ "$result" = ok ] || failed=1
		printf '  %2d %-3s %-5s %-9s %4ds  %s\n' $n $v "$result" "$new" $((SECONDS - t)) "$subject"
		[ "$result" = ok ] || grep -m5 -E 'error:|warning:' "$log.log" | sed 's/^/        /'
		[ ! -s "$log.new" ] || sed 's/^/        /' "$log.new" | head -n 10
	done
	n=$((n + 1))
done
[ "$(git -C "$WT" rev-parse HEAD)" = "$head" ] || die "the worktree did not end at build/linux's HEAD"

step "the last commit, booted: make test's build, mode max"
"$here/build.sh" >"$BLOGS/build.log" 2>&1 || { tail -n 20 "$BLOGS/build.log"; die "build.sh failed"; }
"$here/boot.sh" max || failed=1
exit $failed
