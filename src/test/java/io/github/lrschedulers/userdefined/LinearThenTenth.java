package io.github.lrschedulers.userdefined;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.CustomSchedule;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;

/**
 * A user's own scheduler, written outside the library with its public API only: linear from the
 * base rate to a tenth of it over {@code epochs} epochs, then that tenth. The PyTorch original is
 * the {@code LinearThenTenth} subclass of {@code LRScheduler} in generate_user_defined.py.
 */
public final class LinearThenTenth extends CustomSchedule {

    /** The definition: {@code LinearThenTenth(optimizer, epochs=10, last_epoch=-1)}. */
    public static final ScheduleDefinition<LinearThenTenth> DEFINITION =
            ScheduleDefinition.builder(
                            LinearThenTenth.class, "LinearThenTenth", LinearThenTenth::new)
                    .addOptional("epochs", Param.Kind.INTEGER, 10L, "epochs of the linear part")
                    .addLastEpoch()
                    .build();

    private final long epochs;

    private LinearThenTenth(Arguments a) {
        super(a);
        epochs = a.getLong("epochs");
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
        if (lastEpoch < epochs) {
            return baseLr * (1 - 0.9 * lastEpoch / epochs);
        }
        return baseLr * 0.1;
    }

    @Override
    protected boolean isClosedForm() {
        return true;
    }

    /** The builder of {@link LinearThenTenth}. */
    public static final class Builder extends ScheduleBuilder<LinearThenTenth, Builder> {

        private Builder() {
            super(DEFINITION);
        }

        /**
         * Sets the length of the linear part, in epochs. Default: 10.
         *
         * @param epochs the number of epochs
         * @return this builder
         */
        public Builder optEpochs(long epochs) {
            return set("epochs", epochs);
        }
    }
}
