package io.github.lrschedulers.tools;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.CustomSchedule;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.PyMath;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;
import io.github.lrschedulers.ScheduleProvider;
import java.util.List;

/**
 * A user's jar in miniature: one schedule of its own, supplied to the library through Java's {@link
 * java.util.ServiceLoader} (listed in this project's test resources, {@code
 * META-INF/services/io.github.lrschedulers.ScheduleProvider}).
 */
public final class UserSchedules implements ScheduleProvider {

    /** Supplies the schedules of this jar. */
    public UserSchedules() {}

    @Override
    public List<ScheduleDefinition<?>> getDefinitions() {
        return List.of(CosineTo.DEFINITION);
    }

    /** Cosine from the base rate to {@code floor} times it over {@code steps}, then the floor. */
    public static final class CosineTo extends CustomSchedule {

        /** The definition: {@code CosineTo(optimizer, steps, floor=0.0, last_epoch=-1)}. */
        public static final ScheduleDefinition<CosineTo> DEFINITION =
                ScheduleDefinition.builder(CosineTo.class, "CosineTo", CosineTo::new)
                        .addRequired("steps", Param.Kind.INTEGER, "steps of the cosine")
                        .addOptional("floor", Param.Kind.NUMBER, 0.0, "the final factor")
                        .addLastEpoch()
                        .build();

        private final long steps;
        private final double floor;

        private CosineTo(Arguments a) {
            super(a);
            steps = a.getLong("steps");
            floor = a.getDouble("floor");
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
            if (lastEpoch >= steps) {
                return baseLr * floor;
            }
            double c = (1 + PyMath.cos(Math.PI * lastEpoch / steps)) / 2;
            return baseLr * (floor + (1 - floor) * c);
        }

        @Override
        protected boolean isClosedForm() {
            return true;
        }

        /** The builder of {@link CosineTo}. */
        public static final class Builder extends ScheduleBuilder<CosineTo, Builder> {

            private Builder() {
                super(DEFINITION);
            }

            /**
             * Sets the number of steps of the cosine. Required.
             *
             * @param steps the number of steps
             * @return this builder
             */
            public Builder setSteps(long steps) {
                return set("steps", steps);
            }

            /**
             * Sets the final factor. Default: 0.
             *
             * @param floor the factor
             * @return this builder
             */
            public Builder optFloor(double floor) {
                return set("floor", floor);
            }
        }
    }
}
