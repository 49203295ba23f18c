#!/bin/bash
# make sendemail-dry: what "git send-email" would post for patches/, and to
# whom, without sending anything.
#
# Recipients come from the tree's scripts/get_maintainer.pl (MAINTAINERS
# only: the lab's tree has no upstream history): each patch goes to the
# maintainers of the files it touches, with their reviewers and lists on
# Cc; the cover letter goes to everyone any patch goes to.  On top come
# the addresses in configs/sendemail.conf (the RFC's recipients, on every
# patch), which also says which patches each of them gets.  While a
# message is from or signed off by a placeholder identity, the run ends
# with a WARNING on stderr (make resign fixes that).  To post for real,
# run the printed command without --dry-run.
#
#   sendemail.sh --who to|cc FILE   the addresses for one file (called back
#                                   by git send-email's --to-cmd/--cc-cmd)
set -euo pipefail
. "$(dirname "$0")/lab.sh"

PATCHES=$TOP/patches
COVER=$PATCHES/0000-cover-letter.patch
CONF=$TOP/configs/sendemail.conf

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

# extra to|cc FILE: configs/sendemail.conf's addresses of that kind for one
# message: all of them for the cover letter; for a patch, those without a
# path and those with a path that starts a file name the patch touches.
extra() {
	local kind=$1 file=$2 w p f touched=()
	[ "$file" = "$COVER" ] ||
		mapfile -t touched < <(sed -n 's|^diff --git a/\(.*\) b/.*|\1|p' "$file")
	sed 's/#.*//' "$CONF" | while read -r -a w; do
		[ "${w[0]:-}" = "$kind" ] || continue
		if [ "$file" = "$COVER" ] || [ ${#w[@]} = 2 ]; then
			echo "${w[1]}"
			continue
		fi
		for p in "${w[@]:2}"; do
			for f in "${touched[@]}"; do
				case $f in "$p"*) echo "${w[1]}"; continue 3 ;; esac
			done
		done
	done
}

# once [FILE]: the addresses on stdin, each once (by the part in <>, case
# aside), and none of those in FILE.
once() {
	awk -v skip="${1:-/dev/null}" '
		function key(a) { a = tolower(a); if (match(a, /<[^>]*>/)) a = substr(a, RSTART + 1, RLENGTH - 2); return a }
		BEGIN { while ((getline l < skip) > 0) seen[key(l)] = 1 }
		!seen[key($0)]++'
}

series_files() {
	series_patches | sed "s|^|$PATCHES/|"
}

if [ "${1:-}" = --who ]; then
	kind=$2 file=$(cd "$(dirname "$3")" && pwd)/${3##*/}
	if [ "$file" = "$COVER" ]; then
		mapfile -t all < <(series_files)
		{ who "$kind" "${all[@]}" | sort -u; extra "$kind" "$file"; } | once
	else
		{ who "$kind" "$file"; extra "$kind" "$file"; } | once
	fi
	exit 0
fi

# Every line of configs/sendemail.conf is "to|cc ADDRESS [PATH...]".
bad=$(sed 's/#.*//' "$CONF" | awk 'NF && !(($1 == "to" || $1 == "cc") && $2 ~ /@/)')
[ -z "$bad" ] || die "configs/sendemail.conf: not \"to|cc ADDRESS [PATH...]\": $bad"

[ -x "$(git --exec-path)/git-send-email" ] || die "git send-email is missing (Debian package git-email)"
mapfile -t files < <(printf '%s\n' "$COVER"; series_files)

# signers FILE: the addresses a message is from and signed off by.
signers() {
	git mailinfo /dev/null /dev/null <"$1" | sed -n 's/^Email: //p'
	sed -n -e '/^---$/q' -e 's/^Signed-off-by:.*<\(.*\)>.*/\1/p' "$1"
}
unsigned=0 who_placeholder=
for f in "${files[@]}"; do
	while read -r e; do
		if placeholder_email "$e"; then
			unsigned=$((unsigned + 1)) who_placeholder=${who_placeholder:-$e}
			break
		fi
	done < <(signers "$f")
done

step "recipients (scripts/get_maintainer.pl in $KSRC, configs/sendemail.conf)"
for f in "${files[@]}"; do
	to=$("$0" --who to "$f")
	printf '  %s\n    To: %s\n    Cc: %s\n' "${f##*/}" \
		"$(printf '%s\n' "$to" | paste -sd, | sed 's/,/, /g')" \
		"$("$0" --who cc "$f" | once <(printf '%s\n' "$to") | paste -sd, | sed 's/,/, /g')"
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
[ "$unsigned" = 0 ] ||
	echo "WARNING: $unsigned of ${#files[@]} messages are from or signed off by a placeholder ($who_placeholder), not by the poster: run make resign (README.md) before posting" >&2
