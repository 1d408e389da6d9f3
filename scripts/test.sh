#!/usr/bin/env bash
# Installs what the tests need (when missing) and runs every unit and integration test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh scripts/build-packages.txt scripts/test-packages.txt
mvn -B -ntp verify
