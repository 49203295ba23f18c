#!/bin/bash
# Configure and build the kernel in build/linux/out, then pack the
# initramfs: busybox, the modules and the kselftest install tree.
set -euo pipefail
. "$(dirname "$0")/lab.sh"

# LAB_CONFIG (make matrix) is one more fragment, applied last.  The
# series' own fragment only for a tree that has its option (not the
# stock base, nor the suite's first patch alone: LAB_SRC).
FRAGMENTS=("$TOP"/configs/*.config)
tree_has_map "$KSRC" && FRAGMENTS+=("$TOP"/configs/series/*.config)
FRAGMENTS+=("$KSRC"/tools/testing/selftests/percpu_local/config ${LAB_CONFIG:+"$LAB_CONFIG"})
mkdir -p "$LOGS"

# kmake LOG TARGET...: run make in the tree, full output in LOG, its
# warnings on the terminal, the tail of LOG if it fails.
kmake() {
	local log=$LOGS/$1
	shift
	if ! "${KMAKE[@]}" "$@" >"$log" 2>&1 < /dev/null; then
		tail -n 40 "$log"
		die "make $* failed; full log: $log"
	fi
	grep -E 'warning:|error:' "$log" | sed 's/^/  /' | head -20 || true
}

step "configuring from ${FRAGMENTS[*]##*/} on allnoconfig"
kconfig "$KSRC" "$KOUT_NAME" "$LOGS/config.log" "${FRAGMENTS[@]}"
echo "  $(grep -c '=[ym]$' "$KOUT/.config") options set"

step "building Image and modules (log: $LOGS/kernel.log)"
ccache -z >/dev/null
progress kernel.log & prog=$!
trap 'kill $prog 2>/dev/null || true' EXIT
kmake kernel.log Image modules
kill $prog 2>/dev/null || true
KVER=$(cat "$KOUT/include/config/kernel.release")
echo "  built $KVER; ccache: $(ccache -s | grep -E '^\s*Hits:' | head -1 | tr -s ' ')"

step "building the percpu_local kselftest"
kmake kselftest.log TARGETS=percpu_local kselftest-install

step "packing the initramfs ($INITRD)"
rm -rf "$ROOTFS"
mkdir -p "$ROOTFS"/{bin,dev,proc,sys,tmp,usr/bin}
"${KMAKE[@]}" INSTALL_MOD_PATH="$ROOTFS" INSTALL_MOD_STRIP=1 modules_install >"$LOGS/modules_install.log" 2>&1 ||
	die "modules_install failed: $LOGS/modules_install.log"
cp -a "$KOUT/kselftest/kselftest_install" "$ROOTFS/kselftest"
busybox=$(dpkg -L busybox-static:arm64 | grep '/bin/busybox$')
cp "$busybox" "$ROOTFS/bin/busybox"
install -m 755 "$TOP/scripts/guest-init" "$ROOTFS/init"
install -m 644 "$TOP/scripts/guest-flows" "$ROOTFS/lab-flows"
"${CROSS_COMPILE}gcc" -static -O2 -Wall -Wextra -Werror -o "$ROOTFS/bin/lab-kexec" "$TOP/scripts/lab-kexec.c" ||
	die "cannot build the guest's lab-kexec"
(cd "$ROOTFS" && find . | cpio -o -H newc -R 0:0 --quiet | gzip -1) >"$INITRD"
echo "  $(du -h "$INITRD" | cut -f1) initramfs, kernel $KOUT/arch/arm64/boot/Image"
