#!/bin/bash
# make deb (not in CI; a full defconfig build, README.md has its time):
# installable arm64 packages of the series for real servers, made by the
# kernel's own bindeb-pkg.  The lab's own configuration starts from
# allnoconfig and only boots QEMU virt; this one is arm64 defconfig, which
# has the drivers of real machines, plus configs/series/ (the map), the
# percpu_local kselftest's config and configs/deb/ (48-bit VA, which the
# map needs, and the release name).
#
# The kselftest's config builds the test module in
# (CONFIG_TEST_PERCPU_LOCAL=y), as the lab does: built in, it also covers
# the image's static percpu area and the vmalloc_new_pgd step, so the
# suite runs every case on the hardware, and at boot it does nothing but
# create its files in debugfs (root only).  Its PERCPU_STATS only adds
# counters to percpu allocation and freeing.  defconfig already has
# DEBUG_FS, which the percpu_local/ files need.
#
#   DEB_STEPS="config package"  the steps to run (default both); config
#                               alone is quick and prints the checked options
#
# Builds build/linux (its HEAD) into build/linux/out-deb, logs in
# build/logs/deb; the packages end up in build/deb.
set -euo pipefail
export LAB_VARIANT=${LAB_VARIANT-deb}	# O=out-deb, build/logs/deb
. "$(dirname "$0")/lab.sh"

FRAGMENTS=("$TOP"/configs/series/*.config "$KSRC"/tools/testing/selftests/percpu_local/config
	   "$TOP"/configs/deb/*.config)
DEBS=$BUILD/deb
STEPS=${DEB_STEPS:-config package}
mkdir -p "$LOGS"

# kmake LOG ARGS...: make in the tree, output in $LOGS/LOG, its tail if it
# fails.  LOCALVERSION set, if empty: with LOCALVERSION_AUTO off and it
# unset, setlocalversion would append a "+" to the release.
kmake() {
	local log=$LOGS/$1
	shift
	"${KMAKE[@]}" LOCALVERSION= "$@" >"$log" 2>&1 </dev/null ||
		{ tail -n 40 "$log"; die "make $* failed; full log: $log"; }
}

config() {
	step "configuring $KOUT: arm64 defconfig + ${FRAGMENTS[*]##*/}"
	kconfig --defconfig "$KSRC" "$KOUT_NAME" "$LOGS/config.log" "${FRAGMENTS[@]}"
	echo "  $(grep -c '=[ym]$' "$KOUT/.config") options set; those of the fragments, as checked:"
	sed -n -E 's/^(# )?(CONFIG_[A-Za-z0-9_]+)[= ].*/\2/p' "${FRAGMENTS[@]}" | sort -u |
	while read -r opt; do
		grep -E "^($opt=|# $opt is not set)" "$KOUT/.config" | sed 's/^/    /'
	done
}

package() {
	local kver tree pkgver krel image f
	kver=$(make -s -C "$KSRC" kernelversion)
	# Deterministic, and it names the series: the hash of HEAD's tree
	# (the content, so the same patches give the same version on every
	# machine, whatever their commits' dates).
	tree=$(git -C "$KSRC" rev-parse --short=12 'HEAD^{tree}')
	pkgver=$kver+series.$tree-1

	step "building the packages, version $pkgver (log: $LOGS/bindeb-pkg.log)"
	ccache -z >/dev/null
	progress bindeb-pkg.log & prog=$!
	trap 'kill $prog 2>/dev/null || true' EXIT
	kmake bindeb-pkg.log KDEB_PKGVERSION="$pkgver" bindeb-pkg
	kill $prog 2>/dev/null || true
	krel=$(cat "$KOUT/include/config/kernel.release")
	echo "  built $krel; ccache: $(ccache -s | grep -E '^\s*Hits:' | head -1 | tr -s ' ')"

	# dpkg-buildpackage writes next to the O= directory, into build/linux;
	# debian/files names the packages it made.
	mapfile -t debs < <(awk '$1 ~ /\.deb$/ { print $1 }' "$KOUT/debian/files")
	[ ${#debs[@]} -gt 0 ] || die "bindeb-pkg made no package ($KOUT/debian/files)"
	rm -rf "$DEBS"
	mkdir -p "$DEBS"
	shopt -s nullglob
	for f in "${debs[@]/#/$KSRC/}" "$KSRC"/*_"$pkgver"_arm64.{buildinfo,changes}; do
		mv "$f" "$DEBS/"
	done
	shopt -u nullglob
	# The suite, to run on the server with the kselftest runner.
	kmake kselftest.log TARGETS=percpu_local kselftest-install
	tar -C "$KOUT/kselftest" -czf "$DEBS/kselftest-percpu_local.tar.gz" kselftest_install

	step "checking the image package"
	image=linux-image-${krel}_${pkgver}_arm64.deb
	[ -f "$DEBS/$image" ] || die "no $image among: ${debs[*]}"
	dpkg-deb -c "$DEBS/$image" | awk -v f="./boot/vmlinuz-$krel" '$NF == f { ok = 1 } END { exit !ok }' ||
		die "$image has no /boot/vmlinuz-$krel"
	dpkg-deb --fsys-tarfile "$DEBS/$image" | tar -xOf - "./boot/config-$krel" >"$LOGS/package.config" ||
		die "$image has no /boot/config-$krel"
	kconfig_check "$LOGS/package.config" "${FRAGMENTS[@]}" ||
		die "/boot/config-$krel in $image does not match the fragments (see above)"
	echo "  /boot/vmlinuz-$krel, and /boot/config-$krel has every option of ${FRAGMENTS[*]##*/}"

	step "packages in $DEBS"
	for f in "$DEBS"/*.deb "$DEBS"/*.tar.gz; do
		printf '  %6s  %s\n' "$(du -h "$f" | cut -f1)" "${f##*/}"
	done
	cat <<-EOF

	  On an arm64 Debian or Ubuntu server, as root (README.md, "make deb"):
	    dpkg -i $image
	    dpkg -i linux-headers-${krel}_${pkgver}_arm64.deb   # to build modules
	  then reboot into $krel.
	EOF
}

for s in $STEPS; do
	case $s in
	config|package) $s ;;
	*) die "unknown step '$s' in DEB_STEPS; steps: config package" ;;
	esac
done
