package io.github.lrschedulers.jmh;

import io.github.lrschedulers.internal.CrMath;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Correctly rounded math: {@link CrMath}'s functions (fast path with the accurate fallback) against
 * their accurate paths alone and against {@link Math} and {@link StrictMath}, on the same {@value
 * #N} arguments per function. Score: ns per call.
 *
 * <p>Arguments: cos and sin in [-10, 10]; exp in [-50, 50]; log in [1e-5, 10]; pow as
 * PolynomialLR and the annealing schedules use it, a base in [0.5, 1) and an exponent in [0.5, 3].
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-DDJL_OFFLINE=true", "-DOPT_OUT_TRACKING=true"})
public class CrMathBenchmark {

    /** Arguments per function, each call of a benchmark method runs them all. */
    static final int N = 1024;

    private final double[] trig = new double[N];
    private final double[] expArgs = new double[N];
    private final double[] logArgs = new double[N];
    private final double[] base = new double[N];
    private final double[] power = new double[N];

    /** Draws the arguments, the same in every run. */
    @Setup
    public void setUp() {
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < N; i++) {
            trig[i] = r.nextDouble(-10, 10);
            expArgs[i] = r.nextDouble(-50, 50);
            logArgs[i] = r.nextDouble(1e-5, 10);
            base[i] = r.nextDouble(0.5, 1);
            power[i] = r.nextDouble(0.5, 3);
        }
    }

    /**
     * CrMath.cos.
     *
     * @return the sum, for JMH to consume
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public double cosFast() {
        double s = 0;
        for (double x : trig) {
            s += CrMath.cos(x);
        }
        return s;
    }

    /**
     * CrMath.cosAccurate.
     *
     * @return the sum, for JMH to consume
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public double cosAccurate() {
        double s = 0;
        for (double x : trig) {
            s += CrMath.cosAccurate(x);
        }
        return s;
    }

    /**
     * Math.cos.
     *
     * @return the sum, for JMH to consume
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public double cosMath() {
        double s = 0;
        for (double x : trig) {
            s += Math.cos(x);
        }
        return s;
    }

    /**
     * StrictMath.cos.
     *
     * @return the sum, for JMH to consume
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public double cosStrict() {
        double s = 0;
        for (double x : trig) {
            s += StrictMath.cos(x);
        }
        return s;
    }

    /**
     * CrMath.sin.
     *
     * @return the sum, for JMH to consume
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public double sinFast() {
        double s = 0;
        for (double x : trig) {
            s += CrMath.sin(x);
        }
        return s;
    }

    /**
     * CrMath.sinAccurate.
     *
     * @return the sum, for JMH to consume
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public double sinAccurate() {
        double s = 0;
        for (double x : trig) {
            s += CrMath.sinAccurate(x);
        }
        return s;
    }

    /**
     * Math.sin.
     *
     * @return the sum, for JMH to consume
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public double sinMath() {
        double s = 0;
        for (double x : trig) {
            s += Math.sin(x);
        }
        return s;
    }

    /**
     * StrictMath.sin.
     *
     * @return the sum, for JMH to consume
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public double sinStrict() {
        double s = 0;
        for (double x : trig) {
            s += StrictMath.sin(x);
        }
        return s;
    }

    /**
     * CrMath.exp.
     *
     * @return the sum, for JMH to consume
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public double expFast() {
        double s = 0;
        for (double x : expArgs) {
            s += CrMath.exp(x);
        }
        return s;
    }

    /**
     * CrMath.expAccurate.
     *
     * @return the sum, for JMH to consume
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public double expAccurate() {
        double s = 0;
        for (double x : expArgs) {
            s += CrMath.expAccurate(x);
        }
        return s;
    }

    /**
     * Math.exp.
     *
     * @return the sum, for JMH to consume
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public double expMath() {
        double s = 0;
        for (double x : expArgs) {
            s += Math.exp(x);
        }
        return s;
    }

    /**
     * StrictMath.exp.
     *
     * @return the sum, for JMH to consume
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public double expStrict() {
        double s = 0;
        for (double x : expArgs) {
            s += StrictMath.exp(x);
        }
        return s;
    }

    /**
     * CrMath.log.
     *
     * @return the sum, for JMH to consume
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public double logFast() {
        double s = 0;
        for (double x : logArgs) {
            s += CrMath.log(x);
        }
        return s;
    }

    /**
     * CrMath.logAccurate.
     *
     * @return the sum, for JMH to consume
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public double logAccurate() {
        double s = 0;
        for (double x : logArgs) {
            s += CrMath.logAccurate(x);
        }
        return s;
    }

    /**
     * Math.log.
     *
     * @return the sum, for JMH to consume
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public double logMath() {
        double s = 0;
        for (double x : logArgs) {
            s += Math.log(x);
        }
        return s;
    }

    /**
     * StrictMath.log.
     *
     * @return the sum, for JMH to consume
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public double logStrict() {
        double s = 0;
        for (double x : logArgs) {
            s += StrictMath.log(x);
        }
        return s;
    }

    /**
     * CrMath.pow.
     *
     * @return the sum, for JMH to consume
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public double powFast() {
        double s = 0;
        for (int i = 0; i < N; i++) {
            s += CrMath.pow(base[i], power[i]);
        }
        return s;
    }

    /**
     * CrMath.powAccurate.
     *
     * @return the sum, for JMH to consume
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public double powAccurate() {
        double s = 0;
        for (int i = 0; i < N; i++) {
            s += CrMath.powAccurate(base[i], power[i]);
        }
        return s;
    }

    /**
     * Math.pow.
     *
     * @return the sum, for JMH to consume
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public double powMath() {
        double s = 0;
        for (int i = 0; i < N; i++) {
            s += Math.pow(base[i], power[i]);
        }
        return s;
    }

    /**
     * StrictMath.pow.
     *
     * @return the sum, for JMH to consume
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public double powStrict() {
        double s = 0;
        for (int i = 0; i < N; i++) {
            s += StrictMath.pow(base[i], power[i]);
        }
        return s;
    }
}
