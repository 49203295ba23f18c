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
# that does not skip).  The must and must-not lines are also looked for in
# what QEMU's monitor said (build/logs/MODE.monitor).  The patterns prove
# that the feature a mode is for is really in use (and, in every mode but
# off, that the per-CPU kernel page tables of the local percpu map are,
# and this_cpu_*() through it).  smp1 also gives percpu_local= a value it
# must reject; off runs the same image with the map turned off.
# The server-like modes: Debian's UEFI firmware (EDK2, qemu-efi-aarch64)
# from the two flash banks, code read-only and variables in a throw-away
# overlay (snapshot=on), loading the kernel through its EFI stub; and two
# NUMA nodes of two CPUs and 1 GiB each, in the device tree.  Not through
# ACPI: this EDK2 reports its variable flash as write-combining runtime
# MMIO, which arm64's EFI code adds to memblock (nomap), QEMU's SRAT does
# not cover those 64 MiB, and 6.12 then rejects the SRAT ("NUMA: no nodes
# coverage for 64MB of 2112MB RAM") and fakes a single node.
QEMU_EFI="-drive if=pflash,format=raw,readonly=on,file=/usr/share/AAVMF/AAVMF_CODE.fd -drive if=pflash,format=raw,snapshot=on,file=/usr/share/AAVMF/AAVMF_VARS.fd"
QEMU_NUMA2="-object memory-backend-ram,id=mem0,size=1G -object memory-backend-ram,id=mem1,size=1G -numa node,nodeid=0,cpus=0-1,memdev=mem0 -numa node,nodeid=1,cpus=2-3,memdev=mem1"
# The modes of more than one kernel (scripts/guest-flows): kexec and kdump
# read the lab's Image and initramfs from two read-only virtio disks (boot.sh
# puts in their paths for @IMAGE@ and @INITRD@); hibernate swaps to a
# scratch disk (@SCRATCH@, new for every run); memhp boots through UEFI and
# ACPI (QEMU's virt machine hot-plugs memory through ACPI only) with two
# DIMM slots free.
QEMU_KEXEC="-drive if=none,id=image,format=raw,readonly=on,file=@IMAGE@ -device virtio-blk-device,drive=image,serial=image -drive if=none,id=initrd,format=raw,readonly=on,file=@INITRD@ -device virtio-blk-device,drive=initrd,serial=initrd"
QEMU_SWAP="-drive if=none,id=scratch,format=raw,file=@SCRATCH@ -device virtio-blk-device,drive=scratch,serial=scratch"
SCRATCH_SIZE=1G
# (QEMU merges this -m with QEMU_ARGS' later "-m 2G": the size stays, and
# so do the slots.)
QEMU_DIMMS="-m 2G,slots=2,maxmem=4G"
# What every mode with the map must show: the per-CPU kernel page tables
# in use, and this_cpu_*() through them.
MAP_ON="percpu: per-CPU kernel page tables;detected: Local percpu map"
# The case that skips on one NUMA node (every mode but numa)
ONE_NODE=local_map_numa
# The cases that skip without the map (modes off and nomap)
NOMAP_SKIPS="local_map_boot local_map_numa pgd_readonly local_alias_static local_alias_dynamic local_map_churn local_alias_new_chunk local_map_vmalloc local_map_failure local_map_reuse local_map_full local_alias_module local_map_hotplug"

