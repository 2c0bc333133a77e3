package io.github.lrschedulers.tf;

import io.github.lrschedulers.ArgumentException;
import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Holds {@code values[i]} while the step is in {@code (boundaries[i-1], boundaries[i]]}: the rate
 * changes one step after each boundary.
 *
 * <p>TensorFlow equivalent: {@code tf.compat.v1.train.piecewise_constant}, a {@code tf.case} of
 * {@code step <= boundaries[0]}, {@code boundaries[i-1] < step <= boundaries[i]} and {@code step >
 * boundaries[-1]}. The values are returned as given (float32 for Python floats, exact for ints).
 * Boundaries must be ints (the global step's int64); values must be all floats or all ints; a
 * boundary list that is not increasing makes two cases true, which TF rejects at that step.
 *
 * @see <a href="https://www.tensorflow.org/api_docs/python/tf/compat/v1/train/piecewise_constant">
 *     TF piecewise_constant</a>
 */
public final class PiecewiseConstant extends TfSchedule {

    /**
     * The definition: {@code piecewise_constant(x, boundaries, values, name=None)} without {@code
     * x} (the global step).
     */
    public static final ScheduleDefinition<PiecewiseConstant> DEFINITION =
            ScheduleDefinition.builder(
                            PiecewiseConstant.class,
                            COMPAT_V1 + ".piecewise_constant",
                            PiecewiseConstant::new)
                    .optUpstream(COMPAT_V1, 1)
                    .optStepOrigin(STEP_ORIGIN)
                    .optDtype("float32")
                    .addRequired(
                            "boundaries",
                            Param.Kind.NUMBER_LIST,
                            "the steps after which the next value starts (ints)")
                    .addRequired(
                            "values",
                            Param.Kind.NUMBER_LIST,
                            "the rates, one more than boundaries (all floats or all ints)")
                    .addOptionalNone("name", Param.Kind.STRING, "the TF op's name, ignored")
                    .optLengths("boundaries")
                    .build();

    private final long[] boundaries;
    private final double[] values;
    private final boolean increasing;

    private PiecewiseConstant(Arguments a) {
        super(a);
        List<Number> b = a.getList("boundaries", Number.class);
        List<Number> v = a.getList("values", Number.class);
        boundaries = new long[b.size()];
        for (int i = 0; i < boundaries.length; i++) {
            if (!(b.get(i) instanceof Long)) {
                throw new ArgumentException(
                        "boundaries",
                        "piecewise_constant boundaries must be ints, the global step's dtype"
                                + " (int64), but was "
                                + b);
            }
            boundaries[i] = b.get(i).longValue();
        }
        for (Number n : v) {
            if (n.getClass() != v.get(0).getClass()) {
                throw new ArgumentException(
                        "values",
                        "piecewise_constant values must all have the same dtype (all floats or"
                                + " all ints), but was "
                                + v);
            }
        }
        if (boundaries.length != v.size() - 1) {
            throw new ArgumentException(
                    "values",
                    "piecewise_constant values must be one longer than boundaries ("
                            + boundaries.length
                            + "), but had "
                            + v.size());
        }
        if (boundaries.length == 0) {
            throw new ArgumentException(
                    "boundaries",
                    "piecewise_constant boundaries must not be empty (TF indexes boundaries[0])");
        }
        values = new double[v.size()];
        for (int i = 0; i < values.length; i++) {
            Number n = v.get(i);
            values[i] = n instanceof Long ? n.doubleValue() : (float) n.doubleValue();
        }
        boolean inc = true;
        for (int i = 1; i < boundaries.length; i++) {
            inc &= boundaries[i - 1] < boundaries[i];
        }
        increasing = inc;
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
        return increasing;
    }

    @Override
    double value(long step) {
        int hits = 0;
        double out = values[0];
        int n = boundaries.length;
        if (step <= boundaries[0]) {
            hits++;
            out = values[0];
        }
        if (step > boundaries[n - 1]) {
            hits++;
            out = values[n];
        }
        for (int i = 1; i < n; i++) {
            if (boundaries[i - 1] < step && step <= boundaries[i]) {
                hits++;
                out = values[i];
            }
        }
        if (hits > 1) {
            throw new IllegalStateException(
                    "piecewise_constant boundaries must be strictly increasing: tf.case(exclusive"
                            + "=True) found more than one true condition at step "
                            + step
                            + " for boundaries "
                            + getArguments().get("boundaries"));
        }
        return out;
    }

    /** {@inheritDoc} A boundary passed: the step after {@code boundaries[i]}. */
    @Override
    protected Optional<LrReason> getReason(long lastEpoch, int group) {
        for (long b : boundaries) {
            if (lastEpoch == b + 1 && lastEpoch > 0) {
                return Optional.of(
                        LrReason.of(
                                        LrReason.Kind.MILESTONE,
                                        "boundary " + b + " passed: the next value from now on")
                                .with("boundary", b));
            }
        }
        return Optional.empty();
    }

    /** The builder of {@link PiecewiseConstant}. */
    public static final class Builder extends ScheduleBuilder<PiecewiseConstant, Builder> {

        private Builder() {
            super(DEFINITION);
        }

        /**
         * Sets the steps after which the next value starts.
         *
         * @param boundaries the boundaries, increasing
         * @return this builder
         */
        public Builder setBoundaries(List<Long> boundaries) {
            return set("boundaries", List.copyOf(boundaries));
        }

        /**
         * Sets the rates, one more than the boundaries, as float32 tensors.
         *
         * @param values the rates
         * @return this builder
         */
        public Builder setValues(double... values) {
            List<Double> list = new ArrayList<>();
            for (double v : values) {
                list.add(v);
            }
            return set("values", list);
        }

        /**
         * Sets the TF op's name, which changes nothing. Default: None.
         *
         * @param name the name
         * @return this builder
         */
        public Builder optName(String name) {
            return set("name", name);
        }
    }
}
