#!/bin/bash
# make bench: the stock and the patched kernel, built from one benchmark
# configuration, booted in QEMU with -icount shift=0 and measured by the
# same workloads; the patched image is also booted with percpu_local=off.
# Writes results/ (README.md with the table, the commands and versions,
# ratios.png, the raw figures and both kernels' .config).
#
#   BENCH_STEPS="build run report"  the steps to run (default: all three)
#   BENCH_BOOTS="stock patched"     only these boots of BENCH_BOOTS_ALL
#   BENCH_REPS=5                    runs of each workload in one boot; the
#                                   table shows the median
#
# The stock tree is base + patches/0001 (the test suite only), a clone in
# build/bench/stock; the patched one is build/linux.  Both build into
# their out-bench directory.  Everything else bench makes is under
# build/bench, the logs under build/logs/bench.
set -euo pipefail
export LAB_VARIANT=${LAB_VARIANT-bench}	# O=out-bench, build/logs/bench
. "$(dirname "$0")/lab.sh"
. "$TOP/configs/qemu.sh"

B=$BUILD/bench
STOCK=$B/stock
RESULTS=$TOP/results
STEPS=${BENCH_STEPS:-build run report}
REPS=${BENCH_REPS:-5}
BENCH_TIMEOUT=${BENCH_TIMEOUT:-3600}	# seconds for one boot
# Guest time advances by one ns per instruction executed (by all vCPUs
# together), so guest-measured ns are instruction counts.  sleep=off: an
# idle guest jumps to its next timer instead of waiting in real time, so
# that nothing the host does shows in the figures.
# shellcheck disable=SC2054 # one option, comma and all
ICOUNT=(-icount shift=0,sleep=off)

# One boot a line:  name | kernel | QEMU mode (configs/qemu.sh) | more
# kernel parameters | what the guest measures (bench/guest/init).  The
# workloads run on one CPU (mode one): with more, the instructions other
# CPUs execute meanwhile count in the same guest time, and moved fork and
# page-fault figures by up to 31 % between runs of one boot.  The
# overhead is measured at 4 and at 64 CPUs.
BENCH_BOOTS_ALL='
stock         | stock   | one   |                  | all
patched       | patched | one   |                  | all
off           | patched | one   | percpu_local=off | all
stock-smp4    | stock   | max   |                  | overhead
patched-smp4  | patched | max   |                  | overhead
off-smp4      | patched | max   | percpu_local=off | overhead
stock-smp64   | stock   | smp64 |                  | overhead
patched-smp64 | patched | smp64 |                  | overhead
off-smp64     | patched | smp64 | percpu_local=off | overhead
'
tree() { if [ "$1" = stock ]; then echo "$STOCK"; else echo "$KSRC"; fi; }

# The configuration: configs/*.config but debug.config, configs/series/
# for the patched kernel only, then bench/bench.config.
fragments() {
	local f
	for f in "$TOP"/configs/*.config; do
		[ "${f##*/}" = debug.config ] || echo "$f"
	done
	[ "$1" = stock ] || printf '%s\n' "$TOP"/configs/series/*.config
	echo "$TOP/bench/bench.config"
}

# The stock tree: base + patches/0001, kept if it is that already.
stock_tree() {
	local p want have
	p=$(echo "$TOP"/patches/0001-*.patch)
	[ -f "$p" ] || die "no patches/0001-*.patch"
	if [ ! -d "$STOCK/.git" ]; then
		git clone -q --shared "$BASE_REPO" "$STOCK"
		git -C "$STOCK" fetch -q origin tag base
		printf '/%s/\n' "$KOUT_NAME" >>"$STOCK/.git/info/exclude"
	fi
	want=$(git -C "$STOCK" patch-id --stable <"$p" | cut -d' ' -f1)
	have=$(git -C "$STOCK" log -1 -p --histogram --format='commit %H' | git -C "$STOCK" patch-id --stable | cut -d' ' -f1)
	if [ "$want" != "$have" ] || [ "$(git -C "$STOCK" rev-parse HEAD~1)" != "$(git -C "$STOCK" rev-parse base)" ] ||
	   [ -n "$(git -C "$STOCK" status --porcelain --untracked-files=no)" ]; then
		git -C "$STOCK" am --abort 2>/dev/null || true
		git -C "$STOCK" checkout -q -f --detach base
		git -C "$STOCK" -c user.name=lab -c user.email=lab@localhost am -q --keep-cr "$p"
	fi
	echo "  stock tree: base + $(git -C "$STOCK" log -1 --format='%h %s')"
}

# kmake KERNEL LOG ARGS...: make in that kernel's tree, O=out-bench.
# KMAKE names build/linux with -C; a second, absolute -C overrides it.
kmake() {
	local src log=$LOGS/$2
	src=$(tree "$1")
	shift 2
	echo "${KMAKE[*]} -C $src $*" >>"$B/$STEP.commands"
	"${KMAKE[@]}" -C "$src" "$@" >"$log" 2>&1 </dev/null ||
		{ tail -n 30 "$log"; die "make $* in $src failed; log: $log"; }
}

build() {
	local k src
	stock_tree
	for k in stock patched; do
		src=$(tree $k)
		step "building the $k kernel ($src/$KOUT_NAME; log: $LOGS/$k-build.log)"
		mapfile -t frags < <(fragments $k)
		echo "$src: kconfig allnoconfig ${frags[*]##*/}" >>"$B/$STEP.commands"
		kconfig "$src" "$KOUT_NAME" "$LOGS/$k-config.log" "${frags[@]}"
		kmake $k $k-build.log Image modules
		# What was built, for the report: the tree may move on after.
		echo "base + $(git -C "$src" rev-list --count base..HEAD) patches, HEAD $(git -C "$src" log -1 --format='%s (%h)')" >"$B/$k.built"
		echo "  $(cat "$src/$KOUT_NAME/include/config/kernel.release")"
	done
}

