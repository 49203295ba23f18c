#!/bin/bash
# make codegen: what one this_cpu_*() operation compiles to, in the stock
# base tree and in the series tree, side by side.
#
# scripts/codegen/percpu_codegen.c holds one reference function per
# operation.  It is compiled as an external module object against each
# tree (same configs/ fragments, same compiler and flags as the kernel),
# then disassembled.  For each function the summary counts instructions
# on its fast path and in the whole function, and flags what the fast
# path should not need: a TPIDR_ELx read, a read of current (sp_el0, for
# preempt_count), a call, a stack frame.
set -euo pipefail
. "$(dirname "$0")/lab.sh"

STOCK=$BUILD/stock		# the base tree, no patches
CG=$BUILD/codegen
OBJDUMP=${CROSS_COMPILE}objdump

# prepare SRC: configure SRC/out from configs/ and make it able to build
# external module objects.
prepare() {
	local src=$1 name=$2 frags=("$TOP"/configs/*.config)
	[ "$name" = stock ] || frags+=("$TOP"/configs/series/*.config)
	step "preparing the $name tree ($src)"
	kconfig "$src" out "$LOGS/codegen-$name-config.log" "${frags[@]}"
	make -C "$src" O=out -j"$JOBS" CC="ccache ${CROSS_COMPILE}gcc" modules_prepare \
		>"$LOGS/codegen-$name-prepare.log" 2>&1 ||
		{ tail -n 20 "$LOGS/codegen-$name-prepare.log"; die "modules_prepare failed in $src"; }
}

# compile SRC NAME: build percpu_codegen.o against SRC in $CG/NAME and
# write its disassembly to $CG/NAME.dis.
compile() {
	local src=$1 name=$2
	rm -rf "${CG:?}/$name"
	mkdir -p "$CG/$name"
	cp "$TOP"/scripts/codegen/{Kbuild,percpu_codegen.c} "$CG/$name/"
	make -C "$src" O=out CC="ccache ${CROSS_COMPILE}gcc" M="$CG/$name" percpu_codegen.o \
		>"$LOGS/codegen-$name.log" 2>&1 ||
		{ tail -n 20 "$LOGS/codegen-$name.log"; die "percpu_codegen.o failed against $src"; }
	"$OBJDUMP" -dr --no-show-raw-insn "$CG/$name/percpu_codegen.o" >"$CG/$name.dis"
}

# listing DIS FUNC: the instructions (and relocations) of one function,
# by its symbol's address and size: the alternative replacement sequences
# that follow the last function in .text are not part of it.
listing() {
	local start size
	read -r start size < <("${CROSS_COMPILE}nm" -S "${1%.dis}/percpu_codegen.o" |
		awk -v f="$2" '$4 == f { print $1, $2 }') || return 0
	awk -v s=$((16#$start)) -v e=$((16#$start + 16#$size)) '
		function hex(h,  i, n) {
			for (i = 1; i <= length(h); i++)
				n = n * 16 + index("0123456789abcdef", substr(h, i, 1)) - 1
			return n
		}
		/^ *[0-9a-f]+:/ { a = $1; sub(/:$/, "", a); a = hex(a) }
		/^ *[0-9a-f]+:/ && a >= s && a < e' "$1" |
		sed -e 's/^ *//' -e 's/\t/ /g' -e 's/  */ /g'
}

# summary DIS FUNC: "N of M: flags": the instructions on the fast path,
# from the entry to the first ret in address order (the path that falls
# through every branch the compiler was told is likely), of those in the
# whole function, and what the fast path has that it should not need;
# "-" if the tree has no such function.
summary() {
	listing "$1" "$2" | awk '
		/^[0-9a-f]+: / && $2 !~ /^R_/ {
			all++
			if (done)
				next
			fast++
			if ($0 ~ /mrs .*tpidr_el[12]/) tpidr = " TPIDR"
			if ($0 ~ /mrs .*sp_el0/) cur = " current"
			if ($2 == "bl") call = " call"
			if ($0 ~ /stp x29, x30/) frame = " frame"
			if ($2 == "ret") done = 1
		}
		END {
			f = tpidr cur call frame
			if (!all) print "-"
			else printf "%d of %d:%s\n", fast, all, f ? f : " none"
		}'
}

[ -d "$KSRC/.git" ] || die "no series tree: run make first"
if [ ! -d "$STOCK/.git" ]; then
	git clone -q --shared "$BASE_REPO" "$STOCK"
	git -C "$STOCK" fetch -q origin tag base
	printf '/out/\n' >>"$STOCK/.git/info/exclude"
fi
git -C "$STOCK" checkout -q --detach base
mkdir -p "$LOGS"
prepare "$STOCK" stock
prepare "$KSRC" series
compile "$STOCK" stock
compile "$KSRC" series

funcs=$(awk -F'[<>]' '/^[0-9a-f]+ <codegen_[a-z_]+>:$/ { print $2 }' "$CG/series.dis")
stock_id="stock ($(git -C "$STOCK" log -1 --format=%h base))"
series_id="series ($(git -C "$KSRC" log -1 --format=%h HEAD), $(git -C "$KSRC" rev-list --count base..HEAD) patches)"
step "this_cpu_*() code generation: $("${CROSS_COMPILE}gcc" --version | head -n 1)"
printf '  %-34s %-36s %s\n' function "$stock_id" "$series_id"
for f in $funcs; do
	printf '  %-34s %-36s %s\n' "$f" "$(summary "$CG/stock.dis" "$f")" "$(summary "$CG/series.dis" "$f")"
done
echo "  (instructions on the fast path, to the first ret, of those in the function,"
echo "   and what the fast path has: TPIDR, a TPIDR_ELx read; current, a read of"
echo "   current for the preempt count; call; frame, a stack frame.  Branches patched"
echo "   at boot count as compiled: the stock helpers' LL/SC loop, which LSE replaces"
echo "   with one atomic and three nops; the series' fast path falls through to its"
echo "   LSE atomic, and the capability tests on the way are nops once patched.)"
for f in $funcs; do
	step "$f: $stock_id | $series_id"
	pr -m -t -w 120 <(listing "$CG/stock.dis" "$f") <(listing "$CG/series.dis" "$f")
done
