#!/bin/sh
# Starts intercom-app with JVM flags sized for a Raspberry Pi; exec, so the JVM is the unit's main PID.
# Measured with bench AppBench (RSS of the whole process; docs/intercom-app.md "JVM"):
#   -Xms8m -Xmx48m -Xmn3m                     a 3 MiB young generation (the app allocates little; each young
#                                             collection is short) and an old one that starts small
#   -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:-ShrinkHeapInSteps
#                                             after a full collection the heap shrinks to its live data at once;
#                                             the app runs one when it is idle after the start and after calls
#   -Xss256k -XX:+UseSerialGC                 small stacks, no GC threads to spare
#   -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1
#                                             C1 only, one compiler thread: fast start, little JIT memory
#   -XX:Tier3InvocationThreshold=2000 ...     compile only what runs often (the per-packet media code within
#                                             the first call's first minute; start-up code stays interpreted)
#   -XX:TrimNativeHeapInterval=5000           glibc gives freed native memory back every 5 s (JDK 17.0.9+)
#   -XX:-UsePerfData                          no hsperfdata file mapped and updated (jcmd still attaches)
#   MALLOC_ARENA_MAX=2                        caps glibc's per-thread malloc arenas (bounds creep over months)
#   CDS archive of the app's own classes      a faster start (class loading of ~4,000 classes)
#   LT_JAVA_OPTS                              more flags, appended (an operator's or a benchmark's)
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

# the JDK's version, "17.0.15" ("17" when the release file is missing)
java_version() {
    release="$(dirname "$(dirname "$(readlink -f "$(command -v "$JAVA")")")")/release"
    if [ -r "$release" ]; then
        sed -n 's/^JAVA_VERSION="\([0-9.]*\).*/\1/p' "$release"
    else
        echo 17
    fi
}
JAVA_VERSION=$(java_version)
java_feature() {
    echo "${JAVA_VERSION%%.*}"
}
# the update number of a 17.0.u version (0 when not given)
java_update() {
    update=$(echo "$JAVA_VERSION" | cut -s -d. -f3)
    echo "${update:-0}"
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

TRIM=""
if [ "$(java_feature)" -gt 17 ] || [ "$(java_update)" -ge 9 ]; then
    TRIM="-XX:TrimNativeHeapInterval=5000"
fi

export MALLOC_ARENA_MAX=2
# shellcheck disable=SC2086 # CDS, TRIM and LT_JAVA_OPTS are lists of flags
exec "$JAVA" -Xms8m -Xmx48m -Xmn3m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:-ShrinkHeapInSteps \
    -Xss256k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 \
    -XX:Tier3InvocationThreshold=2000 -XX:Tier3MinInvocationThreshold=1000 -XX:Tier3CompileThreshold=20000 $TRIM \
    -XX:-UsePerfData -XX:MaxMetaspaceSize=64m -XX:+ExitOnOutOfMemoryError $CDS -Xlog:cds=off,cds+dynamic=off \
    -Djna.tmpdir="$TMP" -Djava.io.tmpdir="$TMP" ${LT_JAVA_OPTS:-} \
    -jar "$JAR" "$@"
