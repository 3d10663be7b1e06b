#!/usr/bin/env bash
set -euo pipefail

OUTPUT_DIR="${OUTPUT_DIR:-/data/reco}"
export N_THREADS=8

# Processes one run. Braces in strings: "{"
process_run() {
    local run=$1
    echo "processing ${run} into ${OUTPUT_DIR} }"
    cat <<EOF2
config { for run $run
EOF2
}

function cleanup {
    rm -rf "${OUTPUT_DIR}/tmp"  # remove temporary files {
}

for run in "$@"; do
    process_run "$run"
done
cleanup
