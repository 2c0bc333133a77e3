package io.github.lrschedulers.keras;

import io.github.lrschedulers.ArgumentException;
import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;
import io.github.lrschedulers.internal.PyRepr;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A constant rate per interval: {@code values[0]} up to and including step {@code boundaries[0]},
 * {@code values[i + 1]} after {@code boundaries[i]}, {@code values[-1]} after the last boundary.
 *
 * <p>Keras equivalent: {@code keras.optimizers.schedules.PiecewiseConstantDecay}. The boundaries
 * are cast to the step's integer dtype (a float boundary to float32, then truncated: 100.5 is 100),
 * and the rate is a sum of masked values in the values' dtype (float32, or int for all-int values):
 *
 * <pre>{@code
 * lr = 0 + [step <= b[0]] * v[0] + [step > b[-1]] * v[-1] + sum_i [b[i] < step <= b[i+1]] * v[i+1]
 * }</pre>
 *
 * <p>So the boundary step itself still gets the earlier value; an infinite or NaN value makes every
 * rate NaN (0 * inf), and boundaries that do not increase can add two values. Keras raises at the
 * first step for empty boundaries, as this does.
 *
 * @see <a
 *     href="https://keras.io/api/optimizers/learning_rate_schedules/piecewise_constant_decay/">Keras
 *     PiecewiseConstantDecay</a>
 */
public final class PiecewiseConstantDecay extends KerasSchedule {

    /**
     * The definition: {@code PiecewiseConstantDecay(boundaries, values, name="PiecewiseConstant")}.
     */
    public static final ScheduleDefinition<PiecewiseConstantDecay> DEFINITION =
            ScheduleDefinition.builder(
                            PiecewiseConstantDecay.class,
                            KERAS + ".PiecewiseConstantDecay",
                            PiecewiseConstantDecay::new)
                    .optUpstream(KERAS, 2)
                    .optStepOrigin(STEP_ORIGIN)
                    .optDtype("float32")
                    .addRequired(
                            "boundaries",
                            Param.Kind.NUMBER_LIST,
                            "the last steps of each interval but the last")
                    .addRequired(
                            "values",
                            Param.Kind.NUMBER_LIST,
                            "the rate of each interval, one more than boundaries (all floats, or"
                                    + " all ints)")
                    .addOptional(
                            "name",
                            Param.Kind.STRING,
                            "PiecewiseConstant",
                            "the schedule's name, ignored")
                    .optLengths("boundaries")
                    .build();

    private final double[] boundaries;
    private final float[] floatValues;
    private final long[] intValues;

    private PiecewiseConstantDecay(Arguments a) {
        super(a);
        List<Number> b = a.getList("boundaries", Number.class);
        List<Number> v = a.getList("values", Number.class);
        if (b.size() != v.size() - 1) {
            throw new ArgumentException(
                    "boundaries",
                    "PiecewiseConstantDecay boundaries must have one item fewer than values, but"
                            + " had "
                            + b.size()
                            + " and values "
                            + v.size());
        }
        boundaries = new double[b.size()];
        for (int i = 0; i < boundaries.length; i++) {
            boundaries[i] = boundary(b.get(i));
        }
        boolean ints = v.stream().allMatch(x -> x instanceof Long);
        if (!ints && !v.stream().allMatch(x -> x instanceof Double)) {
            throw new ArgumentException(
                    "values",
                    "PiecewiseConstantDecay values must be all floats or all ints (Keras would add"
                            + " float32 and int32 tensors), but were "
                            + v);
        }
        floatValues = new float[ints ? 0 : v.size()];
        intValues = new long[ints ? v.size() : 0];
        for (int i = 0; i < v.size(); i++) {
            if (ints) {
                intValues[i] = v.get(i).longValue();
            } else {
                floatValues[i] = v.get(i).floatValue();
            }
        }
    }

    /** A boundary as the integer step dtype holds it: a float one via float32, truncated. */
    private static double boundary(Number b) {
        if (b instanceof Long) {
            return b.doubleValue();
        }
        float f = b.floatValue();
        if (!Float.isFinite(f)) {
            throw new ArgumentException(
                    "boundaries",
                    "PiecewiseConstantDecay boundaries must be finite (cast to an integer step),"
                            + " but had "
                            + b);
        }
        return f < 0 ? Math.ceil(f) : Math.floor(f);
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected boolean isClosedForm() {
        return boundaries.length > 0;
    }

    @Override
    double value(long step) {
        int n = boundaries.length;
        if (n == 0) {
            throw new IllegalStateException(
                    "PiecewiseConstantDecay boundaries must not be empty (Keras raises IndexError"
                            + " at the first step)");
        }
        double s = step;
        boolean[] masks = new boolean[n + 1];
        int[] which = new int[n + 1];
        masks[0] = s <= boundaries[0];
        which[0] = 0;
        masks[1] = s > boundaries[n - 1];
        which[1] = n;
        for (int i = 0; i + 1 < n; i++) {
            masks[i + 2] = boundaries[i] < s && s <= boundaries[i + 1];
            which[i + 2] = i + 1;
        }
        if (intValues.length > 0) {
            long result = 0;
            for (int t = 0; t <= n; t++) {
                result += masks[t] ? intValues[which[t]] : 0;
            }
            return result;
        }
        float result = 0f;
        for (int t = 0; t <= n; t++) {
            result += (masks[t] ? 1f : 0f) * floatValues[which[t]];
        }
        return result;
    }

    /** {@inheritDoc} A boundary passed: the first step above {@code boundaries[i]}. */
    @Override
    protected Optional<LrReason> getReason(long lastEpoch, int group) {
        for (double b : boundaries) {
            if (lastEpoch > b && lastEpoch - 1 <= b) {
                return Optional.of(
                        LrReason.of(
                                        LrReason.Kind.MILESTONE,
                                        "boundary "
                                                + PyRepr.repr(b)
                                                + " passed: the next value from now on")
                                .with("boundary", b));
            }
        }
        return Optional.empty();
    }

    /** The builder of {@link PiecewiseConstantDecay}. */
    public static final class Builder extends ScheduleBuilder<PiecewiseConstantDecay, Builder> {

        private Builder() {
            super(DEFINITION);
        }

        /**
         * Sets the boundaries: the last step of each interval but the last, increasing.
         *
         * @param boundaries the steps
         * @return this builder
         */
        public Builder setBoundaries(long... boundaries) {
            List<Number> list = new ArrayList<>();
            for (long b : boundaries) {
                list.add(b);
            }
            return set("boundaries", list);
        }

        /**
         * Sets the rate of each interval (float32), one more than the boundaries.
         *
         * @param values the rates
         * @return this builder
         */
        public Builder setValues(double... values) {
            List<Number> list = new ArrayList<>();
            for (double v : values) {
                list.add(v);
            }
            return set("values", list);
        }

        /**
         * Sets the schedule's name, which changes nothing. Default: {@code "PiecewiseConstant"}.
         *
         * @param name the name
         * @return this builder
         */
        public Builder optName(String name) {
            return set("name", name);
        }
    }
}
