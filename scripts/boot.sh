#!/bin/bash
# Boot the built kernel in one QEMU mode (configs/qemu.sh), run the
# percpu_local kselftest in it and judge the run.
#
#   boot.sh MODE           run the suite, print one line per check, and leave
#                          "passed failed skipped" in build/logs/MODE.counts
#   boot.sh --shell MODE   an interactive shell in the guest instead
#
# RUNS=N runs the suite N times in one boot (to look for flaky cases, or
# for state a first run leaves behind).
#
# A run fails on a failed case, on a case that reported nothing, on a
# case that skips where the mode does not expect it to (or does not skip
# where it does), on a verdict of the kselftest runner other than ok, on
# a kernel splat anywhere in the console or the final dmesg, on a boot log
# that does not show the mode's feature at work, on a "LAB: FAIL" line of
# the guest's own checks, on a monitor command QEMU rejected, and on a
# timeout.  The mode's lines are looked for in the console and in what
# QEMU's monitor said (its events).  A mode of more than one boot
# (scripts/guest-flows) gets its next boot when the guest asked for it and
# then powered off unfinished, three boots at most.
set -euo pipefail
. "$(dirname "$0")/lab.sh"
. "$TOP/configs/qemu.sh"

shell=0
if [ "${1:-}" = --shell ]; then
	shell=1
	shift
fi
mode=${1:-max}
spec=$(row "$QEMU_MODES$QEMU_EXTRA_MODES" "$mode")
[ -n "$spec" ] || die "unknown mode '$mode'; modes: $(rows "$QEMU_MODES$QEMU_EXTRA_MODES")"
machine=$(cut -d'|' -f2 <<<"$spec" | trim)
params=$(cut -d'|' -f3 <<<"$spec" | trim)
must=$(cut -d'|' -f4 <<<"$spec" | trim)
mustnot=$(cut -d'|' -f5 <<<"$spec" | trim)
skips=" $(cut -d'|' -f6 <<<"$spec" | trim) "
# LAB_NOMAP=1: the kernel has no local map (the stock base with the
# suite's first patch, or the map compiled out).  The mode's lines about
# the map (those naming percpu or the local entries) are not required,
# the map's own boot lines must be absent, and the cases that need the
# map skip; those of them the kernel's suite lacks (the first patch has
# none) are not looked for.
nomap=${LAB_NOMAP:-0}
if [ "$nomap" = 1 ]; then
	must=$(tr ';' '\n' <<<"$must" | grep -vE 'percpu|local entries' | paste -sd';' || true)
	mustnot+="${mustnot:+;}$MAP_ON"
	skips+="$NOMAP_SKIPS "
fi

