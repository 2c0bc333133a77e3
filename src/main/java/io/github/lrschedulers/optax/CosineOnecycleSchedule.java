package io.github.lrschedulers.optax;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;
import java.util.Optional;

/**
 * Up from {@code peak_value / div_factor} to {@code peak_value} and down to {@code peak_value /
 * (div_factor * final_div_factor)} at {@code transition_steps}, both along a half cosine.
 *
 * <p>optax equivalent: {@code optax.cosine_onecycle_schedule}, a cosine {@link
 * PiecewiseInterpolateSchedule}:
 *
 * <pre>{@code
 * piecewise_interpolate_schedule('cosine', peak_value / div_factor,
 *     {int(pct_start * transition_steps): div_factor,
 *      int(transition_steps): 1.0 / (div_factor * final_div_factor)})
 * }</pre>
 *
 * <p>The divisions and {@code int(...)} are Python's, in double; a repeated boundary keeps the
 * later scale ({@code pct_start=1.0} never reaches the peak).
 *
 * @see <a href="https://optax.readthedocs.io/en/latest/api/optimizer_schedules.html">optax
 *     schedules</a>
 */
public final class CosineOnecycleSchedule extends OptaxSchedule {

    /**
     * The definition: {@code cosine_onecycle_schedule(transition_steps, peak_value, pct_start=0.3,
     * div_factor=25.0, final_div_factor=1e4)}.
     */
    public static final ScheduleDefinition<CosineOnecycleSchedule> DEFINITION =
            ScheduleDefinition.builder(
                            CosineOnecycleSchedule.class,
                            OPTAX + ".cosine_onecycle_schedule",
                            CosineOnecycleSchedule::new)
                    .optUpstream(OPTAX, 10)
                    .optStepOrigin(STEP_ORIGIN)
                    .optDtype("float32")
                    .addRequired(
                            "transition_steps", Param.Kind.LITERAL, "updates of the cycle, > 0")
                    .addRequired("peak_value", Param.Kind.NUMBER, "the highest rate")
                    .addOptional(
                            "pct_start",
                            Param.Kind.NUMBER,
                            0.3,
                            "the fraction of the cycle spent rising")
                    .addOptional(
                            "div_factor",
                            Param.Kind.NUMBER,
                            25.0,
                            "the initial rate is peak_value / div_factor")
                    .addOptional(
                            "final_div_factor",
                            Param.Kind.NUMBER,
                            1e4,
                            "the final rate is the initial rate / final_div_factor")
                    .optLengths("transition_steps")
                    .build();

    private static final String NAME = "cosine_onecycle_schedule";

    private final Interpolation interpolation;

    private CosineOnecycleSchedule(Arguments a) {
        super(a);
        Number given = count(a, NAME, "transition_steps");
        Interpolation.checkTransitionSteps(NAME, given);
        double steps = given.doubleValue();
        double divFactor = a.getDouble("div_factor");
        double init = Interpolation.pyDiv(NAME, "div_factor", a.getDouble("peak_value"), divFactor);
        Interpolation.Phases p = new Interpolation.Phases(NAME);
        long start = Interpolation.pyInt(NAME, "pct_start", a.getDouble("pct_start") * steps);
        p.put(start, "pct_start", divFactor, "div_factor");
        double finalScale =
                Interpolation.pyDiv(
                        NAME, "final_div_factor", 1.0, divFactor * a.getDouble("final_div_factor"));
        long last = Interpolation.pyInt(NAME, "transition_steps", steps);
        p.put(last, "transition_steps", finalScale, "final_div_factor");
        interpolation = p.interpolation(true, init);
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

    /** {@inheritDoc} A phase ended: the next phase of the cycle starts. */
    @Override
    protected Optional<LrReason> getReason(long lastEpoch, int group) {
        return interpolation.reason(lastEpoch, LrReason.Kind.PHASE, "phase boundary");
    }

    /** The builder of {@link CosineOnecycleSchedule}. */
    public static final class Builder extends ScheduleBuilder<CosineOnecycleSchedule, Builder> {

        private Builder() {
            super(DEFINITION);
        }

        /**
         * Sets the number of updates of the cycle.
         *
         * @param transitionSteps the cycle's length, {@code > 0}
         * @return this builder
         */
        public Builder setTransitionSteps(long transitionSteps) {
            return set("transition_steps", transitionSteps);
        }

        /**
         * Sets the number of updates of the cycle.
         *
         * <p>A float count, e.g. {@code 750.25}, is computed as optax computes it.
         *
         * @param transitionSteps the cycle's length, {@code > 0}
         * @return this builder
         */
        public Builder setTransitionSteps(double transitionSteps) {
            return set("transition_steps", transitionSteps);
        }

        /**
         * Sets the highest rate.
         *
         * @param peakValue the peak
         * @return this builder
         */
        public Builder setPeakValue(double peakValue) {
            return set("peak_value", peakValue);
        }

        /**
         * Sets the fraction of the cycle spent rising. Default: 0.3 (optax default).
         *
         * @param pctStart the fraction
         * @return this builder
         */
        public Builder optPctStart(double pctStart) {
            return set("pct_start", pctStart);
        }

        /**
         * Sets the ratio of the peak to the initial rate. Default: 25.0 (optax default).
         *
         * @param divFactor the ratio
         * @return this builder
         */
        public Builder optDivFactor(double divFactor) {
            return set("div_factor", divFactor);
        }

        /**
         * Sets the ratio of the initial to the final rate. Default: 1e4 (optax default).
         *
         * @param finalDivFactor the ratio
         * @return this builder
         */
        public Builder optFinalDivFactor(double finalDivFactor) {
            return set("final_div_factor", finalDivFactor);
        }
    }
}
