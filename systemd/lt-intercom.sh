#!/bin/sh
# Starts intercom-app with JVM flags sized for a Raspberry Pi; exec, so the JVM is the unit's main PID.
#   -Xmx48m -Xss256k -XX:+UseSerialGC      small heap, small stacks, no GC threads to spare on 4 cores
#   -XX:TieredStopAtLevel=1                C1 only: fast start, little JIT memory; the app is I/O bound
#   CDS archive                            class-data sharing cuts start time and RSS
# JDK 19+ creates/refreshes the archive itself (-XX:+AutoCreateSharedArchive); on JDK 17 install.sh /
# the .deb's postinst generate it once (-XX:ArchiveClassesAtExit) and it is used when present.
set -eu
JAR=${LT_INTERCOM_JAR:-/usr/share/lt-intercom/intercom-app.jar}
STATE=${LT_INTERCOM_STATE:-/var/lib/lt-intercom}
JAVA=${JAVA:-java}
TMP="$STATE/tmp"
mkdir -p "$TMP"
CDS_ARCHIVE="$STATE/intercom-app.jsa"

java_feature() {
    release="$(dirname "$(dirname "$(readlink -f "$(command -v "$JAVA")")")")/release"
    if [ -r "$release" ]; then
        sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release"
    else
        echo 17
    fi
}

CDS=""
if [ "$(java_feature)" -ge 19 ]; then
    CDS="-XX:SharedArchiveFile=$CDS_ARCHIVE -XX:+AutoCreateSharedArchive"
elif [ -r "$CDS_ARCHIVE" ]; then
    CDS="-XX:SharedArchiveFile=$CDS_ARCHIVE -Xshare:auto"
fi

# shellcheck disable=SC2086 # CDS is a list of flags
exec "$JAVA" -Xmx48m -Xss256k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:MaxMetaspaceSize=64m \
    -XX:+ExitOnOutOfMemoryError $CDS \
    -Djna.tmpdir="$TMP" -Djava.io.tmpdir="$TMP" \
    -jar "$JAR" "$@"
