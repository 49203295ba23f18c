#!/bin/bash
# make: the main job.  Install what is missing, make the tree, build the
# kernel, boot it in QEMU (-cpu max, 4 CPUs) and run the percpu_local
# kselftest suite.  Exits non-zero if anything failed.
set -euo pipefail
here=$(dirname "$0")
"$here/deps.sh"
"$here/tree.sh"
"$here/build.sh"
"$here/boot.sh" max
