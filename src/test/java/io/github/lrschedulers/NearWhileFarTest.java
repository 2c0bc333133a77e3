package io.github.lrschedulers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A call for a near update never waits behind another thread's far replay, shown without timing:
 * the far replay is held in the middle (its lambda waits on a latch at a step only a far replay
 * reaches) while the other thread asks for near updates, which must all return before the far
 * replay is let go. Were they to wait for it, they would wait forever (the timeout only turns that
 * into a failure). Either thread may have called first: the first to call owns a simulation of its
 * own.
 */
class NearWhileFarTest {

    /** The step at which the far replay is held: beyond what a near call replays. */
    private static final int HELD_AT = 3 * RateCache.NEAR_STEPS;

    private static double factor(long e) {
        return 1.0 / (1 + e / 1000.0);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void nearCallsReturnWhileAFarReplayIsHeld(boolean nearThreadFirst) throws Exception {
        CountDownLatch inFarReplay = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        LrLambda held =
                e -> {
                    if (e == HELD_AT) {
                        inFarReplay.countDown();
                        try {
                            letGo.await();
                        } catch (InterruptedException x) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return factor(e);
                };
        LrTracker tracker = LrTracker.of(LambdaLr.builder().setLrLambda(held).build(), 0.1);
        LrTracker reference =
                LrTracker.of(LambdaLr.builder().setLrLambda(NearWhileFarTest::factor).build(), 0.1);
        if (nearThreadFirst) {
            assertEquals(reference.getNewValue(1), tracker.getNewValue(1));
        }
        int farUpdate = HELD_AT + 10;
        AtomicReference<Float> farValue = new AtomicReference<>();
        AtomicReference<Throwable> farError = new AtomicReference<>();
        Thread far =
                new Thread(
                        () -> {
                            try {
                                farValue.set(tracker.getNewValue("w", farUpdate));
                            } catch (Throwable t) {
                                farError.set(t);
                            }
                        },
                        "far-replay");
        far.setDaemon(true);
        far.start();
        assertTrue(inFarReplay.await(60, TimeUnit.SECONDS), "the far replay reaches its hold");
        assertTimeoutPreemptively(
                Duration.ofSeconds(60),
                () -> {
                    for (int u = 1; u <= 200; u++) {
                        assertEquals(reference.getNewValue(u), tracker.getNewValue("w", u));
                    }
                    assertEquals(reference.getLr(0, 150), tracker.getLr(0, 150));
                    assertEquals(
                            reference.getSchedulerState(RateCache.NEAR_STEPS),
                            tracker.getSchedulerState(RateCache.NEAR_STEPS));
                    assertEquals(reference.getNewValue(5), tracker.getNewValue(5));
                },
                "a near call waited for the far replay");
        assertEquals(1, letGo.getCount(), "the far replay is still held");
        letGo.countDown();
        far.join();
        assertNull(farError.get());
        assertEquals(reference.getNewValue(farUpdate), farValue.get());
        // The replayed simulation is shared: the next updates follow it.
        assertEquals(reference.getNewValue(farUpdate + 1), tracker.getNewValue(farUpdate + 1));
    }
}
