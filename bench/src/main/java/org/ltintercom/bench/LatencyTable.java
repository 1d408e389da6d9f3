package org.ltintercom.bench;

import java.util.Arrays;
import java.util.Locale;

/** Collects per-operation latencies and prints them as one row of a fixed-width table. */
final class LatencyTable {

    private LatencyTable() {
    }

    static void header(String firstColumn) {
        System.out.printf(Locale.ROOT, "%-44s %8s %10s %10s %10s %10s%n",
                firstColumn, "n", "ops/s", "median ms", "p99 ms", "max ms");
    }

    /**
     * @param nanos     one latency per operation
     * @param wallNanos elapsed time of the whole run (for throughput; differs from the sum when concurrent)
     */
    static void row(String name, long[] nanos, long wallNanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double opsPerSecond = sorted.length / (wallNanos / 1e9);
        System.out.printf(Locale.ROOT, "%-44s %8d %10.0f %10.3f %10.3f %10.3f%n",
                name, sorted.length, opsPerSecond, millis(percentile(sorted, 50)),
                millis(percentile(sorted, 99)), millis(sorted[sorted.length - 1]));
    }

    static long percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
