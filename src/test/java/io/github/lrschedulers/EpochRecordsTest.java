package io.github.lrschedulers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The epoch records: append-only metrics and epoch ends, read without a lock. */
class EpochRecordsTest {

    private static double metricOf(int i) {
        return 1.0 / (i + 1) + i; // never 0, so an unpublished element cannot pass for it
    }

    @Test
    void metricsReadBackInOrderAndAMissingOneNamesItsStep() {
        EpochRecords records = new EpochRecords();
        for (int i = 0; i < 40; i++) {
            records.addMetric(metricOf(i));
        }
        assertEquals(40, records.metricCount());
        double[] all = records.metrics();
        for (int i = 0; i < 40; i++) {
            assertEquals(metricOf(i), records.metric(i));
            assertEquals(metricOf(i), all[i]);
        }
        IllegalStateException missing =
                assertThrows(IllegalStateException.class, () -> records.metric(40));
        assertEquals(
                "ReduceLROnPlateau needs the metric of step 41, but 40 were reported: call"
                        + " reportMetric(value) at the end of each epoch",
                missing.getMessage());
    }

    @Test
    void epochEndsReadBackAsACopy() {
        EpochRecords records = new EpochRecords();
        records.addEpochEnd(3);
        records.addEpochEnd(3);
        records.addEpochEnd(7);
        int[] ends = records.epochEnds();
        assertArrayEquals(new int[] {3, 3, 7}, ends);
        ends[0] = 99;
        assertArrayEquals(new int[] {3, 3, 7}, records.epochEnds());
    }

    /** Readers without the lock see every counted metric whole while a writer appends. */
    @Test
    void readersSeeEveryCountedMetricWhileAWriterAppends() throws Exception {
        EpochRecords records = new EpochRecords();
        int total = 200_000;
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(
                        pool.submit(
                                () -> {
                                    int seen = 0;
                                    while (seen < total) {
                                        int count = records.metricCount();
                                        for (int i = seen; i < count; i++) {
                                            assertEquals(metricOf(i), records.metric(i), "" + i);
                                        }
                                        seen = count;
                                    }
                                    return null;
                                }));
            }
            Future<?> writer =
                    pool.submit(
                            () -> {
                                for (int i = 0; i < total; i++) {
                                    records.addMetric(metricOf(i));
                                }
                            });
            writer.get(60, TimeUnit.SECONDS);
            for (Future<?> f : readers) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
