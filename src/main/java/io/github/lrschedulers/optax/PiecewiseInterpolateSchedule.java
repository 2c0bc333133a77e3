package io.github.lrschedulers.optax;

import io.github.lrschedulers.ArgumentException;
import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Moves the rate linearly or along a half cosine from one accumulated value to the next between the
 * boundaries: the value at a boundary is {@code init_value} times the scales up to it.
 *
 * <p>optax equivalent: {@code optax.piecewise_interpolate_schedule}. In float32, with {@code bounds
 * = (0,) + sorted boundaries}, {@code values} the running product of {@code init_value} and the
 * scales, and {@code pct = (count - bounds[i]) / max(bounds[i + 1] - bounds[i], 1)} in the interval
 * {@code [bounds[i], bounds[i + 1])}:
 *
 * <pre>{@code
 * linear: (values[i + 1] - values[i]) * pct + values[i]
 * cosine: values[i + 1] + (values[i] - values[i + 1]) / 2 * (cos(pi * pct) + 1)
 * }</pre>
 *
 * and {@code values[-1]} from the last boundary on.
 *
 * @see <a href="https://optax.readthedocs.io/en/latest/api/optimizer_schedules.html">optax
 *     schedules</a>
 */
public final class PiecewiseInterpolateSchedule extends OptaxSchedule {

    /**
     * The definition: {@code piecewise_interpolate_schedule(interpolate_type, init_value,
     * boundaries_and_scales=None)}.
     */
    public static final ScheduleDefinition<PiecewiseInterpolateSchedule> DEFINITION =
            ScheduleDefinition.builder(
                            PiecewiseInterpolateSchedule.class,
                            OPTAX + ".piecewise_interpolate_schedule",
                            PiecewiseInterpolateSchedule::new)
                    .optUpstream(OPTAX, 8)
                    .optStepOrigin(STEP_ORIGIN)
                    .optDtype("float32")
                    .addRequired("interpolate_type", Param.Kind.STRING, "'linear' or 'cosine'")
                    .addRequired("init_value", Param.Kind.NUMBER, "the rate at count 0")
                    .addOptionalNone(
                            "boundaries_and_scales",
                            Param.Kind.INTEGER_DICT,
                            "{count: scale}: the rate reaches the running product of the scales"
                                    + " (>= 0) at each count")
                    .build();

    private static final String NAME = "piecewise_interpolate_schedule";

    private final Interpolation interpolation;

    @SuppressWarnings("unchecked")
    private PiecewiseInterpolateSchedule(Arguments a) {
        super(a);
        String type = a.getString("interpolate_type");
        if (!type.equals("linear") && !type.equals("cosine")) {
            throw new ArgumentException(
                    "interpolate_type",
                    NAME
                            + " interpolate_type must be either 'cosine' or 'linear' (optax), but"
                            + " was '"
                            + type
                            + "'");
        }
        Map<Long, Double> dict = (Map<Long, Double>) a.get("boundaries_and_scales");
        if (dict == null) {
            dict = Map.of();
        }
        for (Map.Entry<Long, Double> e : dict.entrySet()) {
            Interpolation.checkScale(NAME, "boundaries_and_scales", e.getValue());
            Interpolation.checkBoundary(NAME, "boundaries_and_scales", e.getKey());
        }
        interpolation = new Interpolation(type.equals("cosine"), a.getDouble("init_value"), dict);
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
    float value(double count) {
        return interpolation.value(count);
    }

    /** {@inheritDoc} A boundary reached: the next segment of the interpolation starts. */
    @Override
    protected Optional<LrReason> getReason(long lastEpoch, int group) {
        return interpolation.reason(lastEpoch, LrReason.Kind.MILESTONE, "boundary");
    }

    /** The builder of {@link PiecewiseInterpolateSchedule}. */
    public static final class Builder
            extends ScheduleBuilder<PiecewiseInterpolateSchedule, Builder> {

        private Builder() {
            super(DEFINITION);
        }

        /**
         * Sets how the rate moves between boundaries.
         *
         * @param interpolateType {@code "linear"} or {@code "cosine"}
         * @return this builder
         */
        public Builder setInterpolateType(String interpolateType) {
            return set("interpolate_type", interpolateType);
        }

        /**
         * Sets the rate at count 0.
         *
         * @param initValue the initial rate
         * @return this builder
         */
        public Builder setInitValue(double initValue) {
            return set("init_value", initValue);
        }

        /**
         * Sets the scales by boundary: at each count, the rate reaches the running product of the
         * scales up to it. Default: None (a constant rate).
         *
         * @param boundariesAndScales the scales ({@code >= 0}) by count
         * @return this builder
         */
        public Builder optBoundariesAndScales(Map<Long, Double> boundariesAndScales) {
            return set("boundaries_and_scales", new LinkedHashMap<>(boundariesAndScales));
        }
    }
}
