#!/bin/sh
# Starts intercom-app with JVM flags sized for a Raspberry Pi; exec, so the JVM is the unit's main PID.
#   -Xms16m -Xmx48m, heap free ratio 10..30 % start small (8m cost 13 GCs, 140 ms, at start), grow, give back
#   -Xss256k -XX:+UseSerialGC                 small stacks, no GC threads to spare
#   -XX:TieredStopAtLevel=1                   C1 only: fast start, little JIT memory; the app is I/O bound
#   -XX:-UsePerfData                          no hsperfdata file mapped and updated (jcmd still attaches)
#   MALLOC_ARENA_MAX=2                        caps glibc's per-thread malloc arenas (no change at start; bounds creep over months)
#   CDS archive of the app's own classes      about half the start time (class loading of ~5,500 classes)
# The archive is a dynamic CDS archive of everything a real run loaded, dumped when the JVM exits
# (systemctl stop/restart, reboot) after a start that had none; JDK 19+ keeps it up to date itself
# (-XX:+AutoCreateSharedArchive). Its name carries the jar's size and mtime, so an upgraded jar makes
# a fresh one instead of being refused by a stale one. A JVM killed before exiting just dumps next time.
set -eu
JAR=${LT_INTERCOM_JAR:-/usr/share/lt-intercom/intercom-app.jar}
STATE=${LT_INTERCOM_STATE:-/var/lib/lt-intercom}
JAVA=${JAVA:-java}
TMP="$STATE/tmp"
mkdir -p "$TMP"
CDS_ARCHIVE="$STATE/intercom-app-$(stat -c %s-%Y "$JAR").jsa"

java_feature() {
    release="$(dirname "$(dirname "$(readlink -f "$(command -v "$JAVA")")")")/release"
    if [ -r "$release" ]; then
        sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release"
    else
        echo 17
    fi
}

if [ "$(java_feature)" -ge 19 ]; then
    CDS="-XX:SharedArchiveFile=$CDS_ARCHIVE -XX:+AutoCreateSharedArchive"
elif [ -s "$CDS_ARCHIVE" ]; then
    CDS="-XX:SharedArchiveFile=$CDS_ARCHIVE -Xshare:auto"
else
    for old in "$STATE"/intercom-app*.jsa; do
        [ -e "$old" ] && rm -f "$old"
    done
    CDS="-XX:ArchiveClassesAtExit=$CDS_ARCHIVE"
fi

export MALLOC_ARENA_MAX=2
# shellcheck disable=SC2086 # CDS is a list of flags
exec "$JAVA" -Xms16m -Xmx48m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -Xss256k -XX:+UseSerialGC \
    -XX:TieredStopAtLevel=1 -XX:-UsePerfData -XX:MaxMetaspaceSize=64m -XX:+ExitOnOutOfMemoryError $CDS -Xlog:cds=off,cds+dynamic=off \
    -Djna.tmpdir="$TMP" -Djava.io.tmpdir="$TMP" \
    -jar "$JAR" "$@"
