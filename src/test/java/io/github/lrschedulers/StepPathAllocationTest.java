package io.github.lrschedulers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import io.github.lrschedulers.spec.ScheduleSpec;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tracker allocates nothing on the step path (DJL's calls for 6 parameters per update, updates
 * in order, a scheduler step per update): no reader object per step, as a capturing lambda was (40
 * bytes per update), no boxing, and the steps of these schedules allocate nothing either (the
 * correctly rounded cos and pow on their fast paths; a spec's lambda reuses its thread's frame).
 */
class StepPathAllocationTest {

    private static final int WARM_UP = 200_000;
    private static final int MEASURED = 200_000;
    private static final String[] PARAMETERS = {"w0", "b0", "w1", "b1", "w2", "b2"};

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ExponentialLR(gamma=0.99999)",
                "ConstantLR(factor=0.5, total_iters=10)",
                "SequentialLR(schedulers=[LinearLR(start_factor=0.1, total_iters=100),"
                        + " ExponentialLR(gamma=0.99999)], milestones=[100])",
                "SequentialLR(schedulers=[LinearLR(start_factor=0.01, total_iters=1000),"
                        + " CosineAnnealingLR(T_max=100000)], milestones=[1000])",
                "CosineAnnealingLR(T_max=100000)",
                "CosineAnnealingWarmRestarts(T_0=1000, T_mult=2)",
                "OneCycleLR(max_lr=0.1, total_steps=2000000000)",
                "CyclicLR(base_lr=0.001, max_lr=0.1, step_size_up=2000)",
                "PolynomialLR(total_iters=1000000, power=2.0)",
                "StepLR(step_size=1000, gamma=0.9)",
                "MultiStepLR(milestones=[100000, 1000000], gamma=0.1)",
                "LinearLR(start_factor=0.01, total_iters=100000)",
                "ChainedScheduler([ConstantLR(factor=0.5, total_iters=1000),"
                        + " ExponentialLR(gamma=0.99999)])",
                "LambdaLR(lr_lambda=lambda e: 1 / (1 + e / 1000))",
                "LambdaLR(lr_lambda=lambda e: min(1.0, e / 1000) if e < 1000"
                        + " else 0.5 * (1 + math.cos(math.pi * (e - 1000) // 7 / 10**6)))",
                "LambdaLR(lr_lambda=lambda e: 0.999999 ** e * max(0.1, -(e % 3) + 2 and 1))",
                "MultiplicativeLR(lr_lambda=lambda e: 0.99999)",
                "MultiplicativeLR(lr_lambda=lambda e: 1.0 if e % 1000 else 0.5)"
            })
    void anUpdateAllocatesNoObject(String spec) {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        LrTracker tracker = LrTracker.of(ScheduleSpec.parse(spec), 0.1);
        float sink = 0;
        for (int u = 1; u <= WARM_UP; u++) {
            sink += update(tracker, u);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int u = WARM_UP + 1; u <= WARM_UP + MEASURED; u++) {
            sink += update(tracker, u);
        }
        long bytes = threads.getCurrentThreadAllocatedBytes() - before;
        // The smallest object takes 16 bytes: under 8 bytes per update, most updates allocate none.
        assertTrue(
                bytes < 8L * MEASURED,
                String.format(
                        "%s: %.2f bytes per update (%d for %d updates; sum of rates %s)",
                        spec, (double) bytes / MEASURED, bytes, MEASURED, sink));
    }

    private static float update(LrTracker tracker, int u) {
        float sum = 0;
        for (String p : PARAMETERS) {
            sum += tracker.getNewValue(p, u);
        }
        return sum;
    }
}
