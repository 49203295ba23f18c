#!/bin/bash
# make matrix (not in CI): the series built and its suite run in each
# configuration of configs/matrix.sh, one row each: build, boot, suite.
# MATRIX="kasan 16k-47" runs only those rows.  Each row builds into
# build/linux/out-ROW with its own initramfs and logs (build/logs/ROW).
set -uo pipefail
here=$(dirname "$0")
. "$here/lab.sh"
. "$TOP/configs/matrix.sh"

all=$(rows "$MATRIX_ROWS")
rows=${MATRIX:-$all}
mkdir -p "$BUILD/matrix"
table=()
failed=0
for name in $rows; do
	spec=$(row "$MATRIX_ROWS" "$name")
	[ -n "$spec" ] || die "unknown row '$name'; rows: $all"
	opts=$(cut -d'|' -f2 <<<"$spec" | trim)
	cc=$(cut -d'|' -f3 <<<"$spec" | trim)
	mode=$(cut -d'|' -f4 <<<"$spec" | trim)
	frag=$BUILD/matrix/$name.config
	for o in $opts; do
		case $o in
		*=n) echo "# ${o%=n} is not set" ;;
		*) echo "$o" ;;
		esac
	done >"$frag"

	step "matrix row $name: ${opts:-the lab configuration}, $cc, mode $mode"
	t=$SECONDS
	export LAB_VARIANT=$name LAB_CONFIG=$frag
	if [ "$cc" = llvm ]; then export LAB_LLVM=1; else unset LAB_LLVM; fi
	build=ok suite=-
	if ! "$here/build.sh" >"$BUILD/matrix/$name.build.log" 2>&1; then
		build=FAILED
		tail -n 5 "$BUILD/matrix/$name.build.log"
		failed=1
	else
		"$here/boot.sh" "$mode" >"$BUILD/matrix/$name.boot.log" 2>&1
		if read -r p f s <"$BUILD/logs/$name/$mode.counts"; then
			suite="$p passed, $f failed, $s skipped"
			[ "$f" = 0 ] || failed=1
		else
			suite="no result"
			failed=1
		fi
		grep -E '^  (FAIL|SKIP) ' "$BUILD/matrix/$name.boot.log" | head -n 10
	fi
	table+=("$(printf '%-9s %-5s %-6s %-7s %-32s %5ds' "$name" "$cc" "$mode" "$build" "$suite" $((SECONDS - t)))")
	echo "  ${table[-1]}"
done

step "matrix ($(git -C "$KSRC" log -1 --format='%h %s' | cut -c1-60))"
printf '  %-9s %-5s %-6s %-7s %-32s %6s\n' row cc mode build suite time
printf '  %s\n' "${table[@]}"
exit $failed
