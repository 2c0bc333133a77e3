package io.github.lrschedulers.jmh;

import ai.djl.training.tracker.Tracker;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The training access pattern: per update, DJL's optimizer asks for the rate of each of P = 6
 * parameters on each of D devices, updates in order. Score: ns per {@code getNewValue} call.
 *
 * <p>{@link #cpuTime} runs the one-device pattern in batches of {@value #BATCH} updates and counts
 * the thread's CPU time ({@link CpuCounters}): on a machine shared with other jobs, the wall time
 * of a call includes the time other processes held the core, its CPU time does not.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-DDJL_OFFLINE=true", "-DOPT_OUT_TRACKING=true"})
public class AccessPatternBenchmark {

    /** Updates before a run starts again from update 1 (within the plateau's metrics). */
    static final int HORIZON = Shapes.PLATEAU_METRICS;

    @Param({"StepLR"})
    public String kind;

    private Tracker tracker;
    private final String[] ids = {"w0", "b0", "w1", "b1", "w2", "b2"};
    private int n;

    /**
     * Makes a fresh tracker and runs it once over the horizon and back to update 1 before JMH's
     * warm-up: a run's first million or so updates are JIT warm-up (longest for the composite
     * schedules' deeper call chains, and longer still on a loaded machine, where the compiler
     * threads wait for a core), and the first wrap to update 1, a restart no training run makes,
     * deoptimizes the compiled step path once; both would otherwise fall in the measured
     * iterations of a short run.
     */
    @Setup
    public void setUp() {
        tracker = Shapes.tracker(kind);
        n = 0;
        for (int i = 0; i <= HORIZON; i++) {
            oneDevice();
        }
    }

    /** Updates per {@link #cpuTime} invocation, so reading the CPU clock costs next to nothing. */
    static final int BATCH = 1000;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * CPU time and updates of the {@link #cpuTime} runs, summed per iteration; their ratio is the
     * CPU time per update.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuCounters {
        /** Thread CPU time spent in the measured batches, ns. */
        public long cpuNanos;

        /** Updates run in the measured batches. */
        public long updates;

        /** Starts each iteration from zero. */
        @Setup(Level.Iteration)
        public void reset() {
            cpuNanos = 0;
            updates = 0;
        }
    }

    private int next() {
        int u = n + 1;
        if (u > HORIZON) {
            u = 1;
        }
        n = u;
        return u;
    }

    /** P = 6 parameters, D = 1 device: 6 calls per update. */
    @Benchmark
    @OperationsPerInvocation(6)
    public float oneDevice() {
        int u = next();
        float sum = 0;
        for (String id : ids) {
            sum += tracker.getNewValue(id, u);
        }
        return sum;
    }

    /** P = 6 parameters, D = 2 devices: 12 calls per update. */
    @Benchmark
    @OperationsPerInvocation(12)
    public float twoDevices() {
        int u = next();
        float sum = 0;
        for (String id : ids) {
            sum += tracker.getNewValue(id, u);
            sum += tracker.getNewValue(id, u);
        }
        return sum;
    }

    /**
     * P = 6 parameters, D = 1 device, {@value #BATCH} updates per call, with their thread CPU time
     * in {@code counters}.
     *
     * @param counters the CPU time and update counters
     * @return the sum of the rates, so nothing is optimized away
     */
    @Benchmark
    @OperationsPerInvocation(6 * BATCH)
    public float cpuTime(CpuCounters counters) {
        long start = THREADS.getCurrentThreadCpuTime();
        float sum = 0;
        for (int i = 0; i < BATCH; i++) {
            int u = next();
            for (String id : ids) {
                sum += tracker.getNewValue(id, u);
            }
        }
        counters.cpuNanos += THREADS.getCurrentThreadCpuTime() - start;
        counters.updates += BATCH;
        return sum;
    }
}
