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

    /**
     * The definition: PyTorch's signature {@code SequentialLR(optimizer, schedulers, milestones)}.
     */
    public static final ScheduleDefinition<SequentialLr> DEFINITION =
            ScheduleDefinition.builder(SequentialLr.class, "SequentialLR", SequentialLr::new)
                    .optUpstream(TORCH, 7)
                    .addRequired(
                            "schedulers",
                            Param.Kind.SCHEDULES,
                            "the schedules to run one after the other")
                    .addRequired(
                            "milestones",
                            Param.Kind.INTEGER_LIST,
                            "the steps at which the next schedule takes over")
                    .addLastEpoch()
                    .optLengths("milestones")
                    .build();

    private final List<Schedule> schedulers;
    private final long[] milestones;

    private SequentialLr(Arguments a) {
        super(a);
        this.schedulers = List.copyOf(a.getList("schedulers", Schedule.class));
        List<Long> m = a.getList("milestones", Long.class);
        this.milestones = new long[m.size()];
        for (int i = 0; i < milestones.length; i++) {
            milestones[i] = m.get(i);
        }
        String name = getPyTorchName();
        Checks.argument(
                !schedulers.isEmpty(),
                "SequentialLR schedulers must hold at least one scheduler, but was empty");
        if (!(Boolean) a.option("allow_plateau", false)) {
            checkNoPlateau(name, schedulers);
        }
        Checks.nesting(name, schedulers);
        Checks.argument(
                milestones.length == schedulers.size() - 1,
                "SequentialLR milestones must have one fewer value than schedulers (%d), but"
                        + " has %d",
                schedulers.size(),
                milestones.length);
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

    private static boolean isSorted(long[] a) {
        for (int i = 1; i < a.length; i++) {
            if (a[i] < a[i - 1]) {
                return false;
            }
        }
        return true;
    }

    @Override
    Live instantiate(Sim sim) {
        return new SequentialLive(sim);
    }

    /**
     * SequentialLR on a simulated optimizer. Its constructor is PyTorch's: the children first, then
     * the initial rates back, every child undone and the selected one's initial step again.
     */
    private final class SequentialLive extends CompositeLive {

        private final boolean sorted = isSorted(milestones);

        SequentialLive(Sim sim) {
            super(sim, schedulers);
            lastEpoch = 0;
            for (int g = 0; g < sim.groups; g++) {
                sim.lr[g] = sim.initialLr[g];
            }
            undo();
            // PyTorch 2.13: the child bisect_right(milestones, 0) selects takes the initial step.
            kids[bisectRight(milestones, 0)].initialStep();
        }

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

        /** The current child's own loop, up to the next milestone (sorted milestones only). */
        @Override
        long run(long k) {
            long next = lastEpoch + 1;
            int idx = bisectRight(milestones, next);
            if (!sorted || idx > 0 && milestones[idx - 1] == next) {
                return 0;
            }
            long limit = idx < milestones.length ? Math.min(k, milestones[idx] - next) : k;
            long ran = limit > 0 ? kids[idx].run(limit) : 0;
            lastEpoch += ran;
            return ran;
        }

        @Override
        void reasons(int group, List<LrReason> out) {
            int idx = bisectRight(milestones, lastEpoch);
            String where = "schedulers[" + idx + "] (" + schedulers.get(idx).getPyTorchName() + ")";
            if (idx > 0 && milestones[idx - 1] == lastEpoch) {
                out.add(
                        LrReason.of(
                                        LrReason.Kind.PHASE,
                                        "milestone " + lastEpoch + ": switched to " + where)
                                .with("milestone", lastEpoch)
                                .with("scheduler", idx));
            }
            List<LrReason> own = new ArrayList<>();
            kids[idx].reasons(group, own);
            for (LrReason r : own) {
                out.add(r.within(where));
            }
        }

        @Override
        void exportState(Map<String, Object> sd) {
            exportArguments(sd, SequentialLr.this, "milestones");
            sd.put("_milestones", sd.remove("milestones"));
            sd.put("last_epoch", lastEpoch);
            exportChildren(sd);
        }

        @Override
        void importState(StateDict sd) {
            lastEpoch = sd.integer("last_epoch", 0, Integer.MAX_VALUE);
            importChildren(sd);
        }
    }

    /** The builder of {@link SequentialLr}. */
    public static final class Builder extends ScheduleBuilder<SequentialLr, Builder> {

        private Builder() {
            super(DEFINITION);
        }

        /**
         * Sets the schedules to run one after the other. PyTorch's {@code schedulers}.
         *
         * @param schedulers the schedules, at least one
         * @return this builder
         */
        public Builder setSchedulers(Schedule... schedulers) {
            return set("schedulers", nonNull(schedulers));
        }

        /**
         * Sets the steps at which the next schedule takes over. PyTorch's {@code milestones}, one
         * fewer than the schedules.
         *
         * @param milestones the milestones
         * @return this builder
         */
        public Builder setMilestones(long... milestones) {
            List<Long> m = new ArrayList<>();
            for (long v : milestones) {
                m.add(v);
            }
            return set("milestones", m);
        }

        /**
         * Sets the milestones to lengths relative to the run, an epoch or updates, which a tracker
         * resolves to steps once it knows the run's length; build with {@link #buildForRun()}.
         *
         * @param first the first milestone, e.g. {@code Length.ofRun(0.5)}
         * @param more the others
         * @return this builder
         */
        public Builder setMilestones(Length first, Length... more) {
            List<Length> milestones = new ArrayList<>();
            milestones.add(first);
            milestones.addAll(List.of(more));
            return setLengths("milestones", milestones);
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

    /** Returns the schedules as a list, rejecting a null one. */
    static List<Schedule> nonNull(Schedule... schedulers) {
        List<Schedule> out = new ArrayList<>();
        for (Schedule s : schedulers) {
            out.add(Objects.requireNonNull(s, "schedulers"));
        }
        return out;
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
