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
 * Holds {@code rates[i]} from step {@code boundaries[i-1]} on: the rate changes at each boundary,
 * one step earlier than {@link PiecewiseConstant}; with {@code warmup} the first rate rises
 * linearly to the second over the steps before the first boundary.
 *
 * <p>TensorFlow Object Detection API equivalent: {@code
 * object_detection.utils.learning_schedules.manual_stepping}. The rates are returned as float32;
 * the warmup's {@code rates[0] + slope * step}, {@code slope = (rates[1] - rates[0]) /
 * boundaries[0]}, is computed in double, as the Python list upstream builds (the version that
 * builds it with {@code list(range(...))}; the one before raised a TypeError on Python 3).
 *
 * @see <a
 *     href="https://github.com/tensorflow/models/blob/master/research/object_detection/utils/learning_schedules.py">
 *     learning_schedules.py</a>
 */
public final class ManualStepping extends TfSchedule {

    /**
     * The definition: {@code manual_stepping(global_step, boundaries, rates, warmup=False)} without
     * {@code global_step}.
     */
    public static final ScheduleDefinition<ManualStepping> DEFINITION =
            ScheduleDefinition.builder(
                            ManualStepping.class,
                            OBJECT_DETECTION + ".manual_stepping",
                            ManualStepping::new)
                    .optUpstream(OBJECT_DETECTION, 2)
                    .optStepOrigin(STEP_ORIGIN)
                    .optDtype("float32")
                    .addRequired(
                            "boundaries",
                            Param.Kind.NUMBER_LIST,
                            "the steps where the next rate starts (positive ints, increasing)")
                    .addRequired(
                            "rates",
                            Param.Kind.NUMBER_LIST,
                            "the rates, one more than boundaries (floats)")
                    .addOptional(
                            "warmup",
                            Param.Kind.BOOLEAN,
                            false,
                            "rise linearly from rates[0] to rates[1] before boundaries[0]")
                    .optLengths("boundaries")
                    .build();

    private final long[] boundaries;
    private final float[] rates;
    private final boolean warmup;
    private final double first;
    private final double slope;

    private ManualStepping(Arguments a) {
        super(a);
        List<Number> b = a.getList("boundaries", Number.class);
        List<Number> r = a.getList("rates", Number.class);
        boundaries = new long[b.size()];
        for (int i = 0; i < boundaries.length; i++) {
            if (!(b.get(i) instanceof Long) || b.get(i).longValue() < 0) {
                throw new ArgumentException(
                        "boundaries",
                        "manual_stepping boundaries must be a list of positive integers, but was "
                                + b);
            }
            boundaries[i] = b.get(i).longValue();
        }
        for (int i = 1; i < boundaries.length; i++) {
            if (boundaries[i] <= boundaries[i - 1]) {
                throw new ArgumentException(
                        "boundaries",
                        "manual_stepping boundaries must be strictly increasing, but was " + b);
            }
        }
        List<Double> given = new ArrayList<>();
        for (Number n : r) {
            if (!(n instanceof Double)) {
                throw new ArgumentException(
                        "rates", "manual_stepping rates must be floats, but was " + r);
            }
            given.add(n.doubleValue());
        }
        if (given.size() != boundaries.length + 1) {
            throw new ArgumentException(
                    "rates",
                    "manual_stepping rates must exceed boundaries ("
                            + boundaries.length
                            + ") by exactly 1, but had "
                            + given.size());
        }
        if (boundaries.length > 0 && boundaries[0] == 0) {
            throw new ArgumentException(
                    "boundaries",
                    "manual_stepping boundaries: First step cannot be zero (the OD API's ValueError), but was "
                            + b);
        }
        rates = new float[given.size()];
        for (int i = 0; i < rates.length; i++) {
            rates[i] = (float) (double) given.get(i);
        }
        warmup = a.getBoolean("warmup") && boundaries.length > 0;
        first = given.get(0);
        slope = warmup ? (given.get(1) - given.get(0)) * 1.0 / boundaries[0] : 0.0;
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
    double value(long step) {
        int index = 0;
        while (index < boundaries.length && step >= boundaries[index]) {
            index++;
        }
        if (index == 0 && warmup && step >= 0) {
            return (float) (first + slope * step);
        }
        return rates[index];
    }

    /** {@inheritDoc} A boundary reached: the warmup's end for the first one with warmup. */
    @Override
    protected Optional<LrReason> getReason(long lastEpoch, int group) {
        for (int i = 0; i < boundaries.length; i++) {
            if (lastEpoch == boundaries[i]) {
                boolean warmupEnd = warmup && i == 0;
                return at(
                        lastEpoch,
                        boundaries[i],
                        warmupEnd ? LrReason.Kind.WARMUP_END : LrReason.Kind.MILESTONE,
                        (warmupEnd ? "warmup ended at boundary " : "boundary ")
                                + boundaries[i]
                                + " reached: rates["
                                + (i + 1)
                                + "]",
                        "boundary");
            }
        }
        return Optional.empty();
    }

    /** The builder of {@link ManualStepping}. */
    public static final class Builder extends ScheduleBuilder<ManualStepping, Builder> {

        private Builder() {
            super(DEFINITION);
        }

        /**
         * Sets the steps where the next rate starts.
         *
         * @param boundaries the boundaries, positive and strictly increasing
         * @return this builder
         */
        public Builder setBoundaries(List<Long> boundaries) {
            return set("boundaries", List.copyOf(boundaries));
        }

        /**
         * Sets the rates, one more than the boundaries.
         *
         * @param rates the rates
         * @return this builder
         */
        public Builder setRates(double... rates) {
            List<Double> list = new ArrayList<>();
            for (double v : rates) {
                list.add(v);
            }
            return set("rates", list);
        }

        /**
         * Sets whether the first rate rises linearly to the second before the first boundary.
         * Default: false.
         *
         * @param warmup whether to warm up
         * @return this builder
         */
        public Builder optWarmup(boolean warmup) {
            return set("warmup", warmup);
        }
    }
}
