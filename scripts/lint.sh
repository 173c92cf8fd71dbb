#!/usr/bin/env bash
# The house rules a machine checks (docs/ARCHITECTURE.md): the layers' imports, the code's style, the types of
# the Qt-free packages. CI runs it before the tests; run it before a commit. Needs `bash scripts/setup.sh --test`.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/lint-imports --no-cache
.venv/bin/ruff check .
.venv/bin/mypy
