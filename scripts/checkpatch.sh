#!/bin/bash
# checkpatch.pl --strict on every patch of the series.  Prints one line per
# patch and its findings.  A patch fails on any finding (ERROR, WARNING or
# CHECK): the series is meant to be clean.  With ERRORS_ONLY=1 only an
# ERROR fails, as a maintainer's bot would judge it.
set -euo pipefail
. "$(dirname "$0")/lab.sh"

[ -x "$KSRC/scripts/checkpatch.pl" ] || die "no kernel tree: run make tree"
pass=0 fail=0
while read -r p; do
	# spdxcheck.py needs python3-ply and python3-git: Debian's python3.
	out=$(cd "$KSRC" && PATH=/usr/bin:/bin:$PATH perl scripts/checkpatch.pl --strict --terse --no-summary \
		"$TOP/patches/$p" 2>&1 || true)
	nerr=$(grep -c ': ERROR:' <<<"$out" || true)
	nall=$(grep -cE ': (ERROR|WARNING|CHECK):' <<<"$out" || true)
	if [ "$nerr" -gt 0 ] || { [ "${ERRORS_ONLY:-0}" != 1 ] && [ "$nall" -gt 0 ]; }; then
		fail=$((fail + 1)); printf '  FAIL  checkpatch %s\n' "$p"
	else
		pass=$((pass + 1)); printf '  PASS  checkpatch %s (%s findings)\n' "$p" "$nall"
	fi
	[ -z "$out" ] || sed 's/^/        /' <<<"$out"
done < <(grep -v '^\s*\(#\|$\)' "$TOP/patches/series")
echo "$pass $fail 0" >"$LOGS/checkpatch.counts"
[ "$fail" = 0 ]
