#!/bin/bash
# make test (and CI): checkpatch on every patch, the build, then the suite
# in every QEMU mode of configs/qemu.sh.  Ends with "N passed, N failed",
# counted over the checkpatch results, the build and every check of every
# mode; exits non-zero if N failed is not 0.
set -uo pipefail
here=$(dirname "$0")
. "$here/lab.sh"
. "$TOP/configs/qemu.sh"

start=$SECONDS
stage() {	# stage NAME COMMAND...: run a step, time it
	local t=$SECONDS rc
	"${@:2}"
	rc=$?
	times+=("$(printf '%-12s %4ds' "$1" $((SECONDS - t)))")
	return $rc
}
times=()
finish() {
	local p=0 f=0 s=0 a b c name
	echo
	echo "==> summary"
	for name in "${counted[@]}"; do
		# a step that died before writing its counts failed
		read -r a b c 2>/dev/null <"$LOGS/$name.counts" || {
			a=0 b=1 c=0
			echo "  $name: no result (the step died before writing $LOGS/$name.counts)"
		}
		printf '  %-12s %3d passed, %d failed, %d skipped\n' "$name" "$a" "$b" "$c"
		p=$((p + a)); f=$((f + b)); s=$((s + c))
	done
	[ -f "$BUILD/base" ] && echo "  $(cat "$BUILD/base")"
	printf '  time: %s\n' "${times[@]}" "$(printf '%-12s %4ds' total $((SECONDS - start)))"
	echo "$p passed, $f failed"
	[ "$f" = 0 ]
	exit
}
counted=()
mkdir -p "$LOGS"
rm -f "$LOGS"/*.counts "$BUILD/base"

stage deps "$here/deps.sh" || { echo "0 1 0" >"$LOGS/deps.counts"; counted+=(deps); finish; }
stage tree "$here/tree.sh" || { echo "0 1 0" >"$LOGS/tree.counts"; counted+=(tree); finish; }
step "checkpatch --strict"
stage checkpatch "$here/checkpatch.sh"
counted+=(checkpatch)
if stage build "$here/build.sh"; then
	echo "1 0 0" >"$LOGS/build.counts"
else
	echo "0 1 0" >"$LOGS/build.counts"
	counted+=(build)
	finish
fi
counted+=(build)
for mode in $(rows "$QEMU_MODES"); do
	stage "$mode" "$here/boot.sh" "$mode"
	counted+=("$mode")
done
finish
