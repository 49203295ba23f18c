#!/bin/bash
# make bisect-check (not in CI: two builds per commit): every commit of the
# series builds Image and modules without a warning, with the local percpu
# map on and, once the option exists, off.  So "git bisect" never lands on
# a commit that does not build.
#
# The commits are checked out one by one in a worktree of build/linux
# (build/bisect) and built incrementally into two O= directories there, one
# per setting, with the lab's configuration; ccache makes a second run
# cheap.  One line per commit and setting; the logs are in build/logs/bisect.
set -euo pipefail
. "$(dirname "$0")/lab.sh"

WT=$BUILD/bisect
BLOGS=$LOGS/bisect
OFF=$BLOGS/off.config

[ -d "$KSRC/.git" ] || die "no tree: run make tree"
mkdir -p "$BLOGS"
echo "# CONFIG_ARM64_LOCAL_PER_CPU_MAP is not set" >"$OFF"
git -C "$KSRC" worktree prune
[ -e "$WT/.git" ] || git -C "$KSRC" worktree add -q --detach "$WT" base

mapfile -t commits < <(git -C "$KSRC" rev-list --reverse base..HEAD)
step "building ${#commits[@]} commits, map on and off (logs: $BLOGS)"
failed=0 n=0
for c in "${commits[@]}"; do
	n=$((n + 1))
	git -C "$WT" checkout -q --detach "$c"
	subject=$(git -C "$WT" log -1 --format=%s | cut -c1-60)
	frags=("$TOP"/configs/*.config)
	selftest=$WT/tools/testing/selftests/percpu_local/config
	[ -e "$selftest" ] && frags+=("$selftest")
	for v in on off; do
		if [ $v = off ] && ! grep -q '^config ARM64_LOCAL_PER_CPU_MAP$' "$WT/arch/arm64/Kconfig"; then
			printf '  %2d %-3s --    (no option yet)  %s\n' "$n" $v "$subject"
			continue
		fi
		log=$BLOGS/$(printf '%02d' $n)-$v.log
		extra=()
		[ $v = off ] && extra=("$OFF")
		t=$SECONDS
		kconfig "$WT" "out-$v" "$log.config" "${frags[@]}" "${extra[@]}"
		if ! make -C "$WT" O="out-$v" -j"$JOBS" CC="ccache ${CROSS_COMPILE}gcc" \
			Image modules >"$log" 2>&1 </dev/null; then
			result=FAILS
		elif grep -q 'warning:' "$log"; then
			result=warns
		else
			result=ok
		fi
		[ "$result" = ok ] || failed=1
		printf '  %2d %-3s %-5s %4ds  %s\n' "$n" $v "$result" $((SECONDS - t)) "$subject"
		[ "$result" = ok ] || grep -m5 -E 'error:|warning:' "$log" | sed 's/^/        /'
	done
done
exit $failed
