# The percpu local-mapping lab.  See README.md.
#
#   make             build the patched kernel, boot it in QEMU, run the suite
#   make test        checkpatch, build, and the suite in every QEMU mode (CI)
#   make tree        recreate build/linux from base + patches/
#   make export      build/linux commits -> patches/
#   make checkpatch  checkpatch.pl --strict on every patch
#   make qemu        interactive shell in the guest (MODE=max|el2|a57|kpti|smp1)
#   make codegen     this_cpu_*() disassembly, stock tree and series side by side
#   make matrix      the suite in other configurations (MATRIX="row ..."; not CI)
#   make bench       stock vs patched vs percpu_local=off under QEMU -icount -> results/ (not CI)
#   make sendemail-dry  what git send-email would post, and to whom (sends nothing)
#   make bisect-check   every commit builds, map on and off (not CI; slow)
#   make clean       remove build outputs (not the tree, not the caches)

MODE ?= max

all:
	scripts/run.sh

test:
	scripts/test.sh

tree:
	scripts/deps.sh
	scripts/tree.sh --force

export:
	scripts/export.sh

checkpatch:
	scripts/deps.sh
	scripts/tree.sh
	scripts/checkpatch.sh

qemu:
	scripts/boot.sh --shell $(MODE)

matrix:
	scripts/deps.sh matrix
	scripts/tree.sh
	scripts/matrix.sh

bisect-check:
	scripts/deps.sh
	scripts/tree.sh
	scripts/bisect-check.sh

sendemail-dry:
	scripts/deps.sh sendemail
	scripts/tree.sh
	scripts/sendemail.sh

codegen:
	scripts/deps.sh
	scripts/tree.sh
	scripts/codegen.sh

bench:
	scripts/deps.sh bench
	scripts/tree.sh
	scripts/bench.sh

clean:
	rm -rf build/linux/out build/linux/out-* build/stock/out build/codegen \
		build/matrix build/rootfs* build/initramfs*.cpio.gz build/logs

.PHONY: all test tree export checkpatch qemu codegen matrix sendemail-dry bisect-check bench clean