image=$KOUT/arch/arm64/boot/Image
[ -f "$image" ] && [ -f "$INITRD" ] || die "no kernel or initramfs: run make first"
mkdir -p "$LOGS"
log=$LOGS/$mode.log
# The files a mode's QEMU arguments name (configs/qemu.sh): the kernel and
# initramfs as disks (the kexec modes), and a scratch disk, new and empty
# for every run.
scratch=$LOGS/$mode.scratch
machine=${machine//@IMAGE@/$image}
machine=${machine//@INITRD@/$INITRD}
if [[ $machine == *@SCRATCH@* ]]; then
	rm -f "$scratch"
	truncate -s "$SCRATCH_SIZE" "$scratch"
	machine=${machine//@SCRATCH@/$scratch}
fi
# shellcheck disable=SC2206 # the machine field is a list of arguments
cmd=("$QEMU_BIN" $machine "${QEMU_ARGS[@]}" -kernel "$image" -initrd "$INITRD")
append="$KERNEL_CMDLINE${params:+ $params} lab.mode=$mode lab.runs=${RUNS:-1}"
if [ $shell = 1 ]; then
	echo "${cmd[*]} -append \"$append lab.shell\""
	echo "(QEMU monitor: Ctrl-a c; quit: Ctrl-a x)"
	exec "${cmd[@]}" -append "$append lab.shell"
fi

# The guest talks to the lab in lines of its console (guest-flows):
# "LAB: monitor: CMD" sends the human monitor command CMD to QEMU through
# QMP on a pipe, whose answers and events go to $mode.monitor (a command
# QEMU rejects fails the run); "LAB: next boot: PARAMS" asks for another
# boot, with PARAMS added to the command line, once QEMU exits (a
# hibernated guest powers off, its resume is the next boot).
mon=$LOGS/$mode.mon
rm -f "$mon.in" "$mon.out"
mkfifo "$mon.in" "$mon.out"
# The command end held open here, so that writing to it never blocks; the
# answer end read by cat, and held open for writing between the boots
# only, so that cat sees its end (and has copied everything) once the last
# QEMU is gone.
exec 9<>"$mon.in"
cat "$mon.out" >"$LOGS/$mode.monitor" 9>&- &
moncat=$!
exec 8>"$mon.out"
trap 'kill $moncat 2>/dev/null || true; rm -f "$mon.in" "$mon.out"' EXIT
cmd+=(-qmp "pipe:$mon")
# console: show the run's progress, forward the guest's monitor commands
console() {
	local line
	while IFS= read -r line; do
		case $line in
		"LAB: monitor: "*)
			c=${line#LAB: monitor: }
			c=${c//\\/\\\\}
			c=${c//\"/\\\"}
			printf '{"execute": "human-monitor-command", "arguments": {"command-line": "%s"}}\n' \
				"$c" >&9
			printf '  | %s\n' "$line" ;;
		"LAB: booted"* | "LAB: kselftest"* | "LAB: next boot"* | "LAB: FAIL"* | \
		"# ok "[0-9]* | "# not ok "[0-9]*)
			printf '  | %s\n' "$line" ;;
		esac
	done
}

: >"$log"
boots=0 extra=
while :; do
	boots=$((boots + 1))
	from=$(($(wc -l <"$log") + 1))
	step "mode $mode${extra:+, boot $boots}: ${cmd[*]} -append \"$append$extra\""
	printf '{"execute": "qmp_capabilities"}\n' >&9
	set +e
	# Line-buffered, so that the log of a run that hangs shows where it stopped.
	timeout "$QEMU_TIMEOUT" "${cmd[@]}" -append "$append$extra" </dev/null 2>&1 |
		stdbuf -oL tr -d '\r' | tee -a "$log" | console
	rc=${PIPESTATUS[0]}
	set -e
	# another boot if this one asked for it and then powered off (its
	# last kernel line) unfinished
	this=$(tail -n +"$from" "$log")
	next=$(sed -n 's/^LAB: next boot: //p' <<<"$this" | tail -n 1)
	[ "$rc" = 0 ] && [ -n "$next" ] && [ $boots -lt 3 ] &&
		[[ $this != *$'\n'"LAB: dmesg end"$'\n'* ]] &&
		grep -E '^\[ *[0-9.]+\] ' <<<"$this" | tail -n 1 | grep -q 'reboot: Power down$' || break
	extra+=" $next"
done
exec 8>&-
wait "$moncat" || true

pass=0 fail=0 skip=0
result() {	# result pass|fail|skip NAME [DETAIL]
	case $1 in
	pass) pass=$((pass + 1)); printf '  PASS  %s\n' "$2" ;;
	skip) skip=$((skip + 1)); printf '  SKIP  %s\n' "$2" ;;
	*) fail=$((fail + 1)); printf '  FAIL  %s%s\n' "$2" "${3:+: $3}" ;;
	esac
}

kver=$(sed -n 's/^LAB: booted \([^ ]*\) .*/\1/p' "$log" | head -n 1)
echo "  kernel ${kver:-(did not boot)}, mode $mode, log $log"

# The cases, as the kselftest runner nests the suite's KTAP in its own.
plan=$(sed -n 's/^# 1\.\.\([0-9]*\)$/\1/p' "$log" | head -n 1)
nres=0 seen=" "
while read -r st name directive; do
	nres=$((nres + 1))
	seen+=" $name "
	if [ "$st" = "not" ]; then
		result fail "$name"
	elif [ "$directive" = "# SKIP" ]; then
		if [[ $skips == *" $name "* ]]; then
			result skip "$name"
		else
			result fail "$name" "skipped, and mode $mode does not expect it to (configs/qemu.sh)"
		fi
	elif [[ $skips == *" $name "* ]]; then
		result fail "$name" "passed, and mode $mode expects it to skip (configs/qemu.sh)"
	else
		result pass "$name"
	fi
done < <(sed -n -E 's/^# (not ok|ok) [0-9]+ ([A-Za-z0-9_]+)( # SKIP)?.*/\1 \2\3/p' "$log" | sed 's/^not ok/not/')
grep -E '^# # ' "$log" | grep -iE 'expected|fail|not |cannot' | sed 's/^/        /' | head -n 30 || true
# an expected skip that names no case of the suite (a typo, a rename)
for name in $skips; do
	[ "$nomap" = 1 ] && [[ " $NOMAP_SKIPS " == *" $name "* ]] && continue
	[[ $seen == *" $name "* ]] || [ "$nres" = 0 ] ||
		result fail "$name" "mode $mode expects it to skip, and the suite has no such case"
done

if [ "$rc" = 124 ]; then
	result fail "run finished" "timeout after ${QEMU_TIMEOUT}s"
elif [ "$(grep -c '^LAB: kselftest exit' "$log")" != "${RUNS:-1}" ]; then
	result fail "run finished" "the guest stopped before the suite ended (QEMU exit $rc)"
elif [ -z "$plan" ] || [ "$nres" != $((plan * ${RUNS:-1})) ]; then
	result fail "run finished" "${plan:-no} cases planned ${RUNS:-1} times, $nres reported"
elif [ "$(grep -cE '^ok [0-9]+ selftests: percpu_local: percpu_local.sh$' "$log")" != "${RUNS:-1}" ]; then
	# the runner's own verdict (exit status, its timeout), not the guest's
	# "kselftest exit", which run_kselftest.sh leaves at 0
	result fail "run finished" "the kselftest runner says: $(grep -m1 -E '^(not )?ok [0-9]+ selftests: |^# TIMEOUT' "$log" || echo nothing)"
else
	result pass "run finished ($nres cases reported)"
fi

if grep -qE '"return": "Error|"error": \{' "$LOGS/$mode.monitor"; then
	result fail "QEMU monitor commands" "$(grep -m1 -E '"return": "Error|"error": \{' "$LOGS/$mode.monitor")"
fi
if grep -q '^LAB: FAIL' "$log"; then
	result fail "the guest's own checks" "$(grep -c '^LAB: FAIL' "$log") failed"
	grep '^LAB: FAIL' "$log" | sed 's/^/        /' | head -n 20
else
	result pass "the guest's own checks"
fi
# The panic the kdump mode asks for, from the sysrq that makes it to the
# capture kernel's start, is no splat; there must be one, and nothing else
# in that stretch.
clean=$LOGS/$mode.console
sed '/\] sysrq: Trigger a crash$/,/\] Starting crashdump kernel/d' "$log" >"$clean"
crash=$(sed -n '/\] sysrq: Trigger a crash$/,/\] Starting crashdump kernel/p' "$log")
if [ -n "$crash" ]; then
	other=$(grep -E "$SPLAT" <<<"$crash" | grep -vE 'Kernel panic - not syncing: sysrq triggered crash|Call trace:' || true)
	if [ "$(grep -c 'Kernel panic - not syncing: sysrq triggered crash' <<<"$crash")" != 1 ] || [ -n "$other" ]; then
		result fail "the panic asked for" "not exactly one sysrq panic and nothing else: ${other:-$(grep -c 'Kernel panic' <<<"$crash") panics}"
	else
		result pass "the panic asked for, alone"
	fi
fi
if grep -qE "$SPLAT" "$clean"; then
	result fail "console clean" "$(grep -m1 -E "$SPLAT" "$clean")"
	grep -E -m5 -A12 "$SPLAT" "$clean" | sed 's/^/        /' | head -n 40
else
	result pass "console clean"
fi

# The mode's lines, in the console or in what QEMU's monitor said
IFS=';' read -ra pats <<<"$must"
for p in "${pats[@]}"; do
	[ -n "$p" ] || continue
	if grep -qE "$p" "$log" "$LOGS/$mode.monitor"; then
		result pass "boot log shows: $p"
	else
		result fail "boot log shows: $p" "not found"
	fi
done
IFS=';' read -ra pats <<<"$mustnot"
for p in "${pats[@]}"; do
	[ -n "$p" ] || continue
	if grep -qE "$p" "$log" "$LOGS/$mode.monitor"; then
		result fail "boot log lacks: $p" "$(grep -h -m1 -E "$p" "$log" "$LOGS/$mode.monitor")"
	else
		result pass "boot log lacks: $p"
	fi
done

echo "$pass $fail $skip" >"$LOGS/$mode.counts"
echo "  mode $mode: $pass passed, $fail failed, $skip skipped"
[ "$fail" = 0 ]
