package io.github.lrschedulers.optax;

import io.github.lrschedulers.ArgumentException;
import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.Schedule;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs optax schedules one after the other: from each boundary on, the next schedule, with its
 * count restarting at 0.
 *
 * <p>optax equivalent: {@code optax.join_schedules}:
 *
 * <pre>{@code
 * lr = schedules[0](count)
 * for boundary, s in zip(boundaries, schedules[1:]):
 *     lr = lr if count < boundary else s(count - boundary)
 * }</pre>
 *
 * <p>As Python's {@code zip}, extra boundaries or schedules are ignored; non-increasing boundaries
 * let a later schedule override an earlier one. Every schedule must be one of this family.
 *
 * @see <a href="https://optax.readthedocs.io/en/latest/api/optimizer_schedules.html">optax
 *     schedules</a>
 */
public final class JoinSchedules extends OptaxSchedule {

    /** The definition: {@code join_schedules(schedules, boundaries)}. */
    public static final ScheduleDefinition<JoinSchedules> DEFINITION =
            ScheduleDefinition.builder(
                            JoinSchedules.class, OPTAX + ".join_schedules", JoinSchedules::new)
                    .optUpstream(OPTAX, 16)
                    .optStepOrigin(STEP_ORIGIN)
                    .optDtype("float32")
                    .addRequired(
                            "schedules",
                            Param.Kind.SCHEDULES,
                            "the optax schedules, in order (at least one)")
                    .addRequired(
                            "boundaries",
                            Param.Kind.INTEGER_LIST,
                            "the counts where the next schedule starts")
                    .optLengths("boundaries")
                    .build();

    private static final String NAME = "join_schedules";

    private final List<OptaxSchedule> schedules;
    private final long[] boundaries;

    private JoinSchedules(Arguments a) {
        super(a);
        List<OptaxSchedule> list = new ArrayList<>();
        for (Schedule s : a.getList("schedules", Schedule.class)) {
            if (!(s instanceof OptaxSchedule)) {
                throw new ArgumentException(
                        "schedules", NAME + " schedules must be optax schedules, but had " + s);
            }
            list.add((OptaxSchedule) s);
        }
        if (list.isEmpty()) {
            throw new ArgumentException(
                    "schedules",
                    NAME + " schedules must not be empty (optax indexes schedules[0]), but was []");
        }
        schedules = List.copyOf(list);
        List<Long> b = a.getList("boundaries", Long.class);
        boundaries = b.stream().mapToLong(Long::longValue).toArray();
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
        float out = schedules.get(0).value(count);
        int n = Math.min(boundaries.length, schedules.size() - 1);
        for (int i = 0; i < n; i++) {
            if (count >= boundaries[i]) {
                out = schedules.get(i + 1).value(count - boundaries[i]);
            }
        }
        return out;
    }

    /**
     * {@inheritDoc} A boundary reached: the next schedule starts, its count from 0; between the
     * boundaries, the running schedule's own events.
     */
    @Override
    protected Optional<LrReason> getReason(long lastEpoch, int group) {
        int n = Math.min(boundaries.length, schedules.size() - 1);
        int running = 0;
        for (int i = 0; i < n; i++) {
            if (lastEpoch >= boundaries[i]) {
                running = i + 1;
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            if (lastEpoch == boundaries[i] && lastEpoch > 0) {
                return Optional.of(
                        LrReason.of(
                                        LrReason.Kind.PHASE,
                                        "boundary "
                                                + boundaries[i]
                                                + ": schedules["
                                                + (i + 1)
                                                + "] starts")
                                .with("boundary", boundaries[i])
                                .with("schedule", i + 1L));
            }
        }
        long start = running == 0 ? 0 : boundaries[running - 1];
        String where = "schedules[" + running + "]";
        return schedules.get(running).reason(lastEpoch - start, group).map(r -> r.within(where));
    }

    /** The builder of {@link JoinSchedules}. */
    public static final class Builder extends ScheduleBuilder<JoinSchedules, Builder> {

        private Builder() {
            super(DEFINITION);
        }

        /**
         * Sets the schedules, in order; each must be one of this family.
         *
         * @param schedules the schedules
         * @return this builder
         */
        public Builder setSchedules(Schedule... schedules) {
            List<Schedule> list = new ArrayList<>();
            for (Schedule s : schedules) {
                list.add(Objects.requireNonNull(s, "schedules"));
            }
            return set("schedules", list);
        }

        /**
         * Sets the counts where the next schedule starts.
         *
         * @param boundaries the boundaries
         * @return this builder
         */
        public Builder setBoundaries(long... boundaries) {
            return set("boundaries", Arrays.stream(boundaries).boxed().toList());
        }
    }
}
