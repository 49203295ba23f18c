#!/bin/bash
# Write the commits base..HEAD of build/linux to patches/ as the series.
#
# The output is stable: zero "From" hashes and no version signature, so
# exporting a tree that did not change rewrites no file.  The cover letter
# (patches/0000-cover-letter.patch) keeps its hand-written prose and gets
# its generated parts redone; patch files that are no longer in the series
# are removed.
set -euo pipefail
. "$(dirname "$0")/lab.sh"

[ -d "$KSRC/.git" ] || die "no tree to export: run make tree"
[ -z "$(git -C "$KSRC" status --porcelain --untracked-files=no)" ] ||
	die "$KSRC has uncommitted changes: commit them first"

prefix=PATCH
[ "$SERIES_VERSION" = 1 ] || prefix="PATCH v$SERIES_VERSION"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git -C "$KSRC" format-patch -q --histogram --zero-commit --no-signature --no-cover-letter \
	--subject-prefix="$prefix" -o "$tmp" base..HEAD

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

# The cover letter: the prose is written by hand; the patch count in the
# subject, the shortlog, the diffstat and base-commit are generated here,
# so they never drift from the series.
cover=0000-cover-letter.patch
if [ -e "$cover" ]; then
	git -C "$KSRC" format-patch -q --histogram --zero-commit --no-signature --cover-letter \
		--base=base -o "$tmp/cover" base..HEAD
	n=$(wc -l <series)
	awk -v n="$n" -v prefix="$prefix" -v gen="$tmp/cover/$cover" '
		BEGIN { while ((getline l < gen) > 0) if (l ~ /^[^ ].* \([0-9]+\):$/ || t) t = t l "\n" }
		/^Subject: \[PATCH( v[0-9]+)? [0-9]+\/[0-9]+\]/ {
			sub(/\[PATCH( v[0-9]+)? [0-9]+\/[0-9]+\]/, sprintf("[%s %02d/%02d]", prefix, 0, n)) }
		/^[^ ].* \([0-9]+\):$/ { printf "%s", t; exit }
		{ print }' "$cover" >"$tmp/$cover"
	if ! cmp -s "$tmp/$cover" "$cover"; then
		cp "$tmp/$cover" "$cover"
		echo "  wrote $cover (subject count, shortlog, diffstat, base-commit)"
	fi
fi
echo "patches/: $(wc -l <series) patches from $(git -C "$KSRC" log -1 --format='%h %s')"
