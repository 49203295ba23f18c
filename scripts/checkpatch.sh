#!/bin/bash
# checkpatch.pl --strict on every patch of the series.  Prints one line per
# patch and its findings.  A patch fails on any finding (ERROR, WARNING or
# CHECK): the series is meant to be clean.  With ERRORS_ONLY=1 only an
# ERROR fails, as a maintainer's bot would judge it.  A checkpatch.pl that
# exits non-zero without a finding did not check the patch: that fails
# too.  Then kernel-doc on the files the series touches.
set -euo pipefail
. "$(dirname "$0")/lab.sh"

[ -x "$KSRC/scripts/checkpatch.pl" ] || die "no kernel tree: run make tree"
pass=0 fail=0
while read -r p; do
	# spdxcheck.py needs python3-ply and python3-git: Debian's python3.
	rc=0
	out=$(cd "$KSRC" && PATH=/usr/bin:/bin:$PATH perl scripts/checkpatch.pl --strict --terse --no-summary \
		"$TOP/patches/$p" 2>&1) || rc=$?
	nerr=$(grep -c ': ERROR:' <<<"$out" || true)
	nall=$(grep -cE ': (ERROR|WARNING|CHECK):' <<<"$out" || true)
	if [ "$rc" != 0 ] && [ "$nall" = 0 ]; then
		fail=$((fail + 1))
		printf '  FAIL  checkpatch %s (checkpatch.pl exit %s and no finding: it did not run)\n' "$p" "$rc"
	elif [ "$nerr" -gt 0 ] || { [ "${ERRORS_ONLY:-0}" != 1 ] && [ "$nall" -gt 0 ]; }; then
		fail=$((fail + 1)); printf '  FAIL  checkpatch %s\n' "$p"
	else
		pass=$((pass + 1)); printf '  PASS  checkpatch %s (%s findings)\n' "$p" "$nall"
	fi
	[ -z "$out" ] || sed 's/^/        /' <<<"$out"
done < <(series_patches)

# kernel-doc -Wall on every C file and header the series touches: no
# warning that the same files at base do not have (line numbers aside).
kdoc() {	# kdoc DIR FILE...: the warnings, without line numbers, sorted
	local dir=$1
	shift
	(cd "$dir" && perl "$KSRC/scripts/kernel-doc" -none -Wall "$@" 2>&1) |
		sed -E 's/^([^:]*):[0-9]+:/\1:/' | sort
}
mapfile -t files < <(git -C "$KSRC" diff --name-only base..HEAD -- '*.c' '*.h')
old=$(mktemp -d)
trap 'rm -rf "$old"' EXIT
at_base=()
for f in "${files[@]}"; do
	git -C "$KSRC" cat-file -e "base:$f" 2>/dev/null || continue
	mkdir -p "$old/$(dirname "$f")"
	git -C "$KSRC" show "base:$f" >"$old/$f"
	at_base+=("$f")
done
new=$(comm -13 <(kdoc "$old" "${at_base[@]}") <(kdoc "$KSRC" "${files[@]}"))
# kdoc cannot tell a kernel-doc that does not run (it would say nothing
# on both sides): one that exits non-zero on a file of the series fails.
krc=0
(cd "$KSRC" && perl scripts/kernel-doc -none "${files[0]}" >/dev/null 2>&1) || krc=$?
if [ "$krc" != 0 ]; then
	fail=$((fail + 1)); printf '  FAIL  kernel-doc: it does not run (exit %s)\n' "$krc"
elif [ -n "$new" ]; then
	fail=$((fail + 1)); printf '  FAIL  kernel-doc: new warnings in the files the series touches\n'
	sed 's/^/        /' <<<"$new"
else
	pass=$((pass + 1)); printf '  PASS  kernel-doc -Wall: no new warnings in the %s files the series touches\n' "${#files[@]}"
fi
echo "$pass $fail 0" >"$LOGS/checkpatch.counts"
[ "$fail" = 0 ]
