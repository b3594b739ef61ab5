#!/usr/bin/env bash
# Measures the mlp kernel's start and a trivial cell's round trip (see bench.py), installing the
# kernel into a temporary prefix so that nothing outside it changes.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$here/mlp" --install-kernel --prefix "$tmp/prefix" >/dev/null
export JUPYTER_PATH="$tmp/prefix/share/jupyter:/usr/share/jupyter"
export JUPYTER_DATA_DIR="$tmp/data" JUPYTER_RUNTIME_DIR="$tmp/runtime" JUPYTER_CONFIG_DIR="$tmp/config"
export PYDEVD_DISABLE_FILE_VALIDATION=1
/usr/bin/python3 "$here/bench/jupyter/bench.py" "$@" 2>/dev/null
