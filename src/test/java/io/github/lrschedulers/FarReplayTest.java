package io.github.lrschedulers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A far replay (minutes of CosineAnnealingLR steps) never holds up a call for a near update of
 * another thread, and interrupting its thread cancels it.
 */
class FarReplayTest {

    private static Schedule cosine() {
        return CosineAnnealingLr.builder().setTMax(100).optEtaMin(0.001).build();
    }

    @Test
    void nearCallsDoNotWaitForAFarReplayAndInterruptCancelsIt() throws Exception {
        LrTracker tracker = LrTracker.of(cosine(), 0.1);
        LrTracker reference = LrTracker.of(cosine(), 0.1);
        float[] expected = new float[101];
        for (int u = 1; u <= 100; u++) {
            expected[u] = reference.getNewValue(u);
        }
        AtomicReference<Throwable> farOutcome = new AtomicReference<>();
        Thread far =
                new Thread(
                        () -> {
                            try {
                                // 2^31 - 2 CosineAnnealingLR steps: minutes
                                tracker.getNewValue(Integer.MAX_VALUE);
                                farOutcome.set(new AssertionError("the far replay finished"));
                            } catch (Throwable t) {
                                farOutcome.set(t);
                            }
                        },
                        "far-replay");
        far.setDaemon(true); // never keeps the JVM alive, should cancellation fail
        far.start();
        Thread.sleep(300); // the far replay is under way
        assertTrue(far.isAlive(), "the far replay should still run");
        assertTimeoutPreemptively(
                Duration.ofSeconds(2),
                () -> {
                    assertEquals(expected[5], tracker.getNewValue(5));
                    assertEquals(expected[6], tracker.getNewValue("w", 6));
                    assertEquals((double) expected[7], (float) tracker.getLr(0, 7));
                    assertEquals(0.0, tracker.getMomentum(0, 8));
                    assertEquals("99", tracker.getSchedulerState(100).get("steps"));
                    for (int u = 100; u >= 1; u--) {
                        assertEquals(expected[u], tracker.getNewValue(u), "update " + u);
                    }
                });
        assertTrue(far.isAlive(), "the far replay should still run");
        far.interrupt();
        far.join(5_000);
        assertFalse(far.isAlive(), "interrupting should cancel the far replay");
        Throwable t = farOutcome.get();
        assertInstanceOf(CancellationException.class, t, String.valueOf(t));
        assertTrue(
                t.getMessage().startsWith("the replay to scheduler step 2147483646"),
                t.getMessage());
        // The tracker is still whole: near and far updates as before.
        assertEquals(expected[42], tracker.getNewValue(42));
    }

    @Test
    void farUpdatesAreExactAndBecomeShared() {
        int far = 3 * RateCache.NEAR_STEPS + 7;
        LrTracker stepped = LrTracker.of(cosine(), 0.1);
        double[] inOrder = new double[far + 2];
        for (int u = 1; u <= far + 1; u++) {
            inOrder[u] = stepped.getLr(0, u);
        }
        LrTracker tracker = LrTracker.of(cosine(), 0.1);
        assertEquals(inOrder[far], tracker.getLr(0, far)); // a far replay of its own
        assertEquals(inOrder[3], tracker.getLr(0, 3)); // near: from the start
        assertEquals((float) inOrder[far], tracker.getNewValue(far)); // the far one, kept
        assertEquals((float) inOrder[far + 1], tracker.getNewValue(far + 1));
        assertEquals(inOrder[far - 100], tracker.getLr(0, far - 100)); // far back: replayed
    }

    @Test
    void aFarReplayUsesTheMetricsReportedSoFar() {
        Schedule plateau = ReduceLrOnPlateau.builder().optPatience(0).build();
        LrTracker tracker = LrTracker.of(plateau, 0.1);
        LrTracker reference = LrTracker.of(plateau, 0.1);
        int steps = 2 * RateCache.NEAR_STEPS;
        for (int i = 0; i < steps; i++) {
            double metric = i % 3 == 0 ? 1.0 / (i + 1) : 5.0;
            tracker.reportMetric(metric);
            reference.reportMetric(metric);
        }
        double far = tracker.getLr(0, steps + 1);
        for (int u = 1; u <= steps + 1; u++) {
            reference.getLr(0, u);
        }
        assertEquals(reference.getLr(0, steps + 1), far);
        assertEquals(reference.getSchedulerState(steps + 1), tracker.getSchedulerState(steps + 1));
        IllegalStateException missing =
                assertThrows(IllegalStateException.class, () -> tracker.getLr(0, steps + 2));
        assertTrue(missing.getMessage().contains("needs the metric of step"), missing.getMessage());
    }
}
