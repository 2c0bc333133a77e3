package io.github.lrschedulers.jmh;

import io.github.lrschedulers.internal.PyRepr;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Python's {@code repr(float)} as {@code lr-curve} prints it: {@link PyRepr#repr(double)}
 * (Schubfach) against the former {@link BigDecimal} search ({@link BigDecimalRepr}), in the same
 * run. Score: ns per value, over {@value #VALUES} values of one kind.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-DDJL_OFFLINE=true", "-DOPT_OUT_TRACKING=true"})
public class PyReprBenchmark {

    /** Values printed per benchmark invocation. */
    static final int VALUES = 1024;

    /**
     * The values: {@code lr}, learning rates as schedules print them ({@code 0.1 0.95^n}, cosine
     * annealing, linear warm-up); {@code bits}, random finite bit patterns (every exponent); {@code
     * short}, short decimals such as {@code 0.0125} ({@code k / 10^n}, {@code k < 10^4}).
     */
    @Param({"lr", "bits", "short"})
    public String values;

    private double[] v;

    @Setup
    public void setUp() {
        v = values(values);
        for (double d : v) {
            String fast = PyRepr.repr(d);
            String old = BigDecimalRepr.repr(d);
            if (!fast.equals(old)) {
                throw new IllegalStateException(
                        "both must print the same, but PyRepr printed "
                                + fast
                                + " and the BigDecimal search "
                                + old);
            }
        }
    }

    /** Returns the {@value #VALUES} values of a kind, the same in every run. */
    static double[] values(String kind) {
        double[] v = new double[VALUES];
        SplittableRandom rng = new SplittableRandom(20261202);
        double lr = 0.1;
        for (int i = 0; i < VALUES; i++) {
            switch (kind) {
                case "lr":
                    if (i % 3 == 0) {
                        lr *= 0.95;
                        v[i] = lr;
                    } else if (i % 3 == 1) {
                        v[i] = 0.001 + (0.1 - 0.001) * (1 + Math.cos(Math.PI * i / VALUES)) / 2;
                    } else {
                        v[i] = 0.1 * (i + 1) / VALUES;
                    }
                    break;
                case "bits":
                    double d;
                    do {
                        d = Double.longBitsToDouble(rng.nextLong());
                    } while (!Double.isFinite(d));
                    v[i] = d;
                    break;
                case "short":
                    v[i] = rng.nextInt(1, 10_000) / Math.pow(10, rng.nextInt(1, 7));
                    break;
                default:
                    throw new IllegalArgumentException(
                            "values must be one of lr, bits, short, but was " + kind);
            }
        }
        return v;
    }

    /** The Schubfach digits and Python's layout ({@link PyRepr#repr(double)}). */
    @Benchmark
    @OperationsPerInvocation(VALUES)
    public void schubfach(Blackhole bh) {
        for (double d : v) {
            bh.consume(PyRepr.repr(d));
        }
    }

    /** The former BigDecimal search. */
    @Benchmark
    @OperationsPerInvocation(VALUES)
    public void bigDecimal(Blackhole bh) {
        for (double d : v) {
            bh.consume(BigDecimalRepr.repr(d));
        }
    }

    /**
     * The former {@link PyRepr#repr(double)}, kept here as the benchmark's baseline (the tests keep
     * the same code as their reference, src/test/.../internal/BigDecimalRepr.java): the shortest
     * decimal is searched by rounding the exact {@link BigDecimal} value to 1, 2, ... 17 digits,
     * both ways, until one reads back as the same double.
     */
    static final class BigDecimalRepr {

        private BigDecimalRepr() {}

        static String repr(double d) {
            if (Double.isNaN(d)) {
                return "nan";
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? "inf" : "-inf";
            }
            if (d == 0.0) {
                return Double.doubleToRawLongBits(d) < 0 ? "-0.0" : "0.0";
            }
            double a = Math.abs(d);
            BigDecimal shortest = shortest(a);
            String digits = shortest.unscaledValue().toString();
            int n = digits.length();
            int decpt = n - shortest.scale();
            StringBuilder sb = new StringBuilder(24);
            if (d < 0) {
                sb.append('-');
            }
            if (decpt > -4 && decpt <= 16) {
                if (decpt <= 0) {
                    sb.append("0.");
                    sb.append("0".repeat(-decpt));
                    sb.append(digits);
                } else if (decpt >= n) {
                    sb.append(digits);
                    sb.append("0".repeat(decpt - n));
                    sb.append(".0");
                } else {
                    sb.append(digits, 0, decpt).append('.').append(digits, decpt, n);
                }
            } else {
                sb.append(digits.charAt(0));
                if (n > 1) {
                    sb.append('.').append(digits, 1, n);
                }
                int exp = decpt - 1;
                sb.append(exp < 0 ? "e-" : "e+");
                int absExp = Math.abs(exp);
                if (absExp < 10) {
                    sb.append('0');
                }
                sb.append(absExp);
            }
            return sb.toString();
        }

        private static BigDecimal shortest(double a) {
            BigDecimal exact = new BigDecimal(a);
            for (int p = 1; p < 17; p++) {
                BigDecimal near = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
                if (Double.parseDouble(near.toString()) == a) {
                    return near.stripTrailingZeros();
                }
                RoundingMode away = near.compareTo(exact) > 0 ? RoundingMode.DOWN : RoundingMode.UP;
                BigDecimal other = exact.round(new MathContext(p, away));
                if (Double.parseDouble(other.toString()) == a) {
                    return other.stripTrailingZeros();
                }
            }
            return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        }
    }
}
