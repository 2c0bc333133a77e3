package io.github.lrschedulers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs several schedules one after the other, switching at milestones.
 *
 * <p>PyTorch equivalent: {@code torch.optim.lr_scheduler.SequentialLR}, with PyTorch 2.13's
 * semantics: at construction the rates go back to the initial rates, every child's step count is
 * undone and the child that {@code bisect_right(milestones, 0)} selects takes its first step again
 * (the first child unless a milestone is 0 or less, or the list is unsorted so that the search
 * lands further on; PyTorch before 2.13 always took the first child); at milestone {@code m_i} the
 * child {@code i + 1} restarts through its closed form at epoch 0 ({@link MultiplicativeLr}, which
 * has none, multiplies the current rate by {@code lr_lambda(0)}), and steps on from there.
 *
 * <p>A {@link ChainedScheduler} or another SequentialLR may be the starting child, as PyTorch
 * allows; as a child restarted at a milestone PyTorch fails when that milestone is reached
 * (NotImplementedError), and so does the tracker. {@link ReduceLrOnPlateau} is rejected, as in
 * PyTorch.
 *
 * @see <a
 *     href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.SequentialLR.html">
 *     PyTorch SequentialLR</a>
 */
public final class SequentialLr extends Schedule {

    static final String NAME = "SequentialLR";

    private final List<Schedule> schedulers;
    private final long[] milestones;

    private SequentialLr(Builder b) {
        this.schedulers = List.copyOf(b.schedulers);
        this.milestones = b.milestones.clone();
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
        List<Object> m = new ArrayList<>();
        for (long v : milestones) {
            m.add(v);
        }
        args.add(arg("milestones", m));
    }

    /** Python's {@code bisect_right}, on a list that need not be sorted, step for step. */
    static int bisectRight(long[] a, long x) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (x < a[mid]) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    @Override
    Live instantiate(Sim sim) {
        CompositeLive live =
                new CompositeLive(sim, schedulers) {
                    @Override
                    void step() {
                        lastEpoch++;
                        int idx = bisectRight(milestones, lastEpoch);
                        Live kid = kids[idx];
                        if (idx > 0 && milestones[idx - 1] == lastEpoch) {
                            kid.updateLr(true);
                        } else {
                            kid.step();
                        }
                    }
                };
        live.lastEpoch = 0;
        for (int g = 0; g < sim.groups; g++) {
            sim.lr[g] = sim.initialLr[g];
        }
        live.undo();
        // PyTorch 2.13: the child bisect_right(milestones, 0) selects takes the initial step.
        live.kids[bisectRight(milestones, 0)].initialStep();
        return live;
    }

    /** The builder of {@link SequentialLr}. */
    public static final class Builder {

        private List<Schedule> schedulers;
        private boolean allowPlateau;
        private long[] milestones;

        private Builder() {}

        /**
         * Sets the schedules to run one after the other. PyTorch's {@code schedulers}.
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
         * Sets the steps at which the next schedule takes over. PyTorch's {@code milestones}, one
         * fewer than the schedules.
         *
         * @param milestones the milestones
         * @return this builder
         */
        public Builder setMilestones(long... milestones) {
            this.milestones = milestones.clone();
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
         * @throws IllegalArgumentException if there is no schedule, one is ReduceLROnPlateau, the
         *     schedules would nest deeper than {@link Schedule#MAX_NESTING}, or the number of
         *     milestones is not one fewer than the number of schedules
         */
        public SequentialLr build() {
            Checks.argument(
                    schedulers != null && !schedulers.isEmpty(),
                    "SequentialLR schedulers must hold at least one scheduler, but was empty");
            if (!allowPlateau) {
                SequentialLr.checkNoPlateau(NAME, schedulers);
            }
            Checks.nesting(NAME, schedulers);
            Checks.argument(milestones != null, "SequentialLR milestones must be set");
            Checks.argument(
                    milestones.length == schedulers.size() - 1,
                    "SequentialLR milestones must have one fewer value than schedulers (%d), but"
                            + " has %d",
                    schedulers.size(),
                    milestones.length);
            return new SequentialLr(this);
        }
    }

    static void checkNoPlateau(String name, List<Schedule> schedulers) {
        for (int i = 0; i < schedulers.size(); i++) {
            Checks.argument(
                    !schedulers.get(i).isPlateau(),
                    "%s schedulers must not contain ReduceLROnPlateau (PyTorch rejects it: it needs"
                            + " a metric at each step), but index %d is one",
                    name,
                    i);
        }
    }
}
