package io.github.lrschedulers.userdefined;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.CustomSchedule;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.PyMath;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;

/**
 * A user's own chainable scheduler, written outside the library with its public API only: scales
 * the group's current rate by {@code factor} every {@code period} steps, as the {@code HalveEvery}
 * subclass of {@code LRScheduler} in generate_user_defined.py does from {@code group['lr']}.
 */
public final class HalveEvery extends CustomSchedule {

    /** The definition: {@code HalveEvery(optimizer, period, factor=0.5, last_epoch=-1)}. */
    public static final ScheduleDefinition<HalveEvery> DEFINITION =
            ScheduleDefinition.builder(HalveEvery.class, "HalveEvery", HalveEvery::new)
                    .addRequired("period", Param.Kind.INTEGER, "steps between two decays")
                    .addOptional("factor", Param.Kind.NUMBER, 0.5, "the factor of each decay")
                    .addLastEpoch()
                    .build();

    private final long period;
    private final double factor;

    private HalveEvery(Arguments a) {
        super(a);
        period = a.getLong("period");
        factor = a.getDouble("factor");
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
    protected double getLr(long lastEpoch, int group, double baseLr, double lr) {
        // Python's %: raises ZeroDivisionError for period 0 at the first step, as PyTorch does.
        if (lastEpoch == 0 || PyMath.mod(lastEpoch, period) != 0) {
            return lr;
        }
        return lr * factor;
    }

    /** The builder of {@link HalveEvery}. */
    public static final class Builder extends ScheduleBuilder<HalveEvery, Builder> {

        private Builder() {
            super(DEFINITION);
        }

        /**
         * Sets the number of steps between two decays. Required.
         *
         * @param period the period
         * @return this builder
         */
        public Builder setPeriod(long period) {
            return set("period", period);
        }

        /**
         * Sets the factor of each decay. Default: 0.5.
         *
         * @param factor the factor
         * @return this builder
         */
        public Builder optFactor(double factor) {
            return set("factor", factor);
        }
    }
}
