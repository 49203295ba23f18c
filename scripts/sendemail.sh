#!/bin/bash
# make sendemail-dry: what "git send-email" would post for patches/, and to
# whom, without sending anything.
#
# Recipients come from the tree's scripts/get_maintainer.pl (MAINTAINERS
# only: the lab's tree has no upstream history): each patch goes to the
# maintainers of the files it touches, with their reviewers and lists on
# Cc; the cover letter goes to everyone any patch goes to.  To post for
# real, run the printed command without --dry-run.
#
#   sendemail.sh --who to|cc FILE   the addresses for one file (called back
#                                   by git send-email's --to-cmd/--cc-cmd)
set -euo pipefail
. "$(dirname "$0")/lab.sh"

PATCHES=$TOP/patches
COVER=$PATCHES/0000-cover-letter.patch

# who to|cc FILE...: get_maintainer.pl's people (to) or reviewers and lists
# (cc) for the files the patches touch.
who() {
	local kind=$1
	shift
	local opts=(--no-git --no-git-fallback --no-rolestats --no-multiline)
	if [ "$kind" = to ]; then
		opts+=(--no-r --no-l)
	else
		opts+=(--no-m)
	fi
	(cd "$KSRC" && perl scripts/get_maintainer.pl "${opts[@]}" "$@") |
		tr ',' '\n' | sed -e 's/^ *//' -e '/^$/d'
}

series_files() {
	sed "s|^|$PATCHES/|" "$PATCHES/series"
}

if [ "${1:-}" = --who ]; then
	kind=$2 file=$3
	if [ "$(cd "$(dirname "$file")" && pwd)/${file##*/}" = "$COVER" ]; then
		mapfile -t all < <(series_files)
		who "$kind" "${all[@]}" | sort -u
	else
		who "$kind" "$file"
	fi
	exit 0
fi

[ -x "$(git --exec-path)/git-send-email" ] || die "git send-email is missing (Debian package git-email)"
mapfile -t files < <(printf '%s\n' "$COVER"; series_files)

step "recipients (scripts/get_maintainer.pl in $KSRC)"
for f in "${files[@]}"; do
	printf '  %s\n    To: %s\n    Cc: %s\n' "${f##*/}" \
		"$("$0" --who to "$f" | paste -sd, | sed 's/,/, /g')" \
		"$("$0" --who cc "$f" | paste -sd, | sed 's/,/, /g')"
done

cmd=(git send-email --dry-run --confirm=never --suppress-cc=self --8bit-encoding=UTF-8
     --to-cmd="$0 --who to" --cc-cmd="$0 --who cc" --thread --no-chain-reply-to)
step "git send-email ${cmd[*]:2} patches/0000-cover-letter.patch patches/00NN-*.patch"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
(cd "$TOP" && "${cmd[@]}" "${files[@]}") >"$log" 2>&1 ||
	{ cat "$log"; die "git send-email --dry-run failed"; }
grep '^Subject:' "$log" | sed 's/^/  /'
sent=$(grep -c '^Dry-OK' "$log" || true)
[ "$sent" = "${#files[@]}" ] || die "git send-email accepted $sent of ${#files[@]} messages"
echo "  $sent messages would be sent (dry run: nothing was)"
