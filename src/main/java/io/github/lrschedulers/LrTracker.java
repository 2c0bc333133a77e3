package io.github.lrschedulers;

import ai.djl.training.tracker.Tracker;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Function;

/**
 * A DJL {@link Tracker} that gives the learning rate of a PyTorch {@link Schedule} at every update,
 * bit for bit as PyTorch 2.x computes it.
 *
 * <p>Use it wherever DJL takes a learning-rate tracker:
 *
 * <pre>{@code
 * LrTracker lr = LrTracker.builder()
 *         .setSchedule(ScheduleSpec.parse("OneCycleLR(max_lr=0.1, total_steps=10000)"))
 *         .build();
 * Optimizer sgd = Optimizer.sgd().setLearningRateTracker(lr).build();
 * }</pre>
 *
 * <p><b>Update numbering.</b> DJL's first optimizer update calls {@code getNewValue} with {@code
 * numUpdate = 1}. It gets PyTorch's rate right after the scheduler's construction ({@code
 * last_epoch = 0}); update {@code n} gets the rate after {@code n - 1} calls of {@code
 * scheduler.step()} when stepping per update, or after {@code floor((n - 1) / K)} calls when
 * stepping per epoch of {@code K} updates ({@link Builder#optStepsPerEpoch(int)}).
 *
 * <p><b>Parameter groups.</b> The base rates are PyTorch's {@code lr} of each parameter group
 * ({@link Builder#optBaseLrs(double...)}); {@link ParameterGroups} assigns DJL's parameters to
 * them. Per-group arguments of the schedule (a list of {@code max_lr}, say) must have one value per
 * group, as in PyTorch.
 *
 * <p><b>Calls.</b> Values depend only on the update number, never on the order or number of calls:
 * any thread may ask for any update, in any order, as DJL does once per parameter and device. The
 * last rates computed are cached, so a call for the current update costs a volatile read; moving
 * forward costs one scheduler step per update; asking for an earlier update replays the schedule
 * from its start, skipping steps that provably change nothing and jumping over closed forms. A
 * replay of more than 16,384 steps runs on a simulation of the calling thread's own, outside the
 * tracker's lock, so that a call for a near update never waits for it; interrupting that thread
 * cancels the replay with a {@link CancellationException} (its interrupt status stays set). Memory
 * does not grow with the number of updates (except one double per metric reported to
 * ReduceLROnPlateau).
 *
 * <p><b>Errors.</b> A configuration PyTorch rejects at construction fails in {@link
 * Builder#build()}; one that PyTorch rejects only at a later step (e.g. {@code ConstantLR(factor=0,
 * total_iters=5)} at step 5) throws {@link IllegalArgumentException} from the update that needs
 * that step; stepping OneCycleLR past {@code total_steps} throws {@link IllegalStateException}.
 */
public final class LrTracker implements Tracker {

    private static final long EMPTY = 0xFFFFFFFF_00000000L;

    /**
     * The most scheduler steps a call replays while holding the lock: a call that needs more runs
     * on a simulation of its own, outside the lock, so that it never holds up another call.
     */
    static final int NEAR_STEPS = 1 << 14; // 16,384, as the class javadoc says

    private final Schedule schedule;
    private final double[] baseLrs;
    private final int stepsPerEpoch;
    private final boolean atEpochEnds;
    private final double baseMomentum;
    private final ParameterGroups parameterGroups;

    private final Object lock = new Object(); // guards sims and the writes of metrics
    private final AtomicLongArray cache;
    private final AtomicLongArray momentumCache;
    private final java.util.concurrent.atomic.AtomicInteger latestUpdate =
            new java.util.concurrent.atomic.AtomicInteger();
    // Published for readers without the lock: an element is written before the array, and the
    // array before the count; a reader reads the count first, then the array.
    private volatile double[] metrics = new double[0];
    private volatile int metricCount;
    private volatile int[] epochEnds = new int[0];

    /**
     * Two simulations, guarded by the lock, the most recently used first: a training run keeps its
     * own while a preview (or a checkpoint's look at an earlier update) uses the other. Either may
     * be null after a failed step.
     */
    private final Sim[] sims = new Sim[2];

