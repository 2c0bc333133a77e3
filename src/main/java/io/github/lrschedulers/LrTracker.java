package io.github.lrschedulers;

import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;

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
 * stepping per epoch of {@code K} updates ({@link Builder#optStepsPerEpoch(int)}). A schedule
 * {@linkplain Schedule#isReadAtUpdateCounter() read at the update counter} (Keras, TF, MindSpore,
 * optax, timm's with {@code t_in_epochs=False}) takes a step per update whatever the stepping, as
 * in {@link LrCurve}.
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
 * does not grow with the number of updates, only with the epochs reported: a double per metric
 * reported to ReduceLROnPlateau, an int per recorded epoch end.
 *
 * <p><b>Lengths relative to the run.</b> A schedule whose lengths are {@link Length}s ({@code
 * OneCycleLR(max_lr=0.1, total_steps=1.0*run)}) resolves when the tracker learns the run's length:
 * at build ({@link Builder#optRunLength(int, int)}) or at training start ({@link
 * #resolveRunLength(RunLength)}, which {@link io.github.lrschedulers.listener.LrScheduleListener}
 * calls); until then asking for a rate throws {@link IllegalStateException}.
 *
 * <p><b>Errors.</b> A configuration PyTorch rejects at construction fails in {@link
 * Builder#build()}; one that PyTorch rejects only at a later step (e.g. {@code ConstantLR(factor=0,
 * total_iters=5)} at step 5) throws {@link IllegalArgumentException} from the update that needs
 * that step; stepping OneCycleLR past {@code total_steps} throws {@link IllegalStateException}.
 */
public final class LrTracker implements Tracker {

    // The parts: the configuration (what copy() and checkpoints go by), the epoch records (metrics
    // and epoch ends that training reports), the update clock (update -> scheduler step) and the
    // rate cache (the simulations, far replays and the cached rates of the step read last).
    // A schedule with lengths relative to the run (given) has no rates until the run's length
    // resolves it: then config and rates are set, once.
    private volatile TrackerConfig config;
    private final EpochRecords records;
    private final UpdateClock clock;
    private volatile RateCache rates;
    private volatile ChangeReasons reasons;
    private final TrackerConfig given;
    private final RunLength givenRun;
    private volatile RunLength runLength;
    private final Object runLock = new Object();
    // The PyTorch state the tracker continues from (optPyTorchState), or null.
    private final PyTorchState imported;

    private LrTracker(TrackerConfig config, RunLength run, PyTorchState imported) {
        this.config = config;
        this.given = config;
        this.givenRun = run;
        this.records = new EpochRecords();
        this.clock =
                new UpdateClock(
                        config.stepsPerEpoch(),
                        config.atEpochEnds(),
                        records,
                        config.schedule().isReadAtUpdateCounter());
        this.imported = imported;
        if (run != null) {
            resolveRunLength(run);
        } else if (!config.schedule().isRunRelative()) {
            install(config);
        }
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
        return new LrTracker(given, givenRun, imported);
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

    /** {@inheritDoc} */
    @Override
    public float getNewValue(int numUpdate) {
        return value(0, numUpdate);
    }

    /** {@inheritDoc} */
    @Override
    public float getNewValue(String parameterId, int numUpdate) {
        return value(config.groupOf(parameterId), numUpdate);
    }

    private float value(int group, int numUpdate) {
        int step = clock.stepOf(numUpdate);
        clock.asked(numUpdate);
        return rates().lr(group, step);
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
        return rates().momentum(config.groupOf(parameterId), clock.stepOf(numUpdate));
    }

    /**
     * Returns whether the schedule writes the optimizer's momentum (CyclicLR or OneCycleLR with
     * {@code cycle_momentum}, alone or in a composition).
     *
     * @return whether the momentum follows the schedule
     */
    public boolean cyclesMomentum() {
        return config.schedule().cyclesMomentum();
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
        clock.epochEnded(updates);
    }

    /**
     * Returns the epoch ends recorded by {@link #epochEnded(int)}.
     *
     * @return the number of updates at each epoch end
     */
    public int[] getEpochEnds() {
        return records.epochEnds();
    }

    /**
     * Returns whether the tracker steps at recorded epoch ends rather than every K updates.
     *
     * @return whether it steps at epoch ends
     */
    public boolean stepsAtEpochEnds() {
        return config.atEpochEnds();
    }

    /**
     * Returns whether the schedule needs a metric per step (ReduceLROnPlateau).
     *
     * @return whether metrics must be reported
     */
    public boolean usesMetrics() {
        return config.schedule().usesMetrics();
    }

    /**
     * Returns the highest update number DJL's optimizer has asked for: the update in progress, or
     * the last one done. 0 before the first update.
     *
     * @return the latest update number
     */
    public int getLatestUpdate() {
        return clock.latestUpdate();
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
        Objects.checkIndex(group, config.groups());
        return rates().exactLr(group, clock.stepOf(numUpdate));
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
    public Map<String, String> getSchedulerState(int numUpdate) {
        int step = clock.stepOf(numUpdate);
        Map<String, String> state = new TreeMap<>(rates().describe(step));
        state.put("steps", Integer.toString(step));
        return Collections.unmodifiableMap(state);
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
        Objects.checkIndex(group, config.groups());
        return rates().exactMomentum(group, clock.stepOf(numUpdate));
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
        if (!usesMetrics()) {
            throw new IllegalStateException(
                    "reportMetric is for ReduceLROnPlateau, but the schedule is "
                            + config.schedule());
        }
        records.addMetric(metric);
    }

    /**
     * Returns the metrics reported so far, in order.
     *
     * @return the metrics
     */
    public double[] getReportedMetrics() {
        return records.metrics();
    }

    /**
     * Returns the number of metrics reported.
     *
     * @return the number of metrics
     */
    public int getMetricCount() {
        return records.metricCount();
    }

    /**
     * Returns the schedule.
     *
     * @return the schedule
     */
    public Schedule getSchedule() {
        return config.schedule();
    }

    /**
     * Returns the base rate of each parameter group.
     *
     * @return the base rates
     */
    public double[] getBaseLrs() {
        return config.baseLrs().clone();
    }

    /**
     * Returns the number of parameter groups.
     *
     * @return the number of groups
     */
    public int getGroups() {
        return config.groups();
    }

    /**
     * Returns the number of updates per scheduler step: 1 when stepping per update.
     *
     * @return updates per scheduler step
     */
    public int getStepsPerEpoch() {
        return config.stepsPerEpoch();
    }

    /**
     * Returns why a group's rate at an update differs from the update before's: the discrete events
     * of the schedule (a milestone reached, a cycle restarted, a warmup ended, a plateau) at the
     * scheduler steps between the two. Empty where the rate is the same, where it moved smoothly
     * (one more step along a cosine), and for update 1. Computed on a simulation of its own: asking
     * costs training nothing, moving forward a scheduler step per step, going back a replay from
     * the start.
     *
     * @param group the parameter group
     * @param numUpdate the update, from 1
     * @return the reasons, usually none or one (a composition may give several)
     * @throws IllegalArgumentException if PyTorch raises at one of these steps
     * @throws IllegalStateException if a step oversteps the schedule or a metric is missing
     */
    public List<LrReason> getReasons(int group, int numUpdate) {
        Objects.checkIndex(group, config.groups());
        int step = clock.stepOf(numUpdate);
        if (numUpdate == 1) {
            return List.of();
        }
        int before = clock.stepOf(numUpdate - 1);
        if (step == before + 1) {
            return reasons().at(group, step);
        }
        List<LrReason> all = new ArrayList<>();
        for (int s = before + 1; s <= step; s++) {
            all.addAll(reasons().at(group, s));
        }
        return List.copyOf(all);
    }

    /**
     * Returns the latest update, up to {@code numUpdate}, at which a group's rate changed for a
     * reason ({@link #getReasons(int, int)} not empty there). Replays the schedule step by step
     * from its start.
     *
     * @param group the parameter group
     * @param numUpdate the last update to consider, from 1
     * @return the update of the last change, or empty if there was none
     */
    public OptionalInt getLastChange(int group, int numUpdate) {
        Objects.checkIndex(group, config.groups());
        int step = reasons().lastChange(group, clock.stepOf(numUpdate));
        if (step == 0) {
            return OptionalInt.empty();
        }
        // The first update at that step: the clock's steps never decrease with the update.
        int lo = 2;
        int hi = numUpdate;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (clock.stepOf(mid) < step) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return OptionalInt.of(lo);
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        TrackerConfig c = config;
        RunLength run = runLength;
        if (!given.schedule().isRunRelative()) {
            return c.toString();
        }
        if (run == null) {
            return c + " (awaiting the run's length)";
        }
        return c
                + " from "
                + given.schedule()
                + " ("
                + ((RunRelativeSchedule) given.schedule())
                        .describeResolution(run, updatesPerStep(run))
                + ")";
    }

    /**
     * Tells the tracker the run's length, which resolves a schedule's lengths relative to the run
     * ({@link Length}, {@link RunRelativeSchedule}): a length of the run, of an epoch or of updates
     * becomes a number of scheduler steps, a step being one update, {@link
     * Builder#optStepsPerEpoch(int) K} updates, or the updates of an epoch when stepping at epoch
     * ends. {@link io.github.lrschedulers.listener.LrScheduleListener} calls this at training start
     * when given the run's length; {@link Builder#optRunLength(int, int)} calls it at build. A
     * schedule without relative lengths ignores it (the run is only recorded).
     *
     * @param run the run's length
     * @throws IllegalArgumentException if the schedule rejects a resolved length; the message names
     *     the relative form, the resolved value and the run
     * @throws IllegalStateException if the tracker was resolved for another run (use {@link
     *     #copy()} for a new run)
     */
    public void resolveRunLength(RunLength run) {
        Objects.requireNonNull(run, "run");
        synchronized (runLock) {
            RunLength known = runLength;
            if (known != null && given.schedule().isRunRelative()) {
                if (!known.equals(run)) {
                    throw new IllegalStateException(
                            "the tracker's lengths relative to the run were resolved for "
                                    + known
                                    + ", but this run is "
                                    + run
                                    + ": use copy() for a new run");
                }
                return;
            }
            if (given.schedule().isRunRelative()) {
                Schedule resolved = given.schedule().resolve(run, updatesPerStep(run));
                TrackerConfig c =
                        new TrackerConfig(
                                resolved,
                                given.baseLrs(),
                                given.stepsPerEpoch(),
                                given.atEpochEnds(),
                                given.baseMomentum(),
                                given.parameterGroups());
                install(c);
            }
            runLength = run;
        }
    }

    /** Sets the configuration and the computations over it (once its lengths are absolute). */
    private void install(TrackerConfig c) {
        RateCache r = new RateCache(c.schedule(), c.baseLrs(), c.baseMomentum(), records);
        if (imported != null) {
            r.startFrom(imported, false);
        }
        reasons = new ChangeReasons(c.schedule(), c.baseLrs(), c.baseMomentum(), records);
        config = c;
        rates = r;
    }

    /** Returns the updates per scheduler step of this tracker in a run. */
    private int updatesPerStep(RunLength run) {
        return given.atEpochEnds() ? run.updatesPerEpoch() : given.stepsPerEpoch();
    }

    /**
     * Returns the run's length the tracker was told ({@link #resolveRunLength(RunLength)}).
     *
     * @return the run's length, or empty if not told yet
     */
    public Optional<RunLength> getRunLength() {
        return Optional.ofNullable(runLength);
    }

    /**
     * Returns whether the schedule has lengths relative to the run that are not resolved yet: the
     * tracker gives no rate until {@link #resolveRunLength(RunLength)}.
     *
     * @return whether the tracker awaits the run's length
     */
    public boolean awaitsRunLength() {
        return rates == null;
    }

    /**
     * Returns the schedule as given to the builder: with its lengths relative to the run, where
     * {@link #getSchedule()} returns them resolved once the run's length is known.
     *
     * @return the schedule as given
     */
    public Schedule getGivenSchedule() {
        return given.schedule();
    }

    private ChangeReasons reasons() {
        rates();
        return reasons;
    }

    private RateCache rates() {
        RateCache r = rates;
        if (r == null) {
            throw new IllegalStateException(
                    ((RunRelativeSchedule) given.schedule()).unresolvedMessage());
        }
        return r;
    }

    /**
     * Returns the PyTorch state after a number of updates: the scheduler's {@code state_dict()} and
     * the optimizer's parameter groups' {@code lr}, {@code initial_lr}, {@code momentum} (and the
     * keys the schedule sets), as PyTorch holds them after the same updates and scheduler steps. In
     * PyTorch, {@code scheduler.load_state_dict(state["scheduler"])} and each group's values set
     * from {@code state["param_groups"]} continue the run bit for bit (Adam: {@code betas[0]} from
     * {@code momentum}).
     *
     * @param updatesDone the updates done, from 0
     * @return the state
     * @throws UnsupportedOperationException if the schedule is not one of PyTorch's schedulers or a
     *     composition of them (a user-defined schedule, another library's)
     * @throws IllegalStateException if the updates are before an imported state
     */
    public PyTorchState getPyTorchState(int updatesDone) {
        Checks.argument(updatesDone >= 0, "updatesDone must be >= 0, but was %d", updatesDone);
        return rates().state(clock.stepOf(updatesDone + 1));
    }

    /**
     * Returns whether the schedule has a PyTorch state ({@link #getPyTorchState(int)}): every
     * PyTorch scheduler and composition of them, not user-defined schedules nor other libraries'.
     *
     * @return whether the state can be exported
     */
    public boolean hasPyTorchState() {
        try {
            copy().getPyTorchState(imported == null ? 0 : getFirstUpdate() - 1);
            return true;
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * Returns the first update the tracker gives: 1, or the update after the steps of the state it
     * continues ({@link Builder#optPyTorchState(PyTorchState)}).
     *
     * @return the first update
     */
    public int getFirstUpdate() {
        return imported == null ? 1 : (int) imported.getSteps() * config.stepsPerEpoch() + 1;
    }

    /**
     * Starts this tracker's computations at a state of its own run, as a checkpoint saved it
     * ({@link #getPyTorchState(int)}), so that far updates are not replayed from update 1; updates
     * before the state still replay from the configuration (with the metrics reported).
     *
     * @param state the state, of this tracker's configuration
     * @throws IllegalArgumentException if the state is not one of this configuration, naming the
     *     key, the rule and the value
     * @throws UnsupportedOperationException if the schedule has no PyTorch state
     */
    public void startFrom(PyTorchState state) {
        rates().startFrom(Objects.requireNonNull(state, "state"), true);
    }

    /** The builder of {@link LrTracker}. */
    public static final class Builder {

        private Schedule schedule;
        private double[] baseLrs;
        private int stepsPerEpoch = 1;
        private boolean atEpochEnds;
        private double baseMomentum;
        private ParameterGroups parameterGroups;
        private PyTorchState pyTorchState;
        private RunLength runLength;

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
            if (pyTorchState != null) {
                return buildContinuing();
            }
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
            return new LrTracker(
                    new TrackerConfig(
                            schedule,
                            lrs,
                            stepsPerEpoch,
                            atEpochEnds,
                            baseMomentum,
                            parameterGroups),
                    runLength,
                    null);
        }

        /**
         * Sets the run's length, which resolves the schedule's lengths relative to the run, an
         * epoch or updates ({@link LrTracker#resolveRunLength(RunLength)}) at build. Default:
         * unknown, so that such a schedule waits for {@link
         * io.github.lrschedulers.listener.LrScheduleListener} to give it at training start.
         *
         * @param epochs the epochs of the run
         * @param updatesPerEpoch the optimizer updates (batches) of an epoch
         * @return this builder
         * @throws IllegalArgumentException if either is below 1
         */
        public Builder optRunLength(int epochs, int updatesPerEpoch) {
            this.runLength = new RunLength(epochs, updatesPerEpoch);
            return this;
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

        /**
         * Continues a PyTorch run from its scheduler's state (see {@link PyTorchState}): the
         * tracker gives the very rates PyTorch would give from that step on, bit for bit, for every
         * PyTorch scheduler (recursive ones continue from the state's rates, as PyTorch does). The
         * schedule must be set, from the state's spec ({@code
         * ScheduleSpec.parse(state.getSpec().get())}) or built; lambdas, which a state_dict does
         * not hold, come from it.
         *
         * <p>Updates keep the PyTorch run's numbering: with {@code s = state.getSteps()} scheduler
         * steps taken, the first update the tracker gives is {@code s * K + 1} ({@link
         * LrTracker#getFirstUpdate()}; {@code K} the updates per step), so build DJL's optimizer
         * with {@code optBeginNumUpdate(s * K)}; earlier updates are refused with {@link
         * IllegalStateException}. ReduceLROnPlateau's {@link LrTracker#reportMetric(double)} then
         * reports the metric of step {@code s}, {@code s + 1}, ... The base rates default to the
         * groups' {@code initial_lr} and the base momentum to group 0's {@code momentum} (or {@code
         * betas[0]}). Stepping at epoch ends is not supported with a state.
         *
         * @param state the state, e.g. {@link PyTorchState#fromJson(java.nio.file.Path)}
         * @return this builder
         */
        public Builder optPyTorchState(PyTorchState state) {
            this.pyTorchState = Objects.requireNonNull(state, "state");
            return this;
        }

        private LrTracker buildContinuing() {
            PyTorchState state = pyTorchState;
            Checks.argument(
                    !atEpochEnds,
                    "optPyTorchState and optStepAtEpochEnds exclude each other: a state holds no"
                            + " epoch ends");
            Checks.argument(
                    !schedule.isRunRelative(),
                    "optPyTorchState needs a schedule with absolute lengths, as the state's, but %s"
                            + " has lengths relative to the run",
                    schedule);
            List<Map<String, Object>> groups = state.getParamGroups();
            double[] initial = new double[groups.size()];
            for (int g = 0; g < initial.length; g++) {
                Map<String, Object> group = groups.get(g);
                String key = group.containsKey("initial_lr") ? "initial_lr" : "lr";
                initial[g] =
                        StateDict.toNumber("param_groups[" + g + "]." + key, group.get(key), true);
            }
            if (baseLrs != null) {
                Checks.argument(
                        baseLrs.length == initial.length,
                        "baseLrs has %d values, but the PyTorch state has %d param_groups",
                        baseLrs.length,
                        initial.length);
                for (int g = 0; g < initial.length; g++) {
                    Checks.argument(
                            Double.doubleToLongBits(baseLrs[g])
                                    == Double.doubleToLongBits(initial[g]),
                            "baseLrs[%d] must be the PyTorch state's param_groups[%d].initial_lr"
                                    + " (%s), but was %s",
                            g,
                            g,
                            Checks.num(initial[g]),
                            Checks.num(baseLrs[g]));
                }
            }
            double momentum = baseMomentum;
            Map<String, Object> first = groups.get(0);
            if (first.containsKey("momentum")) {
                momentum =
                        StateDict.toNumber("param_groups[0].momentum", first.get("momentum"), true);
            } else if (first.containsKey("betas")) {
                momentum = StateDict.numbers("param_groups[0].betas", first.get("betas"), 2)[0];
            }
            long steps = state.getSteps();
            Checks.argument(
                    steps * stepsPerEpoch < Integer.MAX_VALUE,
                    "the PyTorch state is at step %d, beyond DJL's int update count with %d"
                            + " updates per step",
                    steps,
                    stepsPerEpoch);
            if (parameterGroups != null) {
                Checks.argument(
                        parameterGroups.getMaxGroup() < initial.length,
                        "parameterGroups assigns a parameter to group %d, but there are %d groups",
                        parameterGroups.getMaxGroup(),
                        initial.length);
            }
            return new LrTracker(
                    new TrackerConfig(
                            schedule, initial, stepsPerEpoch, false, momentum, parameterGroups),
                    null,
                    state);
        }
    }
}
