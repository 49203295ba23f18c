#!/bin/bash
# make resign: the series as posted by you.  Rebases build/linux's series
# branch on base; each commit whose author is a placeholder (lab.sh:
# placeholder_email) gets you as its author, its author date kept, and
# each placeholder Signed-off-by becomes yours (a commit by someone else
# keeps its author and gets your Signed-off-by after the others', as a
# patch passed on does).  Then patches/ is written again by export.sh and
# the cover letter's From: set to you.  "You" is git config user.name and
# user.email of this repository (or --global).  Running it again changes
# nothing; the old commits stay on a backup/... branch.
#
# Refuses while that identity is unset or a placeholder, and while the
# tree has uncommitted changes or a rebase in progress.
#
#   resign.sh --amend   rewrite HEAD (called back by git rebase --exec)
set -euo pipefail
. "$(dirname "$0")/lab.sh"

if [ "${1:-}" = --amend ]; then
	msg=$(mktemp)
	trap 'rm -f "$msg"' EXIT
	git cat-file commit HEAD | sed '1,/^$/d' | while IFS= read -r l || [ -n "$l" ]; do
		case $l in
		Signed-off-by:*'<'*'>'*)
			e=${l##*<}
			! placeholder_email "${e%%>*}" || l="Signed-off-by: $RESIGN_AS" ;;
		esac
		printf '%s\n' "$l"
	done | awk '!(/^Signed-off-by: / && seen[$0]++)' |
		git interpret-trailers --if-exists addIfDifferent --trailer "Signed-off-by: $RESIGN_AS" >"$msg"
	author=()
	! placeholder_email "$(git log -1 --format=%ae)" || author=(--author="$RESIGN_AS")
	if [ ${#author[@]} -gt 0 ] || ! git cat-file commit HEAD | sed '1,/^$/d' | cmp -s - "$msg"; then
		git commit -q --amend --no-verify --allow-empty --cleanup=verbatim "${author[@]}" -F "$msg"
	fi
	exit 0
fi

name=$(git -C "$TOP" config user.name || true)
email=$(git -C "$TOP" config user.email || true)
if [ -z "$name" ] || [ -z "$email" ]; then
	die "no git identity: git config user.name 'Your Name'; git config user.email you@your.domain"
fi
! placeholder_email "$email" ||
	die "git config user.email is $email, a placeholder: set your own (git config user.name, user.email)"
[ -d "$KSRC/.git" ] || die "no tree: run make tree"
[ "$(git -C "$KSRC" symbolic-ref -q --short HEAD || true)" = series ] || die "$KSRC is not on its series branch"
git -C "$KSRC" rev-parse -q --verify base >/dev/null || die "$KSRC has no base tag"
[ -z "$(git -C "$KSRC" status --porcelain --untracked-files=no)" ] ||
	die "$KSRC has uncommitted changes: commit them first"
gitdir=$(git -C "$KSRC" rev-parse --absolute-git-dir)
if [ -e "$gitdir/rebase-merge" ] || [ -e "$gitdir/rebase-apply" ]; then
	die "$KSRC has a rebase or git am in progress: finish or abort it first"
fi
git -C "$KSRC" log --format='%an%x09%ae' base..HEAD | while IFS=$'\t' read -r n e; do
	! { placeholder_email "$e" && [ "$n" = "$name" ]; } ||
		die "git config user.name is still the placeholder's: set your own"
done

export RESIGN_AS="$name <$email>" GIT_COMMITTER_NAME=$name GIT_COMMITTER_EMAIL=$email
step "signing base..series of $KSRC as $RESIGN_AS"
old=$(git -C "$KSRC" rev-parse HEAD)
if ! log=$(git -C "$KSRC" rebase -q --no-autosquash --exec "$(printf '%q' "$TOP/scripts/resign.sh") --amend" base 2>&1); then
	printf '%s\n' "$log" >&2
	git -C "$KSRC" rebase --abort || true
	die "the rebase failed; $KSRC is as it was"
fi
if [ "$(git -C "$KSRC" rev-parse HEAD)" = "$old" ]; then
	echo "  already signed by you: no commit changed"
else
	backup=backup/$(date +%Y%m%d-%H%M%S)
	git -C "$KSRC" branch -q "$backup" "$old"
	echo "  the old series is kept as branch $backup"
fi
git -C "$KSRC" log --reverse --format='  %h %an <%ae>: %s' base..HEAD

step "exporting to patches/"
"$TOP/scripts/export.sh"

# The cover letter's From:, as format-patch writes it (encoded, folded)
# for the cover letter of the committer, who is you here.
cover=$TOP/patches/0000-cover-letter.patch
if [ -e "$cover" ]; then
	from=$(git -C "$KSRC" format-patch --stdout --cover-letter -1 HEAD |
	       awk '/^From: / { p = 1; print; next } p && /^[ \t]/ { print; next } p { exit }')
	tmp=$(mktemp)
	trap 'rm -f "$tmp"' EXIT
	FROM=$from awk 'NR == 1 { h = 1 } h && /^$/ { h = 0 }
		h && /^From: / { print ENVIRON["FROM"]; skip = 1; next }
		skip && /^[ \t]/ { next }
		{ skip = 0; print }' "$cover" >"$tmp"
	if ! cmp -s "$tmp" "$cover"; then
		cp "$tmp" "$cover"
		echo "  wrote ${cover#"$TOP"/} (From:)"
	fi
fi
