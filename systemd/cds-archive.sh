#!/bin/sh
# Creates /var/lib/lt-intercom/intercom-app.jsa on JDK 17 (JDK 19+ makes it itself at first start).
set -eu
JAR=${LT_INTERCOM_JAR:-/usr/share/lt-intercom/intercom-app.jar}
STATE=${LT_INTERCOM_STATE:-/var/lib/lt-intercom}
CONFIG=${LT_INTERCOM_CONFIG:-/etc/lt-intercom/intercom.yaml}
runuser -u lt-intercom -- java -Xmx48m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -XX:ArchiveClassesAtExit="$STATE/intercom-app.jsa" -Djava.io.tmpdir="$STATE" \
    -jar "$JAR" config validate "$CONFIG" >/dev/null 2>&1 || true
[ -s "$STATE/intercom-app.jsa" ]
