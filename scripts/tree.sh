#!/bin/bash
# Make build/linux: a git tree of the Debian base with the series applied.
#
# The extracted base is kept once per machine as a git repository under
# $LAB_CACHE, so a fresh clone of the lab only clones it (no re-extraction).
# With --force an existing tree is replaced (make tree); without it an
# existing tree whose commits match patches/ is kept.
set -euo pipefail
. "$(dirname "$0")/lab.sh"

force=0
[ "${1:-}" = --force ] && force=1

base_repo() {
	[ -f "$BASE_REPO/.lab-ok" ] && return
	[ -n "$BASE_VERSION" ] || die "$BASE_PKG is not installed (scripts/deps.sh installs it)"
	step "extracting $BASE_PKG $BASE_VERSION (once per machine)"
	local tmp=$LAB_CACHE/extract.$$
	rm -rf "$tmp" "$BASE_REPO"
	mkdir -p "$tmp"
	tar -C "$tmp" -xJf "$BASE_TARBALL"
	cd "$tmp/linux-source-6.12"
	# Debian appends a packaging block to the top-level .gitignore that
	# ignores every top-level path ("/*" then "!/debian/"): drop it, it is
	# not upstream's, and with it git would track nothing.
	sed -i '/^\/\*$/,$d' .gitignore
	git init -q -b master .
	git add -A
	# Fixed identity and dates: the base commit has the same hash on every
	# machine, so base-commit: lines in exported patches mean something.
	GIT_AUTHOR_DATE='2026-01-01T00:00:00Z' GIT_COMMITTER_DATE='2026-01-01T00:00:00Z' \
	git -c user.name='Percpu Lab' -c user.email=lab@localhost commit -q \
		-m "Linux $(make -s kernelversion) from Debian $BASE_PKG $BASE_VERSION"
	git tag base
	git clone -q --bare . "$BASE_REPO"
	cd /
	rm -rf "$tmp"
	touch "$BASE_REPO/.lab-ok"
}

# Is the tree base + exactly the patches in patches/ (by patch-id; the
# diffs use the histogram algorithm, as export.sh writes them)?
tree_matches() {
	[ -d "$KSRC/.git" ] || return 1
	git -C "$KSRC" rev-parse -q --verify base >/dev/null || return 1
	local want have
	want=$(series_patches | while read -r p; do git -C "$KSRC" patch-id --stable <"$TOP/patches/$p"; done | cut -d' ' -f1)
	have=$(git -C "$KSRC" log --reverse -p --histogram --format='commit %H' base..HEAD | git -C "$KSRC" patch-id --stable | cut -d' ' -f1 | sort)
	[ "$(printf '%s\n' "$want" | sort)" = "$have" ] && \
	[ -z "$(git -C "$KSRC" status --porcelain --untracked-files=no)" ]
}

mkdir -p "$LAB_CACHE" "$BUILD"
base_repo
if [ "$BASE_VERSION" = "$BASE_PIN" ]; then
	pin="the pinned base"
else
	pin="NOT the pinned $BASE_PIN, which the archive no longer has"
fi
# Printed, and kept in $BUILD/base for the test summary: which tree the
# series was tried on.
echo "base: Debian $BASE_PKG $BASE_VERSION ($pin), $(git -C "$BASE_REPO" log -1 --format='%s, commit %h' base)" | tee "$BUILD/base"

base_id=$(git -C "$BASE_REPO" rev-parse base)
on_base() { [ "$(git -C "$KSRC" rev-parse -q --verify base)" = "$base_id" ]; }

matches=0
tree_matches && matches=1
if [ $matches = 1 ] && ! on_base; then
	# The series, unchanged, on another base (the installed one moved):
	# nothing to lose, carry it over.
	echo "tree: $KSRC is the series on $(git -C "$KSRC" log -1 --format=%s base), moving it to the installed base"
elif [ $matches = 1 ]; then
	if [ $force = 0 ]; then
		echo "tree: $KSRC is base + the series ($(git -C "$KSRC" rev-list --count base..HEAD) patches), kept"
		exit 0
	fi
elif [ -d "$KSRC/.git" ]; then
	# The tree holds something patches/ does not: work not yet exported,
	# or patches/ moved on (git pull).  Never throw work away silently.
	if [ $force = 0 ]; then
		die "$KSRC differs from patches/ (uncommitted changes, or commits not exported).
  make export   keeps the tree's commits (writes patches/)
  make tree     recreates the tree from patches/ (its commits stay on a backup branch)"
	fi
	if [ -n "$(git -C "$KSRC" status --porcelain --untracked-files=no)" ] && [ "${FORCE:-0}" != 1 ]; then
		git -C "$KSRC" status --short --untracked-files=no | head -n 20
		die "$KSRC has uncommitted changes (above): commit them, or make tree FORCE=1 to discard them"
	fi
	backup=backup/$(date +%Y%m%d-%H%M%S)
	git -C "$KSRC" branch -q "$backup" HEAD
	echo "tree: the old HEAD is kept as branch $backup"
fi

step "creating $KSRC from base + patches/series"
if [ -d "$KSRC/.git" ]; then
	# Keep the O= directory (and with it incremental builds); reset the rest.
	git -C "$KSRC" am --abort 2>/dev/null || true
	if ! on_base; then
		# The tree shares the objects of the base repository it was
		# cloned from; add those of the installed base's.
		echo "$BASE_REPO/objects" >>"$KSRC/.git/objects/info/alternates"
		git -C "$KSRC" fetch -q -f "$BASE_REPO" tag base
	fi
	git -C "$KSRC" checkout -q -f --detach base
	git -C "$KSRC" branch -q -f series base
	git -C "$KSRC" checkout -q series
else
	rm -rf "$KSRC"
	git clone -q --shared -b master "$BASE_REPO" "$KSRC"
	git -C "$KSRC" fetch -q origin tag base
	git -C "$KSRC" checkout -q -b series base
	printf '/out/\n' >>"$KSRC/.git/info/exclude"
fi
# Commits made in the tree carry the identity of the lab's clone.
for k in user.name user.email; do
	git -C "$KSRC" config "$k" >/dev/null ||
		git -C "$KSRC" config "$k" "$(git -C "$TOP" config "$k" || echo lab@localhost)"
done
mapfile -t patches < <(series_patches)
# One git am for the whole series, so that after a conflict git am
# --continue goes on with the rest.  -3: on a base other than the one the
# patches were made on (the pin dropped from the archive), a three-way
# merge where the context moved.
git -C "$KSRC" am -q -3 --keep-cr "${patches[@]/#/$TOP/patches/}" ||
	die "the series does not apply to $BASE_PKG $BASE_VERSION; git am stopped in $KSRC at
  $(git -C "$KSRC" am --show-current-patch=raw 2>/dev/null | sed -n 's/^Subject: //p' | head -n 1)
  resolve there, git am --continue, make export (README, \"Moving the base\")"
n=${#patches[@]}
echo "tree: base + $n patches, HEAD $(git -C "$KSRC" log -1 --format='%h %s')"