    private LrTracker(Builder b, double[] baseLrs) {
        this.schedule = b.schedule;
        this.baseLrs = baseLrs;
        this.stepsPerEpoch = b.stepsPerEpoch;
        this.atEpochEnds = b.atEpochEnds;
        this.baseMomentum = b.baseMomentum;
        this.parameterGroups = b.parameterGroups;
        this.cache = new AtomicLongArray(baseLrs.length);
        this.momentumCache = new AtomicLongArray(baseLrs.length);
        for (int g = 0; g < baseLrs.length; g++) {
            cache.set(g, EMPTY);
            momentumCache.set(g, EMPTY);
        }
        this.sims[0] = newSim();
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a tracker with the same configuration and fresh state: no metrics, epoch ends or
     * updates seen. Use one per training run; this one keeps the run's progress.
     *
     * @return a new tracker
     */
    public LrTracker copy() {
        Builder b =
                builder()
                        .setSchedule(schedule)
                        .optBaseLrs(baseLrs)
                        .optStepsPerEpoch(stepsPerEpoch)
                        .optBaseMomentum(baseMomentum)
                        .optParameterGroups(parameterGroups);
        if (atEpochEnds) {
            b.optStepAtEpochEnds();
        }
        return b.build();
    }

    /**
     * Returns a tracker of a schedule with one parameter group, stepped per update.
     *
     * @param schedule the schedule
     * @param baseLr the optimizer's learning rate, PyTorch's {@code lr}
     * @return the tracker
     * @throws IllegalArgumentException if PyTorch rejects the configuration
     */
    public static LrTracker of(Schedule schedule, double baseLr) {
        return builder().setSchedule(schedule).optBaseLr(baseLr).build();
    }

    private Sim newSim() {
        return new Sim(schedule, baseLrs, baseMomentum, this::metric);
    }

    /** Reads a reported metric; safe without the lock. */
    private double metric(int index) {
        int count = metricCount;
        if (index < count) {
            return metrics[index];
        }
        throw new IllegalStateException(
                "ReduceLROnPlateau needs the metric of step "
                        + (index + 1)
                        + ", but "
                        + count
                        + " were reported: call reportMetric(value) at the end of each epoch");
    }

    /** {@inheritDoc} */
    @Override
    public float getNewValue(int numUpdate) {
        return value(0, numUpdate);
    }

    /** {@inheritDoc} */
    @Override
    public float getNewValue(String parameterId, int numUpdate) {
        int group = parameterGroups == null ? 0 : parameterGroups.groupOf(parameterId);
        return value(group, numUpdate);
    }

    private float value(int group, int numUpdate) {
        int step = stepOf(numUpdate);
        if (numUpdate > latestUpdate.get()) {
            latestUpdate.accumulateAndGet(numUpdate, Math::max);
        }
        long c = cache.get(group);
        if ((int) (c >>> 32) == step) {
            return Float.intBitsToFloat((int) c);
        }
        return fill(step, group, false);
    }

    /** Moves to a step, caches every group's rate and momentum, and returns one of them. */
    private float fill(int step, int group, boolean momentum) {
        return atStep(step, s -> (float) (momentum ? s.momentum[group] : s.lr[group]));
    }

    /** Caches every group's rate and momentum of a simulation; call with the lock held. */
    private void cacheRates(int step, Sim s) {
        for (int g = 0; g < baseLrs.length; g++) {
            cache.set(g, pack(step, s.lr[g]));
            momentumCache.set(g, pack(step, s.momentum[g]));
        }
    }

    private static long pack(int step, double value) {
        return ((long) step << 32) | (Float.floatToRawIntBits((float) value) & 0xFFFFFFFFL);
    }

    /**
     * Returns the momentum of a parameter at an update, as a float: what CyclicLR and OneCycleLR
     * with {@code cycle_momentum} write into PyTorch's optimizer (SGD's momentum, Adam's beta1),
     * else the base momentum. As fast as {@link #getNewValue(String, int)}.
     *
     * @param parameterId the parameter's id, as DJL's optimizer passes it
     * @param numUpdate the update, from 1
     * @return the momentum
     */
    public float getNewMomentum(String parameterId, int numUpdate) {
        int group = parameterGroups == null ? 0 : parameterGroups.groupOf(parameterId);
        int step = stepOf(numUpdate);
        long c = momentumCache.get(group);
        if ((int) (c >>> 32) == step) {
            return Float.intBitsToFloat((int) c);
        }
        return fill(step, group, true);
    }

    /**
     * Returns whether the schedule writes the optimizer's momentum (CyclicLR or OneCycleLR with
     * {@code cycle_momentum}, alone or in a composition).
     *
     * @return whether the momentum follows the schedule
     */
    public boolean cyclesMomentum() {
        return schedule.cyclesMomentum();
    }

    private int stepOf(int numUpdate) {
        if (numUpdate < 1) {
            throw new IllegalArgumentException(
                    "numUpdate must be >= 1 (DJL's first update is 1), but was " + numUpdate);
        }
        if (stepsPerEpoch == 1 && !atEpochEnds) {
            return numUpdate - 1; // a step per update: no division on the hot path
        }
        if (atEpochEnds) {
            // The number of epochs that ended before this update: ends e with e <= n - 1.
            int[] ends = epochEnds;
            int lo = 0;
            int hi = ends.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (ends[mid] <= numUpdate - 1) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
        return (numUpdate - 1) / stepsPerEpoch;
    }

    /**
     * Records that an epoch ended after {@code updates} updates, for a tracker that steps at epoch
     * ends ({@link Builder#optStepAtEpochEnds()}): every later update gets the rate after one more
     * scheduler step. {@link io.github.lrschedulers.listener.LrScheduleListener} calls this at each
     * epoch end, so a last partial batch or a changing number of batches cannot shift the curve.
     *
     * @param updates the number of updates done when the epoch ended (DJL's update count)
     * @throws IllegalStateException if the tracker steps per update or per fixed epoch
     * @throws IllegalArgumentException if {@code updates} is below an earlier epoch end
     */
    public void epochEnded(int updates) {
        if (!atEpochEnds) {
            throw new IllegalStateException(
                    "epochEnded is for a tracker built with optStepAtEpochEnds(); this one steps"
                            + " every "
                            + stepsPerEpoch
                            + " updates");
        }
        synchronized (lock) {
            int[] ends = epochEnds;
            Checks.argument(
                    updates >= 0 && (ends.length == 0 || updates >= ends[ends.length - 1]),
                    "updates must be >= the previous epoch end (%d), but was %d",
                    ends.length == 0 ? 0 : ends[ends.length - 1],
                    updates);
            int[] more = Arrays.copyOf(ends, ends.length + 1);
            more[ends.length] = updates;
            epochEnds = more;
        }
    }

    /**
     * Returns the epoch ends recorded by {@link #epochEnded(int)}.
     *
     * @return the number of updates at each epoch end
     */
    public int[] getEpochEnds() {
        return epochEnds.clone();
    }

    /**
     * Returns whether the tracker steps at recorded epoch ends rather than every K updates.
     *
     * @return whether it steps at epoch ends
     */
    public boolean stepsAtEpochEnds() {
        return atEpochEnds;
    }

    /**
     * Returns whether the schedule needs a metric per step (ReduceLROnPlateau).
     *
     * @return whether metrics must be reported
     */
    public boolean usesMetrics() {
        return schedule.usesMetrics();
    }

    /**
     * Reads a simulation at a scheduler step and caches its rates. Near the step (at most {@link
     * #NEAR_STEPS} steps forward from one of the two shared simulations, or from the start) the
     * shared simulation moves there under the lock; farther, a simulation of this call's own
     * replays outside the lock, checking for interruption, and then takes the place of the least
     * recently used shared one. So a call never waits for a far replay of another thread.
     *
     * @throws CancellationException if the thread is interrupted during a far replay
     */
    private <T> T atStep(int step, Function<Sim, T> read) {
        synchronized (lock) {
            Sim near = null;
            int slot = -1;
            for (int i = 0; i < sims.length; i++) {
                Sim s = sims[i];
                if (s != null
                        && s.steps() <= step
                        && step - s.steps() <= NEAR_STEPS
                        && (near == null || s.steps() > near.steps())) {
                    near = s;
                    slot = i;
                }
            }
            if (near == null && step <= NEAR_STEPS) {
                near = newSim();
                slot = sims.length - 1;
                sims[slot] = near;
            }
            if (near != null) {
                // The most recently used first.
                sims[slot] = sims[0];
                sims[0] = near;
                try {
                    near.advanceTo(step);
                } catch (RuntimeException e) {
                    sims[0] = null;
                    throw e;
                }
                cacheRates(step, near);
                return read.apply(near);
            }
        }
        Sim own = newSim();
        replayInterruptibly(own, step);
        T result = read.apply(own);
        synchronized (lock) {
            sims[sims.length - 1] = own;
            cacheRates(step, own);
        }
        return result;
    }

    /**
     * Advances a simulation no other thread sees, in slices of about 10 to 50 ms (slices that take
     * less grow, so closed forms still jump in a few slices), checking for interruption between.
     */
    private static void replayInterruptibly(Sim s, int step) {
        long slice = NEAR_STEPS;
        while (s.steps() < step) {
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt(); // the caller may still need to see it
                throw new CancellationException(
                        "the replay to scheduler step "
                                + step
                                + " was interrupted at step "
                                + s.steps());
            }
            long start = System.nanoTime();
            s.advanceTo((int) Math.min(step, s.steps() + slice));
            long took = System.nanoTime() - start;
            if (took < 10_000_000L) {
                slice = Math.min(Integer.MAX_VALUE, slice * 2);
            } else if (took > 50_000_000L) {
                slice = Math.max(NEAR_STEPS, slice / 2);
            }
        }
    }

    /**
     * Returns the highest update number DJL's optimizer has asked for: the update in progress, or
     * the last one done. 0 before the first update.
     *
     * @return the latest update number
     */
    public int getLatestUpdate() {
        return latestUpdate.get();
    }

    /**
     * Returns the learning rate of a group at an update, as the double PyTorch computes before
     * {@link #getNewValue(int)} narrows it to float.
     *
     * @param group the parameter group
     * @param numUpdate the update, from 1
     * @return the learning rate
     */
    public double getLr(int group, int numUpdate) {
        Objects.checkIndex(group, baseLrs.length);
        int step = stepOf(numUpdate);
        return atStep(step, s -> s.lr[group]);
    }

    /**
     * Returns the scheduler's state at an update: the number of scheduler steps taken, and what the
     * rates do not show (ReduceLROnPlateau's {@code best}, {@code num_bad_epochs}, {@code
     * cooldown_counter}), as strings that parse back exactly. Checkpoints save it and compare it on
     * restore.
     *
     * @param numUpdate the update, from 1
     * @return the state, by name
     */
    public java.util.Map<String, String> getSchedulerState(int numUpdate) {
        int step = stepOf(numUpdate);
        java.util.Map<String, String> state = new java.util.TreeMap<>(atStep(step, Sim::describe));
        state.put("steps", Integer.toString(step));
        return java.util.Collections.unmodifiableMap(state);
    }

    /**
     * Returns the momentum of a group at an update: what CyclicLR and OneCycleLR with {@code
     * cycle_momentum} write into PyTorch's SGD optimizer, else the base momentum.
     *
     * @param group the parameter group
     * @param numUpdate the update, from 1
     * @return the momentum
     */
    public double getMomentum(int group, int numUpdate) {
        Objects.checkIndex(group, baseLrs.length);
        int step = stepOf(numUpdate);
        return atStep(step, s -> s.momentum[group]);
    }

    /**
     * Reports the metric of the epoch that just ended to a ReduceLROnPlateau schedule: the {@code
     * i}-th report is the metric of scheduler step {@code i} (PyTorch's {@code
     * scheduler.step(metric)}).
     *
     * @param metric the monitored value, e.g. the validation loss
     * @throws IllegalStateException if the schedule is not ReduceLROnPlateau
     */
    public void reportMetric(double metric) {
        if (!schedule.usesMetrics()) {
            throw new IllegalStateException(
                    "reportMetric is for ReduceLROnPlateau, but the schedule is " + schedule);
        }
        synchronized (lock) {
            int count = metricCount;
            double[] all = metrics;
            if (count == all.length) {
                all = Arrays.copyOf(all, Math.max(16, count * 2));
            }
            all[count] = metric;
            metrics = all;
            metricCount = count + 1;
        }
    }

    /**
     * Returns the metrics reported so far, in order.
     *
     * @return the metrics
     */
    public double[] getReportedMetrics() {
        synchronized (lock) {
            return Arrays.copyOf(metrics, metricCount);
        }
    }

    /**
     * Returns the number of metrics reported.
     *
     * @return the number of metrics
     */
    public int getMetricCount() {
        synchronized (lock) {
            return metricCount;
        }
    }

    /**
     * Returns the schedule.
     *
     * @return the schedule
     */
    public Schedule getSchedule() {
        return schedule;
    }

    /**
     * Returns the base rate of each parameter group.
     *
     * @return the base rates
     */
    public double[] getBaseLrs() {
        return baseLrs.clone();
    }

    /**
     * Returns the number of parameter groups.
     *
     * @return the number of groups
     */
    public int getGroups() {
        return baseLrs.length;
    }

    /**
     * Returns the number of updates per scheduler step: 1 when stepping per update.
     *
     * @return updates per scheduler step
     */
    public int getStepsPerEpoch() {
        return stepsPerEpoch;
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return "LrTracker("
                + schedule
                + ", base_lrs="
                + Arrays.toString(baseLrs)
                + (atEpochEnds ? ", steps at epoch ends" : ", steps_per_epoch=" + stepsPerEpoch)
                + ")";
    }

    /** The builder of {@link LrTracker}. */
    public static final class Builder {

        private Schedule schedule;
        private double[] baseLrs;
        private int stepsPerEpoch = 1;
        private boolean atEpochEnds;
        private double baseMomentum;
        private ParameterGroups parameterGroups;

        private Builder() {}

        /**
         * Sets the schedule. Required.
         *
         * @param schedule the schedule
         * @return this builder
         */
        public Builder setSchedule(Schedule schedule) {
            this.schedule = Objects.requireNonNull(schedule, "schedule");
            return this;
        }

        /**
         * Sets the rate of the only parameter group: PyTorch's optimizer {@code lr}. Pass a double
         * literal ({@code 0.1}, not {@code 0.1f}) to match PyTorch's Python float. Required unless
         * the schedule sets its own start (OneCycleLR, CyclicLR), where it has no effect.
         *
         * @param baseLr the base rate
         * @return this builder
         */
        public Builder optBaseLr(double baseLr) {
            this.baseLrs = new double[] {baseLr};
            return this;
        }

        /**
         * Sets the rate of each parameter group.
         *
         * @param baseLrs the base rates, one per group
         * @return this builder
         */
        public Builder optBaseLrs(double... baseLrs) {
            this.baseLrs = baseLrs.clone();
            return this;
        }

        /**
         * Steps the schedule once per epoch of {@code k} updates, as PyTorch code that calls {@code
         * scheduler.step()} after each epoch. Default: 1 (a step per update, as PyTorch code that
         * steps after each batch).
         *
         * @param k the number of updates per epoch
         * @return this builder
         */
        public Builder optStepsPerEpoch(int k) {
            this.stepsPerEpoch = k;
            return this;
        }

        /**
         * Steps the schedule once at each real epoch end, as recorded by {@link
         * LrTracker#epochEnded(int)} (usually by {@link
         * io.github.lrschedulers.listener.LrScheduleListener}), instead of every K updates.
         *
         * @return this builder
         */
        public Builder optStepAtEpochEnds() {
            this.atEpochEnds = true;
            return this;
        }

        /**
         * Sets the optimizer's momentum, which {@link LrTracker#getMomentum(int, int)} returns
         * where the schedule does not cycle it. Default: 0.
         *
         * @param baseMomentum the momentum
         * @return this builder
         */
        public Builder optBaseMomentum(double baseMomentum) {
            this.baseMomentum = baseMomentum;
            return this;
        }

        /**
         * Assigns DJL's parameters to the groups. Default: every parameter in group 0.
         *
         * @param parameterGroups the assignment
         * @return this builder
         */
        public Builder optParameterGroups(ParameterGroups parameterGroups) {
            this.parameterGroups = parameterGroups;
            return this;
        }

        /**
         * Builds the tracker, running the schedule's PyTorch constructor on the base rates.
         *
         * @return the tracker
         * @throws IllegalArgumentException if PyTorch rejects the configuration, or a setting is
         *     missing or out of range
         */
        public LrTracker build() {
            Checks.argument(schedule != null, "schedule must be set");
            Checks.argument(
                    stepsPerEpoch >= 1, "stepsPerEpoch must be >= 1, but was %d", stepsPerEpoch);
            Checks.argument(
                    !atEpochEnds || stepsPerEpoch == 1,
                    "stepsPerEpoch (%d) and stepAtEpochEnds exclude each other: set one",
                    stepsPerEpoch);
            double[] lrs = baseLrs != null ? baseLrs : ownStart(schedule);
            Checks.argument(lrs.length >= 1, "baseLrs must have at least one value, but was empty");
            for (double lr : lrs) {
                Checks.argument(
                        !(lr < 0),
                        "baseLr must be >= 0 (PyTorch's optimizers reject a negative lr), but was"
                                + " %s",
                        Checks.num(lr));
            }
            if (parameterGroups != null) {
                Checks.argument(
                        parameterGroups.getMaxGroup() < lrs.length,
                        "parameterGroups assigns a parameter to group %d, but there are %d groups",
                        parameterGroups.getMaxGroup(),
                        lrs.length);
            }
            return new LrTracker(this, lrs);
        }

        private static double[] ownStart(Schedule s) {
            // The optimizer's rate is overwritten by such schedules; only the group count counts.
            List<Double> start =
                    s.getOwnStartRates()
                            .orElseThrow(
                                    () ->
                                            new IllegalArgumentException(
                                                    "baseLr must be set for "
                                                            + s.getPyTorchName()
                                                            + ": PyTorch takes it from the"
                                                            + " optimizer's lr"));
            double[] lrs = new double[start.size()];
            for (int i = 0; i < lrs.length; i++) {
                lrs[i] = start.get(i);
            }
            return lrs;
        }
    }
}
