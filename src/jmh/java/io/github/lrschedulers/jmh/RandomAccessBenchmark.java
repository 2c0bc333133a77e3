package io.github.lrschedulers.jmh;

import io.github.lrschedulers.LrTracker;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Random access: the first call on a fresh tracker is for a far update (as after a restore). */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-DDJL_OFFLINE=true", "-DOPT_OUT_TRACKING=true"})
public class RandomAccessBenchmark {

    @Param({"StepLR"})
    public String kind;

    @Param({"100000000"})
    public int update;

    private LrTracker fresh;

    @Setup(Level.Invocation)
    public void setUp() {
        fresh = LrTracker.of(Shapes.schedule(kind), 0.1);
    }

    @Benchmark
    public float firstCall() {
        return fresh.getNewValue("w0", update);
    }
}
