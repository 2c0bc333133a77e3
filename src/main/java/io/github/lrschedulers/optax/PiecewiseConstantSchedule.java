package io.github.lrschedulers.optax;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;
import io.github.lrschedulers.internal.PyRepr;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Multiplies the rate by a scale at each boundary, from the boundary on (at it, not after it as in
 * Keras and TensorFlow); the scales accumulate.
 *
 * <p>optax equivalent: {@code optax.piecewise_constant_schedule}. In float32, for the boundaries in
 * sorted order:
 *
 * <pre>{@code
 * v = init_value
 * for threshold, scale in sorted(boundaries_and_scales.items()):
 *     indicator = max(0.0, sign(threshold - count))    # 0 from the boundary on
 *     v = v * indicator + (1 - indicator) * scale * v
 * }</pre>
 *
 * @see <a href="https://optax.readthedocs.io/en/latest/api/optimizer_schedules.html">optax
 *     schedules</a>
 */
public final class PiecewiseConstantSchedule extends OptaxSchedule {

    /**
     * The definition: {@code piecewise_constant_schedule(init_value, boundaries_and_scales=None)}.
     */
    public static final ScheduleDefinition<PiecewiseConstantSchedule> DEFINITION =
            ScheduleDefinition.builder(
                            PiecewiseConstantSchedule.class,
                            OPTAX + ".piecewise_constant_schedule",
                            PiecewiseConstantSchedule::new)
                    .optUpstream(OPTAX, 3)
                    .optStepOrigin(STEP_ORIGIN)
                    .optDtype("float32")
                    .addRequired("init_value", Param.Kind.NUMBER, "the rate at count 0")
                    .addOptionalNone(
                            "boundaries_and_scales",
                            Param.Kind.INTEGER_DICT,
                            "{count: scale}: from each count on, the rate is multiplied by the"
                                    + " scale (>= 0)")
                    .build();

    private static final String NAME = "piecewise_constant_schedule";

    private final float initValue;
    private final long[] thresholds;
    private final float[] scales;

    @SuppressWarnings("unchecked")
    private PiecewiseConstantSchedule(Arguments a) {
        super(a);
        initValue = (float) a.getDouble("init_value");
        Map<Long, Double> dict = (Map<Long, Double>) a.get("boundaries_and_scales");
        TreeMap<Long, Double> sorted = new TreeMap<>(dict == null ? Map.of() : dict);
        for (Map.Entry<Long, Double> e : sorted.entrySet()) {
            Interpolation.checkScale(NAME, "boundaries_and_scales", e.getValue());
            Interpolation.checkBoundary(NAME, "boundaries_and_scales", e.getKey());
        }
        thresholds = sorted.keySet().stream().mapToLong(Long::longValue).toArray();
        scales = new float[thresholds.length];
        int i = 0;
        for (double s : sorted.values()) {
            scales[i++] = (float) s;
        }
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
        float v = initValue;
        for (int i = 0; i < thresholds.length; i++) {
            float indicator = count < thresholds[i] ? 1f : 0f;
            v = v * indicator + (1f - indicator) * scales[i] * v;
        }
        return v;
    }

    /** {@inheritDoc} A boundary reached: the rate is multiplied by its scale from it on. */
    @Override
    protected Optional<LrReason> getReason(long lastEpoch, int group) {
        for (int i = 0; i < thresholds.length; i++) {
            Optional<LrReason> r =
                    at(
                            lastEpoch,
                            thresholds[i],
                            LrReason.Kind.MILESTONE,
                            "boundary " + thresholds[i] + " reached: ×" + PyRepr.repr(scales[i]),
                            "boundary");
            if (r.isPresent()) {
                return Optional.of(r.get().with("scale", scales[i]));
            }
        }
        return Optional.empty();
    }

    /** The builder of {@link PiecewiseConstantSchedule}. */
    public static final class Builder extends ScheduleBuilder<PiecewiseConstantSchedule, Builder> {

        private Builder() {
            super(DEFINITION);
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
         * Sets the scales by boundary: from each count on, the rate is multiplied by its scale.
         * Default: None (a constant rate).
         *
         * @param boundariesAndScales the scales ({@code >= 0}) by count
         * @return this builder
         */
        public Builder optBoundariesAndScales(Map<Long, Double> boundariesAndScales) {
            return set("boundaries_and_scales", new LinkedHashMap<>(boundariesAndScales));
        }
    }
}
