# The percpu local-mapping lab.  See README.md.
#
#   make             build the patched kernel, boot it in QEMU, run the suite
#   make test        checkpatch, build, and the suite in every QEMU mode (CI)
#   make tree        recreate build/linux from base + patches/
#   make export      build/linux commits -> patches/
#   make checkpatch  checkpatch.pl --strict on every patch
#   make qemu        interactive shell in the guest (MODE=max, or any mode of configs/qemu.sh)
#   make codegen     this_cpu_*() disassembly, stock tree and series side by side
#   make matrix      the suite in other configurations (MATRIX="row ..."; not CI)
#   make bench       stock vs patched vs percpu_local=off under QEMU -icount -> results/ (not CI)
#   make sendemail-dry  what git send-email would post, and to whom (sends nothing)
#   make resign      re-author and re-sign the series as you (git config user.name/email)
#   make bisect-check   every commit builds, map on and off, W=1 and sparse clean (not CI; slow)
#   make deb         arm64 .deb packages for real servers (defconfig + series) -> build/deb (not CI; slow)
#   make clean       remove build outputs (not the tree, not the caches)
#   make help        this list

MODE ?= max

all:
	scripts/run.sh

test:
	scripts/test.sh

help:
	@sed -n 's/^#   //p' Makefile

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
	scripts/deps.sh bisect
	scripts/tree.sh
	scripts/bisect-check.sh

sendemail-dry:
	scripts/deps.sh sendemail
	scripts/tree.sh
	scripts/sendemail.sh

resign:
	scripts/tree.sh
	scripts/resign.sh

codegen:
	scripts/deps.sh
	scripts/tree.sh
	scripts/codegen.sh

bench:
	scripts/deps.sh bench
	scripts/tree.sh
	scripts/bench.sh

deb:
	scripts/deps.sh deb
	scripts/tree.sh
	scripts/deb.sh

clean:
	rm -rf build/linux/out build/linux/out-* build/stock/out build/codegen \
		build/matrix build/rootfs* build/initramfs*.cpio.gz build/logs \
		build/bench/stock/out-* build/bisect/out-* build/deb
	find build/bench -mindepth 1 -maxdepth 1 ! -name stock -exec rm -rf {} + 2>/dev/null || true

.PHONY: all test tree export checkpatch qemu codegen matrix sendemail-dry resign bisect-check bench deb clean help
