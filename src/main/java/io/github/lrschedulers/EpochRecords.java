package io.github.lrschedulers;

import java.util.Arrays;

/**
 * What training reports to an {@link LrTracker} at epoch ends: the metric of each epoch, which
 * ReduceLROnPlateau steps on, and the number of updates done at each epoch end, which a tracker
 * stepping at epoch ends counts its steps by. Both only grow.
 *
 * <p>Appending is serialized; reading takes no lock, so that the simulations read metrics and the
 * update clock reads epoch ends at the cost of a volatile read.
 */
final class EpochRecords {

    private final Object lock = new Object(); // serializes appends

    // Published for readers without the lock: an element is written before the array, and the
    // array before the count; a reader reads the count first, then the array.
    private volatile double[] metrics = new double[0];
    private volatile int metricCount;
    private volatile int[] epochEnds = new int[0];

    /**
     * Returns the metric of a scheduler step, as ReduceLROnPlateau's {@code scheduler.step(metric)}
     * receives it.
     *
     * @param index the step, from 0
     * @return the metric
     * @throws IllegalStateException if that metric has not been reported
     */
    double metric(int index) {
        int count = metricCount;
        if (index < count) {
            return metrics[index];
        }
        throw new IllegalStateException(
                "ReduceLROnPlateau needs the metric of step "
                        + (index + 1)
                        + ", but "
                        + count
                        + " were reported: call reportMetric(value) at the end of each epoch");
    }

    /** Appends the metric of the next scheduler step. */
    void addMetric(double metric) {
        synchronized (lock) {
            int count = metricCount;
            double[] all = metrics;
            if (count == all.length) {
                all = Arrays.copyOf(all, Math.max(16, count * 2));
            }
            all[count] = metric;
            metrics = all;
            metricCount = count + 1;
        }
    }

    /** Returns the metrics reported so far, in order. */
    double[] metrics() {
        synchronized (lock) {
            return Arrays.copyOf(metrics, metricCount);
        }
    }

    /** Returns the number of metrics reported. */
    int metricCount() {
        return metricCount;
    }

    /**
     * Appends an epoch end.
     *
     * @throws IllegalArgumentException if {@code updates} is negative or below the last end
     */
    void addEpochEnd(int updates) {
        synchronized (lock) {
            int[] ends = epochEnds;
            int last = ends.length == 0 ? 0 : ends[ends.length - 1];
            Checks.argument(
                    updates >= 0 && updates >= last,
                    "updates must be >= the previous epoch end (%d), but was %d",
                    last,
                    updates);
            int[] more = Arrays.copyOf(ends, ends.length + 1);
            more[ends.length] = updates;
            epochEnds = more;
        }
    }

    /** Returns the number of updates done at each epoch end, in order. */
    int[] epochEnds() {
        return epochEnds.clone();
    }

    /** Returns the number of epoch ends recorded. */
    int epochEndCount() {
        return epochEnds.length;
    }

    /**
     * Returns the number of epochs that ended before an update: the ends {@code e <= numUpdate -
     * 1}.
     */
    int endsBefore(int numUpdate) {
        int[] ends = epochEnds;
        int lo = 0;
        int hi = ends.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ends[mid] <= numUpdate - 1) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