# stress-ng from Debian's arm64 package, with every package it depends
# on as apt would install them on an empty system, unpacked (not
# installed) in build/bench/stress-ng.  On failure, the reason is in
# build/bench/stress-ng.why and the guest runs without it.
fetch_stress_ng() {
	local d=$B/stress-ng pkgs deb
	[ -x "$d/root/usr/bin/stress-ng" ] && return
	rm -rf "$d" "$B/stress-ng.why"
	mkdir -p "$d/debs" "$d/root"
	mapfile -t pkgs < <(apt-get -s -o Dir::State::status=/dev/null install --no-install-recommends stress-ng:arm64 2>&1 |
			    awk '/^Inst /{ print $2 }')
	if [ ${#pkgs[@]} = 0 ] || ! (cd "$d/debs" && apt-get download "${pkgs[@]}") >"$LOGS/stress-ng.log" 2>&1; then
		echo "apt-get could not resolve or download stress-ng:arm64 (log: $LOGS/stress-ng.log)" >"$B/stress-ng.why"
		return
	fi
	for deb in "$d"/debs/*.deb; do
		dpkg-deb -x "$deb" "$d/root"
	done
}

# add_libs ROOTFS FILE: copy the shared objects FILE needs, recursively,
# from the unpacked packages into ROOTFS's /lib/aarch64-linux-gnu.
add_libs() {
	local to=$1/lib/aarch64-linux-gnu from=$B/stress-ng/root todo=("$2") f n lib
	mkdir -p "$to"
	while [ ${#todo[@]} -gt 0 ]; do
		f=${todo[0]}
		todo=("${todo[@]:1}")
		for n in $("${CROSS_COMPILE}readelf" -d "$f" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
			[ -e "$to/$n" ] && continue
			lib=$(find "$from/lib/aarch64-linux-gnu" "$from/usr/lib/aarch64-linux-gnu" -name "$n" 2>/dev/null | head -n 1)
			[ -n "$lib" ] || { echo "$n, which stress-ng needs, is in none of its dependencies" >"$B/stress-ng.why"; return 1; }
			cp -L "$lib" "$to/$n"
			todo+=("$to/$n")
		done
	done
	ln -sf aarch64-linux-gnu/ld-linux-aarch64.so.1 "$1/lib/ld-linux-aarch64.so.1"
}

# initramfs KERNEL: busybox, bench/guest, the module built against that
# kernel, and stress-ng if it could be had.
initramfs() {
	local k=$1 src root=$B/rootfs-$1 mod=$B/module-$1 busybox
	src=$(tree "$k")
	rm -rf "$mod" "$root"
	mkdir -p "$mod" "$root"/{bin,dev,proc,sys,tmp,bench}
	cp "$TOP"/bench/module/{Kbuild,percpu_bench.c} "$mod/"
	kmake "$k" "module-$k.log" M="$mod" modules
	cp "$mod/percpu_bench.ko" "$root/bench/"
	"${CROSS_COMPILE}gcc" -static -O2 -Wall -Wextra -o "$root/bench/loops" "$TOP/bench/guest/loops.c"
	busybox=$(dpkg -L busybox-static:arm64 | grep '/bin/busybox$')
	cp "$busybox" "$root/bin/busybox"
	install -m 755 "$TOP/bench/guest/init" "$root/init"
	if [ -x "$B/stress-ng/root/usr/bin/stress-ng" ]; then
		mkdir -p "$root/usr/bin"
		cp "$B/stress-ng/root/usr/bin/stress-ng" "$root/usr/bin/"
		add_libs "$root" "$root/usr/bin/stress-ng" || rm -f "$root/usr/bin/stress-ng"
	fi
	(cd "$root" && find . | cpio -o -H newc -R 0:0 --quiet | gzip -1) >"$B/initramfs-$k.cpio.gz"
}

# boot NAME: one line of BENCH_BOOTS_ALL; its figures go to
# build/bench/NAME.txt ("key value"), its console to build/logs/bench/NAME.log.
boot() {
	local name=$1 k mode more what spec machine params image log rc icount
	k=$(field "$BENCH_BOOTS_ALL" "$name" 2)
	[ -n "$k" ] || die "unknown boot '$name'"
	mode=$(field "$BENCH_BOOTS_ALL" "$name" 3)
	more=$(field "$BENCH_BOOTS_ALL" "$name" 4)
	what=$(field "$BENCH_BOOTS_ALL" "$name" 5)
	spec="$QEMU_MODES$QEMU_EXTRA_MODES"
	machine=$(field "$spec" "$mode" 2)
	params=$(field "$spec" "$mode" 3)
	image=$(tree "$k")/$KOUT_NAME/arch/arm64/boot/Image
	log=$LOGS/$name.log
	[ -f "$image" ] || die "no $image: run the build step first"
	# Modes that count guest time in instructions already (smp64) say so.
	case " $machine " in
	*" -icount "*) icount=() ;;
	*) icount=("${ICOUNT[@]}") ;;
	esac
	# shellcheck disable=SC2206 # the machine field is a list of arguments
	cmd=("$QEMU_BIN" $machine "${QEMU_ARGS[@]}" "${icount[@]}" -kernel "$image" -initrd "$B/initramfs-$k.cpio.gz"
	     -append "$KERNEL_CMDLINE${params:+ $params}${more:+ $more} bench.what=$what bench.reps=$REPS")
	step "boot $name: ${cmd[*]}"
	echo "${cmd[*]}" >"$B/$name.cmd"
	set +e
	timeout "$BENCH_TIMEOUT" "${cmd[@]}" </dev/null 2>&1 | tr -d '\r' | tee "$log" |
		grep --line-buffered -E '^LAB: (booted|run)' | sed -u 's/^/  | /'
	rc=${PIPESTATUS[0]}
	set -e
	grep -q '^LAB: dmesg end' "$log" || die "boot $name did not finish (QEMU exit $rc); log: $log"
	! grep -qE "$SPLAT" "$log" ||
		die "boot $name: $(grep -m1 -E "$SPLAT" "$log"); log: $log"
	! grep -qE '^BENCH: error' "$log" || die "boot $name: $(grep -m1 '^BENCH: error' "$log")"
	sed -n 's/^BENCH: //p' "$log" >"$B/$name.txt"
	# Each column is what it says: the map in use, or not there at all.
	case $k/$more$params in
	patched/) grep -qx 'areas_this_cpu_ops local' "$B/$name.txt" || die "boot $name: this_cpu ops not local" ;;
	patched/*percpu_local=off*) grep -q 'local percpu map off' "$log" || die "boot $name: the map is not off" ;;
	esac
	case $k/$more$params in
	patched/) ;;
	*) ! grep -q '^areas_' "$B/$name.txt" || die "boot $name: a local percpu map where none should be" ;;
	esac
	echo "  $(grep -c . "$B/$name.txt") figures in $B/$name.txt"
}

run() {
	local names n k
	names=${BENCH_BOOTS:-$(printf '%s\n' "$BENCH_BOOTS_ALL" | cut -d'|' -f1 | xargs)}
	step "preparing the guests (stress-ng, modules, initramfs)"
	fetch_stress_ng
	for k in stock patched; do
		for n in $names; do
			if [ "$(field "$BENCH_BOOTS_ALL" "$n" 2)" = $k ]; then
				initramfs $k
				break
			fi
		done
	done
	for n in $names; do
		boot "$n"
	done
}

# vmlinux_figures KERNEL: "key value" lines from the image itself.
# preempt_rmw counts load, add or subtract 1, store of the preempt count
# (at TSK_TI_PREEMPT from current, which arm64 keeps in sp_el0): each
# preempt_disable() and preempt_enable() inlined.  Every sequence in the
# file counts, reachable or not: the patched image keeps the stock
# this_cpu_*() sequence behind each local one, for percpu_local=off.
vmlinux_figures() {
	local out off
	out=$(tree "$1")/$KOUT_NAME
	off=$(sed -n 's/^#define TSK_TI_PREEMPT \([0-9]*\).*/\1/p' "$out/include/generated/asm-offsets.h")
	"${CROSS_COMPILE}size" -A "$out/vmlinux" | awk '$1 == ".text" { print "vmlinux_text_bytes", $2 }'
	"${CROSS_COMPILE}objdump" -d --no-show-raw-insn "$out/vmlinux" | awk -v off="#$off]" '
		/^[0-9a-f]+ <.*>:$/ { delete cur; delete ld; delete mod; next }
		$2 == "mrs" && $4 == "tpidr_el1" { tpidr++ }
		$2 == "mrs" && $4 == "sp_el0" { r = $3; sub(/,$/, "", r); cur[substr(r, 2)] = 1; next }
		{ d = $3; sub(/,$/, "", d); n = substr(d, 2); b = $4; sub(/^\[x/, "", b); sub(/,$/, "", b) }
		$2 == "ldr" && (b in cur) && $5 == off { ld[n] = 1; next }
		($2 == "add" || $2 == "sub") && (n in ld) && $5 == "#0x1" { mod[n] = 1; next }
		$2 == "str" && (b in cur) && $5 == off && (n in mod) { rmw++; delete mod[n]; delete ld[n]; next }
		END { print "vmlinux_tpidr_el1_reads", tpidr + 0; print "vmlinux_preempt_rmw", rmw + 0 }'
}

# The table: one row a line,  label | key (of the guest's figures, or of
# vmlinux_figures) | boots for the stock, patched and off columns.  The
# workload rows are also plotted.
WORKLOAD_ROWS='
this_cpu_inc(), static (ns)                 | this_cpu_inc_static_ns
this_cpu_inc(), dynamic (ns)                | this_cpu_inc_dynamic_ns
this_cpu_read(), static (ns)                | this_cpu_read_static_ns
this_cpu_read(), dynamic (ns)               | this_cpu_read_dynamic_ns
this_cpu_add_return(), static (ns)          | this_cpu_add_return_static_ns
this_cpu_add_return(), dynamic (ns)         | this_cpu_add_return_dynamic_ns
this_cpu_cmpxchg(), static (ns)             | this_cpu_cmpxchg_static_ns
this_cpu_cmpxchg(), dynamic (ns)            | this_cpu_cmpxchg_dynamic_ns
alloc_percpu(4) (ns)                        | alloc_percpu_4_ns
alloc_percpu(64) (ns)                       | alloc_percpu_64_ns
alloc_percpu(1024) (ns)                     | alloc_percpu_1024_ns
alloc_percpu(8192) (ns)                     | alloc_percpu_8192_ns
free_percpu(4) (ns)                         | free_percpu_4_ns
free_percpu(64) (ns)                        | free_percpu_64_ns
free_percpu(1024) (ns)                      | free_percpu_1024_ns
free_percpu(8192) (ns)                      | free_percpu_8192_ns
page fault, anonymous (elapsed ns per fault) | pagefault_anon_ns
page fault, anonymous (CPU ns per fault)    | pagefault_anon_cpu_ns
page fault, shared tmpfs file (elapsed ns per fault) | pagefault_shared_ns
page fault, shared tmpfs file (CPU ns per fault) | pagefault_shared_cpu_ns
fork + exit (elapsed ns)                    | fork_exit_ns
fork + exit (CPU ns)                        | fork_exit_cpu_ns
memcg creation, 1,000 cgroups (elapsed ns each) | memcg_create_1000_ns
memcg creation, 1,000 cgroups (CPU ns each) | memcg_create_1000_cpu_ns
memcg removal, 1,000 cgroups (elapsed ns each) | memcg_remove_1000_ns
memcg removal, 1,000 cgroups (CPU ns each)  | memcg_remove_1000_cpu_ns
memcg creation, 10,000 cgroups (elapsed ns each) | memcg_create_10000_ns
memcg creation, 10,000 cgroups (CPU ns each) | memcg_create_10000_cpu_ns
memcg removal, 10,000 cgroups (elapsed ns each) | memcg_remove_10000_ns
memcg removal, 10,000 cgroups (CPU ns each) | memcg_remove_10000_cpu_ns
stress-ng --vm (elapsed ns per bogo op)     | stress_ng_vm_ns
stress-ng --vm (CPU ns per bogo op)         | stress_ng_vm_cpu_ns
'

# fig BOOT KEY: the median of KEY in build/bench/BOOT.txt, "-" if none.
fig() {
	[ -f "$B/$1.txt" ] || { echo -; return; }
	awk -v k="$2" '$1 == k { v[++n] = $2 }
		END {
			if (!n) { print "-"; exit }
			for (i = 2; i <= n; i++)
				for (j = i; j > 1 && v[j - 1] + 0 > v[j] + 0; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
			print v[int((n + 1) / 2)]
		}' "$B/$1.txt"
}
# span BOOT KEY: "min-max" of KEY over the runs; wide BOOT KEY: true if
# the runs differ by more than 10 %.
span() { awk -v k="$2" '$1 == k { if (!n++ || $2 < lo) lo = $2; if ($2 > hi) hi = $2 } END { if (n) printf "%s-%s", lo, hi }' "$B/$1.txt" 2>/dev/null; }
wide() { awk -v k="$2" '$1 == k { if (!n++ || $2 < lo) lo = $2; if ($2 > hi) hi = $2 } END { exit !(n && lo > 0 && hi > 1.1 * lo) }' "$B/$1.txt" 2>/dev/null; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && b > 0) printf "%.3f", a / b; else print "-" }'; }
gib() { awk -v a="$1" -v b="$2" 'BEGIN { if (a ~ /^[0-9]+$/ && b ~ /^[0-9]+$/) print (a - b) / 1048576; else print "-" }'; }
row() { printf '| %s | %s | %s | %s | %s | %s |\n' "$1" "$2" "$3" "$4" "$(ratio "$3" "$2")" "$(ratio "$4" "$2")"; }
# kib BOOT: what the local map's page tables take, "pgd tables" in KiB.
kib() {
	local ps
	ps=$(fig "$1" areas_page_size)
	if [ "$ps" = - ]; then
		echo "- -"
	else
		echo "$(($(fig "$1" areas_pgd_pages_total) * ps / 1024)) $(($(fig "$1" local_table_pages) * ps / 1024))"
	fi
}

report() {
	local label plabel key s p o k n s1 s2 p1 p2 o1 o2 head
	step "writing $RESULTS"
	rm -rf "$RESULTS"
	mkdir -p "$RESULTS/raw"
	for k in stock patched; do
		vmlinux_figures $k >"$B/vmlinux-$k.txt"
		cp "$(tree $k)/$KOUT_NAME/.config" "$RESULTS/config-$k"
	done
	cp "$B/vmlinux-patched.txt" "$B/vmlinux-off.txt"	# the same image
	cp "$B"/*.txt "$RESULTS/raw/"
	# shellcheck disable=SC2016 # backquotes for markdown
	head='| | stock | patched | patched, `percpu_local=off` | patched/stock | off/stock |
|---|---:|---:|---:|---:|---:|'
	: >"$RESULTS/ratios.dat"
	{
		echo "# make bench"
		echo
		echo "Written by \`make bench\` (scripts/bench.sh): every figure here comes from its"
		echo "last run; edit nothing by hand."
		echo
		echo "**These are instruction counts, not hardware time.**  QEMU ran every"
		echo "kernel with \`${ICOUNT[*]}\`: guest time advances by one"
		echo "nanosecond per instruction executed (by all vCPUs together), so each"
		echo "\"ns\" the guest measured is an instruction count.  Caches, TLBs, branch"
		echo "prediction and the real cost of an atomic do not show."
		echo
		echo "The workloads ran on one vCPU (\`-smp 1\`): with more, whatever the other"
		echo "vCPUs execute meanwhile counts in the same guest time.  Each user-space"
		echo "workload is measured twice: *elapsed* (CLOCK_MONOTONIC) counts everything"
		echo "the machine executed meanwhile, deferred work such as RCU callbacks and"
		echo "kworkers included, and the jumps of an idle guest to its next timer"
		echo "(\`sleep=off\`); *CPU* (the process's and its reaped children's CPU time)"
		echo "counts only what ran in their context."
		echo
		echo "- base: $(git -C "$STOCK" log -1 --format='%s (%h)' base)"
		echo "- stock: $(cat "$B/stock.built")"
		echo "- patched: $(cat "$B/patched.built")"
		echo "- off: the patched image, booted with \`percpu_local=off\`"
		echo "- configuration: allnoconfig + $(fragments patched | sed "s|^$TOP/||" | tr '\n' ' ')(\`configs/series/\` for the patched kernel only); [config-stock](config-stock), [config-patched](config-patched)"
		echo "- compiler: $("${CROSS_COMPILE}gcc" --version | head -n 1)"
		echo "- QEMU: $("$QEMU_BIN" --version | head -n 1)"
		echo "- each workload ran $(grep -c '^iters ' "$B/patched.txt") times in one boot (\`BENCH_REPS\`); the table has the median; [raw/](raw/) has every run"
		echo
		echo "## Workloads (-smp 1)"
		echo
		echo "$head"
		while IFS='|' read -r label key; do
			label=$(trim <<<"$label")
			key=$(trim <<<"$key")
			[ -n "$key" ] || continue
			s=$(fig stock "$key") p=$(fig patched "$key") o=$(fig off "$key")
			row "$label" "$s" "$p" "$o"
			plabel=${label% (*}	# the plot's: no unit, but elapsed or CPU
			case $label in
			*"(elapsed "*) plabel+=" (elapsed)" ;;
			*"(CPU "*) plabel+=" (CPU)" ;;
			esac
			printf '"%s" %s %s\n' "$plabel" "$(ratio "$p" "$s")" "$(ratio "$o" "$s")" >>"$RESULTS/ratios.dat"
		done <<<"$WORKLOAD_ROWS"
		echo
		echo "Rows whose runs differ by more than 10 % in some column (min-max of the runs;"
		echo "the median above is not a stable figure for them):"
		echo
		while IFS='|' read -r label key; do
			label=$(trim <<<"$label")
			key=$(trim <<<"$key")
			[ -n "$key" ] || continue
			for k in "" -smp4 -smp64; do
				[ -z "$k" ] || [ "${key#memcg_create_1000}" != "$key" ] || continue
				if wide stock$k "$key" || wide patched$k "$key" || wide off$k "$key"; then
					echo "- $label${k:+, $k}: stock $(span stock$k "$key"), patched $(span patched$k "$key"), off $(span off$k "$key")"
				fi
			done
		done <<<"$WORKLOAD_ROWS"
		echo
		echo "this_cpu_*() rows: the fastest of \`rounds\` loops of \`iters\` operations, less an empty"
		echo "loop, with preemption enabled (bench/module/percpu_bench.c).  alloc/free: $(fig patched allocs)"
		echo "areas allocated, then freed.  Page faults: mmap, touch every page, munmap of 64 MiB, 4"
		echo "times (bench/guest/loops.c).  stress-ng: its own elapsed time, and its user and system"
		echo "time, over its bogo ops.  The guest's commands are listed below."
		if [ "$(fig patched stress_ng_vm_ns)" = none ]; then
			echo "stress-ng did not run: $(cat "$B/stress-ng.why" 2>/dev/null || echo "see the guest's log")."
		fi
		echo
		echo "![patched/stock and off/stock per workload](ratios.png)"
		echo
		echo "## Overhead"
		echo
		echo "$head"
		for k in "" -smp4 -smp64; do
			n=${k#-smp}
			row "boot to init, -smp ${n:-1} (ns)" "$(fig stock$k boot_to_init_ns)" "$(fig patched$k boot_to_init_ns)" "$(fig off$k boot_to_init_ns)"
		done
		for key in memcg_create_1000_ns memcg_create_1000_cpu_ns; do
			for k in "" -smp4 -smp64; do
				n=${k#-smp}
				label="memcg creation, 1,000 cgroups, -smp ${n:-1} (elapsed ns each)"
				[ $key = memcg_create_1000_ns ] || label=${label/elapsed/CPU}
				row "$label" "$(fig stock$k $key)" "$(fig patched$k $key)" "$(fig off$k $key)"
			done
		done
		s=$(fig stock vmalloc_total_kib) p=$(fig patched vmalloc_total_kib) o=$(fig off vmalloc_total_kib)
		row "vmalloc space (KiB)" "$s" "$p" "$o"
		row "extra VA reserved (GiB)" "$(gib "$s" "$s")" "$(gib "$s" "$p")" "$(gib "$s" "$o")"
		for n in 4 64; do
			k=-smp$n
			read -r s1 s2 <<<"$(kib stock$k)"; read -r p1 p2 <<<"$(kib patched$k)"; read -r o1 o2 <<<"$(kib off$k)"
			row "per-CPU PGD blocks, -smp $n (KiB, all CPUs)" "$s1" "$p1" "$o1"
			row "local page-table pages, -smp $n (KiB, all CPUs)" "$s2" "$p2" "$o2"
		done
		row "vmlinux .text (bytes)" "$(fig vmlinux-stock vmlinux_text_bytes)" "$(fig vmlinux-patched vmlinux_text_bytes)" "$(fig vmlinux-off vmlinux_text_bytes)"
		row "TPIDR_EL1 reads in vmlinux" "$(fig vmlinux-stock vmlinux_tpidr_el1_reads)" "$(fig vmlinux-patched vmlinux_tpidr_el1_reads)" "$(fig vmlinux-off vmlinux_tpidr_el1_reads)"
		row "preempt_count read-modify-writes in vmlinux" "$(fig vmlinux-stock vmlinux_preempt_rmw)" "$(fig vmlinux-patched vmlinux_preempt_rmw)" "$(fig vmlinux-off vmlinux_preempt_rmw)"
		echo
		echo "\"-\": not there (no local percpu map in that kernel or boot).  Boot to init:"
		echo "CNTVCT_EL0 read by /init's first command, from the machine's reset.  vmalloc space:"
		echo "VmallocTotal; the extra VA reserved is stock's less this column's.  Per-CPU PGD blocks"
		echo "and local page-table pages: \`/sys/kernel/debug/percpu_local/areas\` (pgd_pages_total)"
		echo "and \`tables\` (total) after boot, for every possible CPU.  vmlinux counts are static"
		echo "(objdump): every \`mrs xN, tpidr_el1\`, and every load, add/sub 1, store of the preempt"
		echo "count through sp_el0; the patched image keeps the stock this_cpu_*() sequence behind each"
		echo "local one for \`percpu_local=off\`, so these count code that does not run."
		echo
		echo "## Commands"
		echo
		echo '```'
		echo "make bench    # scripts/deps.sh bench, scripts/tree.sh, scripts/bench.sh"
		cat "$B/build.commands" "$B/run.commands"
		for n in $(printf '%s\n' "$BENCH_BOOTS_ALL" | cut -d'|' -f1); do
			cat "$B/$n.cmd"
		done
		echo '```'
		echo
		echo "In the guest (bench/guest/init, each run):"
		echo
		echo '```'
		sed -n 's/^LAB: \$ //p' "$LOGS/patched.log" | awk '!seen[$0]++'
		echo '```'
	} >"$RESULTS/README.md"
	gnuplot <<-EOF
	set terminal pngcairo size 1300,760 font ",9" noenhanced
	set output "$RESULTS/ratios.png"
	set title "instructions, relative to stock (QEMU -icount shift=0: instruction counts, not hardware time)"
	set style data histograms
	set style histogram clustered gap 1
	set style fill solid 0.8 border -1
	set xtics rotate by -40 left noenhanced
	set ylabel "ratio to stock"
	set yrange [0:*]
	set grid ytics
	set key top right
	set datafile missing "-"
	set arrow from graph 0, first 1 to graph 1, first 1 nohead dt 2
	set bmargin 15
	set rmargin 24
	plot "$RESULTS/ratios.dat" using 2:xtic(1) title "patched/stock", "" using 3 title "patched, percpu_local=off / stock"
	EOF
	echo "  $RESULTS/README.md, ratios.png, raw/, config-*"
}

mkdir -p "$B" "$LOGS"
for STEP in $STEPS; do
	case $STEP in
	build|run|report) ;;
	*) die "unknown step '$STEP' (build, run, report)" ;;
	esac
done
for STEP in $STEPS; do
	[ "$STEP" = report ] || : >"$B/$STEP.commands"	# what the step runs, for results/
	$STEP
done
