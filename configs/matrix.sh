# shellcheck shell=bash
# shellcheck disable=SC2034 # sourced by scripts/matrix.sh
# make matrix: the same series built and tested in other configurations.
#
# One row a line:  name | options on top of configs/*.config (space
# separated; "# CONFIG_X is not set" written as CONFIG_X=n) | compiler
# (gcc or llvm) | QEMU mode (configs/qemu.sh)
MATRIX_ROWS='
4k-39    | CONFIG_ARM64_VA_BITS_48=n CONFIG_ARM64_VA_BITS_39=y                                 | gcc  | max
4k-48    |                                                                                     | gcc  | max
16k-47   | CONFIG_ARM64_4K_PAGES=n CONFIG_ARM64_16K_PAGES=y CONFIG_ARM64_VA_BITS_48=n CONFIG_ARM64_VA_BITS_47=y | gcc | max
64k-52   | CONFIG_ARM64_4K_PAGES=n CONFIG_ARM64_64K_PAGES=y CONFIG_ARM64_VA_BITS_48=n CONFIG_ARM64_VA_BITS_52=y | gcc | max
kasan    | CONFIG_KASAN=y CONFIG_KASAN_GENERIC=y                                               | gcc  | max
clang    |                                                                                     | llvm | max
cpus512  | CONFIG_NR_CPUS=512                                                                  | gcc  | smp64
nolocal  | CONFIG_ARM64_LOCAL_PER_CPU_MAP=n CONFIG_DEBUG_PERCPU_LOCAL=n CONFIG_FAIL_PERCPU_LOCAL_MAP=n | gcc | nomap
'
