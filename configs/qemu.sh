# shellcheck shell=bash
# shellcheck disable=SC2034 # sourced: boot.sh and test.sh use these
# The QEMU side of the lab: the command line and the modes make test boots.

QEMU_BIN=qemu-system-aarch64
# Debian's QEMU wants a ROM for the default NIC: the guest has none.
QEMU_ARGS=(-m 2G -nographic -nic none -no-reboot)
KERNEL_CMDLINE="console=ttyAMA0 loglevel=5 panic=-1"
QEMU_TIMEOUT=${QEMU_TIMEOUT:-1200}	# seconds for one boot and suite run

# One mode a line:  name | machine and CPU | kernel parameters |
# boot-log lines that must appear | boot-log lines that must not appear
# (patterns are grep -E, several separated by ";") | the suite's cases
# that skip there (any other skip fails the mode, and so does one of these
# that does not skip).  The patterns prove
# that the feature a mode is for is really in use (and, in every mode but
# off, that the per-CPU kernel page tables of the local percpu map are,
# and this_cpu_*() through it).  smp1 also gives percpu_local= a value it
# must reject; off runs the same image with the map turned off.
# The cases that skip without the map (modes off and nomap)
NOMAP_SKIPS="local_map_boot pgd_readonly local_alias_static local_alias_dynamic local_map_churn local_alias_new_chunk local_map_vmalloc local_map_failure local_map_reuse local_map_full local_alias_module local_map_hotplug"

QEMU_MODES="
max  | -M virt -cpu max,pauth-impdef=on -smp 4 | | detected: LSE atomic instructions;detected: Common not Private translations;KASLR enabled;detected: Privileged Access Never;Total of 4 processors activated;percpu: per-CPU kernel page tables;local entries all global. kpti off;detected: Local percpu map | CPU: All CPU.s. started at EL2 |
el2  | -M virt,virtualization=on -cpu max,pauth-impdef=on -smp 4 | | CPU: All CPU.s. started at EL2;detected: Virtualization Host Extensions;Total of 4 processors activated;percpu: per-CPU kernel page tables;detected: Local percpu map | |
a57  | -M virt -cpu cortex-a57 -smp 4 | | Total of 4 processors activated;percpu: per-CPU kernel page tables;detected: Local percpu map | detected: LSE atomic instructions;detected: Privileged Access Never |
kpti | -M virt -cpu max,pauth-impdef=on -smp 4 | kpti=1 | detected: Kernel page table isolation .KPTI.;Total of 4 processors activated;percpu: per-CPU kernel page tables;local entries all nG. kpti on;detected: Local percpu map | |
smp1 | -M virt -cpu max,pauth-impdef=on -smp 1 | percpu_local=maybe | Total of 1 processors activated;percpu_local=maybe not understood .use on or off., the local percpu map stays on;percpu: per-CPU kernel page tables;detected: Local percpu map | | local_alias_static local_alias_dynamic local_alias_new_chunk local_alias_module hotplug
off  | -M virt -cpu max,pauth-impdef=on -smp 4 | percpu_local=off | Total of 4 processors activated;percpu: local percpu map off .percpu_local=off. | percpu: per-CPU kernel page tables;detected: Local percpu map | $NOMAP_SKIPS
"

# Modes that make test does not run, for make matrix, make bench and by
# hand: nomap for a kernel built without the local map, one for a single
# CPU with no parameter (make bench's workloads), smp64 for many CPUs (the virt
# machine's default GICv2 stops at 8: they need GICv3).  smp64 runs the
# vCPUs in one host thread with guest time counted in instructions
# (-icount): 64 vCPU threads on a 2-core host preempt each other inside
# spinlocks, and the guest's watchdogs report host starvation as soft
# lockups and hung tasks.
QEMU_EXTRA_MODES="
nomap | -M virt -cpu max,pauth-impdef=on -smp 4 | | Total of 4 processors activated | percpu: per-CPU kernel page tables;detected: Local percpu map;percpu: local percpu map | $NOMAP_SKIPS
one   | -M virt -cpu max,pauth-impdef=on -smp 1 | | Total of 1 processors activated | |
smp64 | -M virt,gic-version=3 -cpu max,pauth-impdef=on -smp 64 -icount shift=0,sleep=off | | Total of 64 processors activated;percpu: per-CPU kernel page tables;detected: Local percpu map | | local_map_reuse
"
