package io.github.lrschedulers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Steps several schedules at every step, in order, on the shared rate.
 *
 * <p>PyTorch equivalent: {@code torch.optim.lr_scheduler.ChainedScheduler}. Each child is built in
 * order on the shared parameter groups (so each constructor's first step applies to the rate the
 * previous one left), and each {@code step()} steps every child in order. Recursive schedules
 * multiply; closed forms such as {@link LambdaLr} overwrite the rate. A {@link SequentialLr} child
 * is allowed; {@link ReduceLrOnPlateau} is rejected, as in PyTorch.
 *
 * @see <a
 *     href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.ChainedScheduler.html">
 *     PyTorch ChainedScheduler</a>
 */
public final class ChainedScheduler extends Schedule {

    static final String NAME = "ChainedScheduler";

    private final List<Schedule> schedulers;

    private ChainedScheduler(Builder b) {
        this.schedulers = List.copyOf(b.schedulers);
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    public boolean cyclesMomentum() {
        return schedulers.stream().anyMatch(Schedule::cyclesMomentum);
    }

    /** {@inheritDoc} */
    @Override
    public boolean usesMetrics() {
        return schedulers.stream().anyMatch(Schedule::usesMetrics);
    }

    /** {@inheritDoc} */
    @Override
    public String getPyTorchName() {
        return NAME;
    }

    /**
     * Returns the child schedules, in order.
     *
     * @return the children
     */
    public List<Schedule> getSchedulers() {
        return schedulers;
    }

    @Override
    void addArguments(List<Map.Entry<String, Object>> args) {
        args.add(arg("schedulers", new ArrayList<Object>(schedulers)));
    }

    @Override
    Live instantiate(Sim sim) {
        return new CompositeLive(sim, schedulers) {
            @Override
            void step() {
                for (Live kid : kids) {
                    kid.step();
                }
            }
        };
    }

    /** The builder of {@link ChainedScheduler}. */
    public static final class Builder {

        private List<Schedule> schedulers;
        private boolean allowPlateau;

        private Builder() {}

        /**
         * Sets the schedules to step together. PyTorch's {@code schedulers}.
         *
         * @param schedulers the schedules, at least one
         * @return this builder
         */
        public Builder setSchedulers(Schedule... schedulers) {
            this.schedulers = new ArrayList<>();
            for (Schedule s : schedulers) {
                this.schedulers.add(Objects.requireNonNull(s, "schedulers"));
            }
            return this;
        }

        /**
         * Allows {@link ReduceLrOnPlateau} among the schedules, beyond PyTorch, which rejects it
         * (pytorch/pytorch#68978). Default: false, as PyTorch.
         *
         * <p>The plateau schedule then takes the metric reported for each scheduler step it takes
         * ({@link LrTracker#reportMetric(double)}); in a SequentialLR it starts at its milestone
         * from the initial rates with a fresh best, e.g. a linear warmup followed by plateau-driven
         * decay. Such a schedule prints as a PyTorch-style spec, which {@code ScheduleSpec}
         * rejects, as PyTorch does.
         *
         * @param allowPlateau whether to allow ReduceLROnPlateau
         * @return this builder
         */
        public Builder optAllowPlateau(boolean allowPlateau) {
            this.allowPlateau = allowPlateau;
            return this;
        }

        /**
         * Builds the schedule.
         *
         * @return the schedule
         * @throws IllegalArgumentException if there is no schedule, one is ReduceLROnPlateau, or
         *     the schedules would nest deeper than {@link Schedule#MAX_NESTING}
         */
        public ChainedScheduler build() {
            Checks.argument(
                    schedulers != null && !schedulers.isEmpty(),
                    "ChainedScheduler schedulers must hold at least one scheduler, but was empty");
            if (!allowPlateau) {
                SequentialLr.checkNoPlateau(NAME, schedulers);
            }
            Checks.nesting(NAME, schedulers);
            return new ChainedScheduler(this);
        }
    }
}