QEMU_MODES="
max  | -M virt -cpu max,pauth-impdef=on -smp 4 | | detected: LSE atomic instructions;detected: Common not Private translations;KASLR enabled;detected: Privileged Access Never;Total of 4 processors activated;local entries all global. kpti off;$MAP_ON | CPU: All CPU.s. started at EL2 | $ONE_NODE
el2  | -M virt,virtualization=on -cpu max,pauth-impdef=on -smp 4 | | CPU: All CPU.s. started at EL2;detected: Virtualization Host Extensions;Total of 4 processors activated;$MAP_ON | | $ONE_NODE
a57  | -M virt -cpu cortex-a57 -smp 4 | | Total of 4 processors activated;$MAP_ON | detected: LSE atomic instructions;detected: Privileged Access Never | $ONE_NODE
kpti | -M virt -cpu max,pauth-impdef=on -smp 4 | kpti=1 | detected: Kernel page table isolation .KPTI.;Total of 4 processors activated;local entries all nG. kpti on;$MAP_ON | | $ONE_NODE
smp1 | -M virt -cpu max,pauth-impdef=on -smp 1 | percpu_local=maybe | Total of 1 processors activated;percpu_local=maybe not understood .use on or off., the local percpu map stays on;$MAP_ON | | local_alias_static local_alias_dynamic local_alias_new_chunk local_alias_module hotplug $ONE_NODE
off  | -M virt -cpu max,pauth-impdef=on -smp 4 | percpu_local=off | Total of 4 processors activated;percpu: local percpu map off .percpu_local=off. | $MAP_ON | $NOMAP_SKIPS
uefi-acpi | -M virt,gic-version=3 -cpu max,pauth-impdef=on -smp 4 $QEMU_EFI | acpi=force | EFI stub: Booting Linux Kernel;efi: EFI v[0-9.]+ by EDK II;ACPI: SPCR: console: pl011;ACPI: Interpreter enabled;ACPI: Using GIC for interrupt routing;Total of 4 processors activated;$MAP_ON | Machine model:;ACPI: Unable to load | $ONE_NODE
numa | -M virt,gic-version=3 -cpu max,pauth-impdef=on -smp 4 $QEMU_NUMA2 | | Machine model: linux,dummy-virt;NODE_DATA.1. allocated;Initmem setup node 1;smp: Brought up 2 nodes, 4 CPUs;$MAP_ON | ACPI: SRAT;NUMA: Faking a node |
kexec | -M virt -cpu max,pauth-impdef=on -smp 4 $QEMU_KEXEC | lab.flow=kexec | LAB: percpu_local/check before kexec: ok;LAB: kexec: loaded, CPUs 0-3 online;kexec_core: Starting new kernel;Bye.;LAB: booted .* lab.stage=2;LAB: kexec: the second kernel, CPUs 0-3 online;LAB: percpu_local/check after kexec: ok;$MAP_ON | | $ONE_NODE
kdump | -M virt -cpu max,pauth-impdef=on -smp 4 $QEMU_KEXEC | lab.flow=kdump crashkernel=256M | crashkernel reserved;LAB: kdump: capture kernel loaded, 4 CPUs online;LAB: crashing on purpose;Starting crashdump kernel;LAB: booted .* lab.stage=2;LAB: vmcore: 4 NT_PRSTATUS notes for the 4 CPUs online at the crash, one of them init's;LAB: vmcore: 4 of 4 crash_notes addresses hold an NT_PRSTATUS note;LAB: vmcore: 8 of 8 values read back at their per_cpu_ptr_to_phys.. addresses;LAB: vmcore: 8 of 8 at their per_cpu_ptr.. addresses through the dumped swapper_pg_dir;LAB: vmcore: VMCOREINFO's global percpu area .* holds 8 of 8;$MAP_ON | | $ONE_NODE
hibernate | -M virt -cpu max,pauth-impdef=on -smp 4 $QEMU_SWAP | lab.flow=hibernate no_console_suspend | LAB: percpu_local/check before hibernation: ok;LAB: next boot: lab.stage=resume;PM: Image saving done;LAB: hibernate: resuming from;PM: Image loading done;PM: hibernation: hibernation exit;LAB: hibernate: the process that hibernated .* goes on, CPUs 0-3 online;LAB: percpu_local/check after resume: ok;$MAP_ON | | $ONE_NODE
memhp | -M virt,gic-version=3 -cpu max,pauth-impdef=on -smp 4 $QEMU_EFI $QEMU_DIMMS | acpi=force lab.flow=memhp | LAB: percpu_local/check before hot-add: ok;LAB: memhp: 8 blocks added and online;LAB: percpu_local/check after hot-add: ok;DEVICE_DELETED.*dimm0;LAB: memhp: hot-removed;LAB: percpu_local/check after hot-remove: ok;$MAP_ON | Machine model: | $ONE_NODE
pnmi | -M virt,gic-version=3 -cpu max,pauth-impdef=on -smp 4 | irqchip.gicv3_pseudo_nmi=1 | GICv3: Pseudo-NMIs enabled;hw perfevents: enabled with armv8_pmuv3.*using NMIs;NMI watchdog: Enabled;nmi_updates: .* overflows, [0-9]+ of them in NMI context .all.;Total of 4 processors activated;$MAP_ON | | $ONE_NODE
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
nomap | -M virt -cpu max,pauth-impdef=on -smp 4 | | Total of 4 processors activated | $MAP_ON;percpu: local percpu map | $NOMAP_SKIPS
one   | -M virt -cpu max,pauth-impdef=on -smp 1 | | Total of 1 processors activated | | $ONE_NODE
smp64 | -M virt,gic-version=3 -cpu max,pauth-impdef=on -smp 64 -icount shift=0,sleep=off | | Total of 64 processors activated;$MAP_ON | | local_map_reuse $ONE_NODE
"
