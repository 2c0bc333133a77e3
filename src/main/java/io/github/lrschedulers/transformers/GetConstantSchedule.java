package io.github.lrschedulers.transformers;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;

/**
 * Keeps every group at its base rate: {@code lr_lambda(step) = 1}.
 *
 * <p>transformers equivalent: {@code transformers.get_constant_schedule(optimizer, last_epoch=-1)}.
 */
public final class GetConstantSchedule extends LambdaSchedule {

    /** The definition: {@code get_constant_schedule(optimizer, last_epoch=-1)}. */
    public static final ScheduleDefinition<GetConstantSchedule> DEFINITION =
            ScheduleDefinition.builder(
                            GetConstantSchedule.class,
                            "transformers.get_constant_schedule",
                            GetConstantSchedule::new)
                    .optUpstream(UPSTREAM, 0)
                    .optStepOrigin(ORIGIN)
                    .addLastEpoch()
                    .build();

    private GetConstantSchedule(Arguments a) {
        super(a);
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
    double lambda(long step) {
        return 1;
    }

    @Override
    protected boolean isClosedForm() {
        return true;
    }

    /** The builder of {@link GetConstantSchedule}. */
    public static final class Builder extends ScheduleBuilder<GetConstantSchedule, Builder> {

        private Builder() {
            super(DEFINITION);
        }
    }
}
