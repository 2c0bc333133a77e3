package io.github.lrschedulers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    /** The definition: PyTorch's signature {@code ChainedScheduler(schedulers, optimizer=None)}. */
    public static final ScheduleDefinition<ChainedScheduler> DEFINITION =
            ScheduleDefinition.builder(
                            ChainedScheduler.class, "ChainedScheduler", ChainedScheduler::new)
                    .optUpstream(TORCH, 10)
                    .addRequired(
                            "schedulers", Param.Kind.SCHEDULES, "the schedules to step together")
                    .addOptimizer("optimizer")
                    .build();

    private final List<Schedule> schedulers;

    private ChainedScheduler(Arguments a) {
        super(a);
        this.schedulers = List.copyOf(a.getList("schedulers", Schedule.class));
        String name = getPyTorchName();
        Checks.argument(
                !schedulers.isEmpty(),
                "ChainedScheduler schedulers must hold at least one scheduler, but was empty");
        if (!(Boolean) a.option("allow_plateau", false)) {
            SequentialLr.checkNoPlateau(name, schedulers);
        }
        Checks.nesting(name, schedulers);
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

    /**
     * Returns the child schedules, in order.
     *
     * @return the children
     */
    public List<Schedule> getSchedulers() {
        return schedulers;
    }

    @Override
    Live instantiate(Sim sim) {
        return new ChainedLive(sim);
    }

    /**
     * ChainedScheduler on a simulated optimizer: as PyTorch's, it takes no first step of its own.
     */
    private final class ChainedLive extends CompositeLive {

        ChainedLive(Sim sim) {
            super(sim, schedulers);
        }

        @Override
        void step() {
            for (Live kid : kids) {
                kid.step();
            }
        }

        @Override
        void reasons(int group, List<LrReason> out) {
            List<LrReason> own = new ArrayList<>();
            for (int i = 0; i < kids.length; i++) {
                kids[i].reasons(group, own);
                String where = "schedulers[" + i + "] (" + schedulers.get(i).getPyTorchName() + ")";
                for (LrReason r : own) {
                    out.add(r.within(where));
                }
                own.clear();
            }
        }

        @Override
        void exportState(Map<String, Object> sd) {
            exportChildren(sd);
        }

        @Override
        void importState(StateDict sd) {
            importChildren(sd);
        }
    }

    /** The builder of {@link ChainedScheduler}. */
    public static final class Builder extends ScheduleBuilder<ChainedScheduler, Builder> {

        private Builder() {
            super(DEFINITION);
        }

        /**
         * Sets the schedules to step together. PyTorch's {@code schedulers}.
         *
         * @param schedulers the schedules, at least one
         * @return this builder
         */
        public Builder setSchedulers(Schedule... schedulers) {
            return set("schedulers", SequentialLr.nonNull(schedulers));
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
            return setOption("allow_plateau", allowPlateau);
        }
    }
}
