#!/usr/bin/env bash
# Builds the project and runs the main job on embedded defaults: the intercom demo.
# intercom-app demo starts call-server from its jar (REST, SIP proxy, embedded Moquette broker,
# SQLite, bundled demo users) and a door station and an indoor unit on the simulated HAL, then
# presses the call button, wakes and answers the indoor unit, lets both talk, keys the door code,
# hangs up and reads the CDR back. It prints a timeline and a summary table; exit 0 = all passed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh scripts/build-packages.txt
mvn -B -ntp -q -pl call-server,intercom-app -am package -DskipTests
exec java -Xmx64m -XX:+UseSerialGC -jar intercom-app/target/intercom-app.jar demo \
    --call-server-jar call-server/target/call-server.jar
