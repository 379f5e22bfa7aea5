# Sourced by scripts/build and scripts/test: make .venv with reportgen installed.
# Usage: . scripts/bootstrap.sh [extra]   (extra = "test" installs the test tools too)
set -euo pipefail
PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null 2>&1 || PY=python3
if [ ! -x .venv/bin/python ]; then
    "$PY" -m venv .venv
fi
stamp=.venv/.reportgen-installed-${1:-base}
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    .venv/bin/python -m pip install --quiet --upgrade pip
    if [ "${1:-}" = "test" ]; then
        .venv/bin/python -m pip install --quiet -e '.[test]'
    else
        .venv/bin/python -m pip install --quiet -e .
    fi
    touch "$stamp"
fi
