package io.github.lrschedulers.jmh;

import ai.djl.training.tracker.Tracker;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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

    @Setup
    public void setUp() {
        tracker = Shapes.tracker(kind);
        n = 0;
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
}
