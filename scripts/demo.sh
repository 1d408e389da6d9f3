#!/usr/bin/env bash
# Builds the project and runs the main job on embedded defaults.
# For now the main job is the reference call service with its embedded defaults
# (SQLite file, bundled demo users); the intercom-app issue turns this into the full
# door-station <-> indoor-unit demo.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh scripts/build-packages.txt
mvn -B -ntp -q -pl call-server -am package -DskipTests
mkdir -p data/call-server
echo "demo: starting call-server (Ctrl-C stops it)"
exec java -Xmx64m -jar call-server/target/call-server.jar --data-dir data/call-server --port "${PORT:-8080}"
