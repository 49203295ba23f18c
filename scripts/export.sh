#!/bin/bash
# Write the commits base..HEAD of build/linux to patches/ as the series.
#
# The output is stable: zero "From" hashes and no version signature, so
# exporting a tree that did not change rewrites no file.  The hand-written
# cover letter (patches/0000-cover-letter.patch) is kept; patch files that
# are no longer in the series are removed.
set -euo pipefail
. "$(dirname "$0")/lab.sh"

[ -d "$KSRC/.git" ] || die "no tree to export: run make tree"
[ -z "$(git -C "$KSRC" status --porcelain --untracked-files=no)" ] ||
	die "$KSRC has uncommitted changes: commit them first"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git -C "$KSRC" format-patch -q --histogram --zero-commit --no-signature --no-cover-letter \
	-o "$tmp" base..HEAD

cd "$TOP/patches"
for f in [0-9][0-9][0-9][0-9]-*.patch; do
	[ -e "$f" ] || continue
	[ "$f" = 0000-cover-letter.patch ] && continue
	[ -e "$tmp/$f" ] || { rm -f "$f"; echo "  removed $f"; }
done
: >"$tmp/series"
for p in "$tmp"/[0-9][0-9][0-9][0-9]-*.patch; do
	[ -e "$p" ] || continue
	f=${p##*/}
	echo "$f" >>"$tmp/series"
	if ! cmp -s "$p" "$f"; then
		cp "$p" "$f"
		echo "  wrote $f"
	fi
done
cmp -s "$tmp/series" series || { cp "$tmp/series" series; echo "  wrote series"; }
echo "patches/: $(wc -l <series) patches from $(git -C "$KSRC" log -1 --format='%h %s')"
