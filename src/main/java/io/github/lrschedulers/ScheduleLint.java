package io.github.lrschedulers;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Checks a schedule against the run it is planned for, before training: the configurations that
 * will fail, and the ones that run but probably not as meant.
 *
 * <pre>{@code
 * ScheduleLint.Report report =
 *         ScheduleLint.builder()
 *                 .setTracker(tracker)
 *                 .setPlannedUpdates(epochs * updatesPerEpoch)
 *                 .optUpdatesPerEpoch(updatesPerEpoch)
 *                 .build()
 *                 .check();
 * report.getWarnings().forEach(w -> logger.warn(w.getMessage()));
 * logger.info(report.getPreview());
 * report.throwIfRejected();
 * }</pre>
 *
 * <p>The check computes the planned curve, one scheduler step at a time, on its own copy of the
 * schedule (the tracker is not touched), as the tracker steps it: every update, every K updates, or
 * at each epoch end (every {@link Builder#optUpdatesPerEpoch(int)} updates). Like PyTorch code,
 * which calls {@code scheduler.step()} after the last batch or epoch too, the run takes {@code
 * plannedUpdates / K} scheduler steps (a schedule {@link Schedule#isReadAtUpdateCounter() read at
 * the update counter}: {@code (plannedUpdates - 1) / K}, the step the last update reads). It
 * reports:
 *
 * <ul>
 *   <li>{@link Kind#FAILS} (an error): a scheduler step of the run raises, e.g. {@code
 *       OneCycleLR(total_steps=20)} with 30 planned updates fails at update 22;
 *   <li>{@link Kind#NON_FINITE} (an error): a planned update gets a NaN or infinite rate;
 *   <li>{@link Kind#HORIZON_BEYOND_RUN}: the schedule's horizon (see below) is longer than the
 *       run's scheduler steps, e.g. {@code CosineAnnealingWarmRestarts(T_0=200)} stepped per epoch
 *       over 3 epochs, which stays nearly flat;
 *   <li>{@link Kind#MILESTONE_BEYOND_RUN}: a {@code milestones} value (MultiStepLR, SequentialLR)
 *       the run never reaches;
 *   <li>{@link Kind#SHORT_HORIZON}: a schedule that ends (not one that repeats) within a quarter of
 *       the run, after which its rate stays or oscillates;
 *   <li>{@link Kind#JUMP}: the rate changes by more than 10x from one update to the next.
 * </ul>
 *
 * <p><b>Horizon.</b> The number of scheduler steps a schedule needs to show its shape, read from
 * its PyTorch arguments ({@link Schedule#getArguments()}), so that it needs no knowledge of the
 * classes: {@code total_steps} (or {@code epochs * steps_per_epoch}), {@code T_max}, {@code
 * total_iters}, the last of {@code milestones}, and the repeating ones {@code T_0}, {@code
 * step_size}, {@code step_size_up + step_size_down}. A composition with {@code schedulers} and
 * {@code milestones} (SequentialLR) adds its last milestone to its last scheduler's horizon; one
 * without (ChainedScheduler) takes the longest. Schedules without such an argument (ExponentialLR,
 * LambdaLR, MultiplicativeLR) have none, and ReduceLROnPlateau's rates follow the metric: its curve
 * is checked up to the first step that needs a metric.
 *
 * <p>The {@link Report#getPreview() preview} is one line: the first rate, the peak and the last,
 * with their updates.
 */
public final class ScheduleLint {

    /** The default number of scheduler steps computed one by one. */
    public static final long DEFAULT_PROBE_LIMIT = 2_000_000;

    /** A rate change larger than this factor between two updates is a {@link Kind#JUMP}. */
    public static final double JUMP_FACTOR = 10;

    /** The kinds of finding. */
    public enum Kind {
        /** A scheduler step of the run raises: training would fail there. An error. */
        FAILS,
        /** A planned update gets a NaN or infinite rate. An error. */
        NON_FINITE,
        /** The schedule's horizon is longer than the run's scheduler steps. A warning. */
        HORIZON_BEYOND_RUN,
        /** A milestone lies beyond the run's scheduler steps. A warning. */
        MILESTONE_BEYOND_RUN,
        /** The schedule ends within a quarter of the run. A warning. */
        SHORT_HORIZON,
        /** The rate changes by more than {@link #JUMP_FACTOR} in one update. A warning. */
        JUMP;

        /**
         * Returns whether findings of this kind reject the run.
         *
         * @return whether this is an error
         */
        public boolean isError() {
            return this == FAILS || this == NON_FINITE;
        }
    }

    private final LrTracker tracker;
    private final int plannedUpdates;
    private final int updatesPerEpoch;
    private final long probeLimit;

    private ScheduleLint(Builder b) {
        this.tracker = b.tracker;
        this.plannedUpdates = b.plannedUpdates;
        this.updatesPerEpoch = b.updatesPerEpoch;
        this.probeLimit = b.probeLimit;
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
     * Computes the planned curve and checks it.
     *
     * @return the findings and the preview
     */
    public Report check() {
        return new Probe().run();
    }

    /** The number of updates per scheduler step of the planned run. */
    private int updatesPerStep() {
        if (tracker.getSchedule().isReadAtUpdateCounter()) {
            return 1; // a step per update whatever the tracker's stepping
        }
        return tracker.stepsAtEpochEnds() ? updatesPerEpoch : tracker.getStepsPerEpoch();
    }

    private String stepping() {
        int k = updatesPerStep();
        if (k == 1) {
            return "stepped per update";
        }
        return tracker.stepsAtEpochEnds()
                ? "stepped per epoch of " + k + " updates"
                : "stepped every " + k + " updates";
    }

    /** A horizon in scheduler steps, where it comes from, and whether the schedule repeats. */
    private record Horizon(long steps, boolean repeats, String source) {}

    /** The horizon of a schedule, from its PyTorch arguments; {@code null} if it has none. */
    private static Horizon horizon(Schedule schedule) {
        Map<String, Object> a = schedule.getArguments();
        String name = schedule.getPyTorchName();
        if (a.get("schedulers") instanceof List<?> children && !children.isEmpty()) {
            if (a.get("milestones") instanceof List<?> milestones) {
                long last = milestones.isEmpty() ? 0 : maxOf(milestones);
                Horizon child =
                        children.get(children.size() - 1) instanceof Schedule s ? horizon(s) : null;
                if (child == null) {
                    return null; // the last scheduler never ends (ExponentialLR, LambdaLR, ...)
                }
                return new Horizon(
                        last + child.steps(),
                        child.repeats(),
                        name + " milestones=" + milestones + " + " + child.source());
            }
            Horizon longest = null;
            for (Object c : children) {
                Horizon h = c instanceof Schedule s ? horizon(s) : null;
                if (h != null && (longest == null || h.steps() > longest.steps())) {
                    longest = h;
                }
            }
            return longest;
        }
        if (schedule.getStepLimit().isPresent()) {
            long limit = schedule.getStepLimit().getAsLong();
            return new Horizon(limit, false, name + " is defined for " + limit + " steps");
        }
        if (a.get("T_max") instanceof Number n) {
            return new Horizon(n.longValue(), false, name + " T_max=" + n);
        }
        if (a.get("total_iters") instanceof Number n) {
            return new Horizon(n.longValue(), false, name + " total_iters=" + n);
        }
        if (a.get("milestones") instanceof List<?> m && !m.isEmpty()) {
            return new Horizon(maxOf(m), false, name + " milestones=" + m);
        }
        if (a.get("T_0") instanceof Number n) {
            return new Horizon(n.longValue(), true, name + " T_0=" + n);
        }
        if (a.get("step_size") instanceof Number n) {
            return new Horizon(n.longValue(), true, name + " step_size=" + n);
        }
        if (a.get("step_size_up") instanceof Number up) {
            Number down = a.get("step_size_down") instanceof Number d ? d : up;
            long cycle =
                    (long) Math.floor(up.doubleValue()) + (long) Math.floor(down.doubleValue());
            return new Horizon(
                    cycle, true, name + " step_size_up=" + up + " + step_size_down=" + down);
        }
        return null;
    }

    private static long maxOf(List<?> values) {
        long max = Long.MIN_VALUE;
        for (Object v : values) {
            if (v instanceof Number n) {
                max = Math.max(max, n.longValue());
            }
        }
        return max == Long.MIN_VALUE ? 0 : max;
    }

    /**
     * Collects every {@code milestones} value beyond the run, at the scheduler step it takes
     * effect: a SequentialLR's later schedulers start at its milestones.
     */
    private static void milestones(
            Schedule schedule, long offset, long runSteps, List<String> out) {
        Map<String, Object> a = schedule.getArguments();
        List<?> children =
                a.get("schedulers") instanceof List<?> c ? c : Collections.<Object>emptyList();
        List<?> ms = a.get("milestones") instanceof List<?> m ? m : Collections.<Object>emptyList();
        List<Long> beyond = new ArrayList<>();
        for (Object v : ms) {
            if (v instanceof Number n && offset + n.longValue() > runSteps) {
                beyond.add(offset + n.longValue());
            }
        }
        if (!beyond.isEmpty()) {
            String what =
                    children.isEmpty()
                            ? "its rate changes there never happen"
                            : "the schedulers starting there never run";
            out.add(
                    schedule.getPyTorchName()
                            + " milestones="
                            + ms
                            + (offset > 0 ? " (from step " + offset + ")" : "")
                            + ": "
                            + (beyond.size() == 1 ? "step " : "steps ")
                            + join(beyond)
                            + (beyond.size() == 1 ? " lies" : " lie")
                            + " beyond the run's "
                            + runSteps
                            + " scheduler steps; "
                            + what);
        }
        for (int i = 0; i < children.size(); i++) {
            if (!(children.get(i) instanceof Schedule child)) {
                continue;
            }
            long start = offset;
            if (!ms.isEmpty() && i > 0 && i - 1 < ms.size() && ms.get(i - 1) instanceof Number n) {
                start = offset + n.longValue();
            }
            if (start <= runSteps) {
                milestones(child, start, runSteps, out);
            }
        }
    }

    private static String join(List<Long> values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            sb.append(i == 0 ? "" : i == values.size() - 1 ? " and " : ", ").append(values.get(i));
        }
        return sb.toString();
    }

    /**
     * Formats a rate with 4 significant digits, e.g. {@code 0.1}, {@code 0.00432}, {@code 4e-07}.
     *
     * @param v the rate
     * @return the text
     */
    static String num(double v) {
        if (!Double.isFinite(v) || v == 0) {
            return Double.isNaN(v) ? "nan" : v == 0 ? "0" : v > 0 ? "inf" : "-inf";
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros();
        double abs = Math.abs(v);
        if (abs >= 1e-4 && abs < 1e7) {
            return d.toPlainString();
        }
        return String.format(Locale.ROOT, "%.4g", v).replaceAll("\\.?0+e", "e");
    }

    /** Thrown by the probe's metric source: the rest of the curve follows the metric. */
    private static final class MetricNeeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MetricNeeded() {
            super("the rate follows the monitored metric", null, false, false);
        }
    }

    /** One computation of the planned curve. */
    private final class Probe {
        private final int k = updatesPerStep();
        private final int groups = tracker.getGroups();
        // PyTorch code steps after the last update too; a schedule read at the update counter
        // (MindSpore's lists) is read at step n - 1 by update n and never after the last, nor is
        // any schedule not stepped after the last update (timm's).
        private final long runSteps =
                !tracker.getSchedule().isSteppedAfterLastUpdate()
                        ? Math.max(0, plannedUpdates - 1) / k
                        : plannedUpdates / k;
        private final long lastUsedStep = plannedUpdates == 0 ? 0 : (plannedUpdates - 1L) / k;
        private final List<Finding> findings = new ArrayList<>();

        private double first = Double.NaN;
        private double peak = Double.NEGATIVE_INFINITY;
        private long peakStep;
        private double low = Double.POSITIVE_INFINITY;
        private double last = Double.NaN;
        private long lastStep;
        private long metricFrom = -1;
        private long probedTo = -1;
        private double[] previous;
        private long jumps;
        private String firstJump;
        private double tailMin = Double.POSITIVE_INFINITY;
        private double tailMax = Double.NEGATIVE_INFINITY;
        private Horizon horizon;

        Report run() {
            Schedule schedule = tracker.getSchedule();
            horizon = horizon(schedule);
            Sim sim =
                    new Sim(
                            schedule,
                            tracker.getBaseLrs(),
                            0,
                            i -> {
                                throw new MetricNeeded();
                            });
            long limit = Math.min(runSteps, probeLimit);
            observe(sim, 0);
            boolean failed = false;
            for (long s = 1; s <= limit; s++) {
                try {
                    sim.step();
                } catch (MetricNeeded e) {
                    metricFrom = s;
                    break;
                } catch (IllegalArgumentException | IllegalStateException e) {
                    fail(s, e.getMessage());
                    failed = true;
                    break;
                }
                observe(sim, s);
            }
            if (plannedUpdates > 0 && !failed && metricFrom < 0) {
                checkShape();
            }
            List<String> beyond = new ArrayList<>();
            if (plannedUpdates > 0) {
                milestones(schedule, 0, runSteps, beyond);
            }
            for (String m : beyond) {
                findings.add(new Finding(Kind.MILESTONE_BEYOND_RUN, m));
            }
            return new Report(findings, preview(schedule));
        }

        /** The first update that uses the rates after scheduler step {@code s}. */
        private long updateOf(long s) {
            return s * k + 1;
        }

        private void fail(long s, String message) {
            long update = updateOf(s);
            String where =
                    update <= plannedUpdates
                            ? "fails at update " + update + " of the " + plannedUpdates + " planned"
                            : "fails at scheduler step "
                                    + s
                                    + ", the step after the last of the "
                                    + plannedUpdates
                                    + " planned updates (PyTorch's scheduler.step() at the end of"
                                    + " the run raises too)";
            findings.add(
                    new Finding(
                            Kind.FAILS,
                            tracker.getSchedule().getPyTorchName()
                                    + " "
                                    + where
                                    + " ("
                                    + stepping()
                                    + "): "
                                    + message));
        }

        private void observe(Sim sim, long s) {
            if (s > lastUsedStep || plannedUpdates == 0) {
                return; // the step after the last update: only its failure counts
            }
            probedTo = s;
            double[] lr = sim.lr;
            for (int g = 0; g < groups; g++) {
                if (!Double.isFinite(lr[g]) && !hasNonFinite()) {
                    findings.add(
                            new Finding(
                                    Kind.NON_FINITE,
                                    "update "
                                            + updateOf(s)
                                            + " of the "
                                            + plannedUpdates
                                            + " planned gets the rate "
                                            + num(lr[g])
                                            + (groups > 1 ? " in group " + g : "")));
                }
                if (previous != null) {
                    jump(previous[g], lr[g], s, g);
                }
            }
            double r = lr[0];
            if (s == 0) {
                first = r;
            }
            if (r > peak) {
                peak = r;
                peakStep = s;
            }
            low = Math.min(low, r);
            last = r;
            lastStep = s;
            if (horizon != null && s > horizon.steps()) {
                tailMin = Math.min(tailMin, r);
                tailMax = Math.max(tailMax, r);
            }
            if (previous == null) {
                previous = new double[groups];
            }
            System.arraycopy(lr, 0, previous, 0, groups);
        }

        private boolean hasNonFinite() {
            for (Finding f : findings) {
                if (f.getKind() == Kind.NON_FINITE) {
                    return true;
                }
            }
            return false;
        }

        private void jump(double a, double b, long s, int g) {
            if (!(a >= 0 && b >= 0) || a == b) {
                return;
            }
            double hi = Math.max(a, b);
            double lo = Math.min(a, b);
            boolean big = lo > 0 ? hi > JUMP_FACTOR * lo : hi >= 0.1 * Math.max(peak, hi) && hi > 0;
            if (!big) {
                return;
            }
            if (jumps++ == 0) {
                firstJump =
                        (lo > 0
                                        ? String.format(Locale.ROOT, "by %sx", num(hi / lo))
                                        : "from " + num(a))
                                + " at update "
                                + updateOf(s)
                                + " ("
                                + num(a)
                                + " -> "
                                + num(b)
                                + (groups > 1 ? " in group " + g : "")
                                + ")";
            }
        }

        private void checkShape() {
            if (jumps > 0) {
                findings.add(
                        new Finding(
                                Kind.JUMP,
                                "the rate "
                                        + (firstJump.startsWith("from") ? "jumps " : "changes ")
                                        + firstJump
                                        + (jumps == 2
                                                ? ", and once more"
                                                : jumps > 2
                                                        ? ", and " + (jumps - 1) + " more times"
                                                        : "")
                                        + "; more than "
                                        + num(JUMP_FACTOR)
                                        + "x in one step"));
            }
            if (horizon == null || probedTo < lastUsedStep) {
                return;
            }
            String run =
                    "the run's "
                            + runSteps
                            + " scheduler steps ("
                            + plannedUpdates
                            + " updates, "
                            + stepping()
                            + ")";
            if (horizon.steps() > runSteps) {
                double move = peak > 0 ? (peak - low) / peak : 0;
                String shape =
                        move < 0.1
                                ? "the rate stays within "
                                        + num(100 * move)
                                        + "% of its start ("
                                        + num(low)
                                        + " to "
                                        + num(peak)
                                        + ")"
                                : "the rate goes from " + num(first) + " to " + num(last);
                String perUpdate = "";
                if (k > 1) {
                    perUpdate =
                            horizon.steps() <= plannedUpdates
                                    ? "; stepped per update, the "
                                            + plannedUpdates
                                            + " updates would cover it"
                                    : "; even stepped per update, the "
                                            + plannedUpdates
                                            + " updates would not cover it";
                }
                findings.add(
                        new Finding(
                                Kind.HORIZON_BEYOND_RUN,
                                "the schedule's horizon is "
                                        + horizon.steps()
                                        + " scheduler steps ("
                                        + horizon.source()
                                        + "), longer than "
                                        + run
                                        + ": "
                                        + shape
                                        + perUpdate,
                                k > 1 && horizon.steps() <= plannedUpdates));
            } else if (!horizon.repeats() && 4 * horizon.steps() <= runSteps) {
                long after = lastUsedStep - horizon.steps();
                String tail =
                        tailMin == tailMax
                                ? "stays at " + num(tailMax)
                                : "moves between " + num(tailMin) + " and " + num(tailMax);
                findings.add(
                        new Finding(
                                Kind.SHORT_HORIZON,
                                String.format(
                                        Locale.ROOT,
                                        "the schedule's horizon is %d scheduler steps (%s), under"
                                                + " a quarter of %s: for the last %d steps"
                                                + " (%.0f%% of the run) the rate %s",
                                        horizon.steps(),
                                        horizon.source(),
                                        run,
                                        after,
                                        100.0 * after / (lastUsedStep + 1),
                                        tail)));
            }
        }

        private String preview(Schedule schedule) {
            if (plannedUpdates == 0) {
                return schedule.getPyTorchName() + ": no planned updates";
            }
            StringBuilder sb = new StringBuilder();
            sb.append(schedule.getPyTorchName())
                    .append(' ')
                    .append(stepping())
                    .append(", ")
                    .append(plannedUpdates)
                    .append(" updates: lr ")
                    .append(num(first))
                    .append(" at update 1");
            if (probedTo < 0) {
                return sb.toString();
            }
            if (peakStep > 0 && peakStep < lastStep && !num(peak).equals(num(first))) {
                sb.append(", peak ")
                        .append(num(peak))
                        .append(" at update ")
                        .append(updateOf(peakStep));
            }
            if (lastStep > 0) {
                long lastUpdate = lastStep == lastUsedStep ? plannedUpdates : updateOf(lastStep);
                sb.append(", ").append(num(last)).append(" at update ").append(lastUpdate);
            }
            if (metricFrom >= 0) {
                sb.append("; from update ")
                        .append(updateOf(metricFrom))
                        .append(" on it follows the monitored metric");
            } else if (probedTo < lastUsedStep && findings.stream().noneMatch(f -> f.isError())) {
                sb.append(" (checked the first ").append(probedTo + 1).append(" scheduler steps)");
            }
            if (groups > 1) {
                sb.append(" (group 0 of ").append(groups).append(')');
            }
            return sb.toString();
        }
    }

    /** One problem found. */
    public static final class Finding {

        private final Kind kind;
        private final String message;
        private final boolean perUpdateWouldFit;

        Finding(Kind kind, String message) {
            this(kind, message, false);
        }

        Finding(Kind kind, String message, boolean perUpdateWouldFit) {
            this.kind = kind;
            this.message = message;
            this.perUpdateWouldFit = perUpdateWouldFit;
        }

        /**
         * Returns the kind of problem.
         *
         * @return the kind
         */
        public Kind getKind() {
            return kind;
        }

        /**
         * Returns whether the finding rejects the run.
         *
         * @return whether it is an error
         */
        public boolean isError() {
            return kind.isError();
        }

        /**
         * Returns the message, one line with the numbers.
         *
         * @return the message
         */
        public String getMessage() {
            return message;
        }

        /**
         * Returns whether stepping the schedule per update instead of per epoch (or every K
         * updates) would cover its horizon within the planned updates: a hint for the caller to
         * name its own option for that.
         *
         * @return whether per-update stepping would fit
         */
        public boolean perUpdateWouldFit() {
            return perUpdateWouldFit;
        }

        /** {@inheritDoc} */
        @Override
        public String toString() {
            return (isError() ? "error: " : "warning: ") + message;
        }
    }

    /** The findings and the preview of a check. */
    public static final class Report {

        private final List<Finding> findings;
        private final String preview;

        Report(List<Finding> findings, String preview) {
            this.findings = Collections.unmodifiableList(new ArrayList<>(findings));
            this.preview = preview;
        }

        /**
         * Returns every finding, errors first.
         *
         * @return the findings
         */
        public List<Finding> getFindings() {
            List<Finding> all = new ArrayList<>(getErrors());
            all.addAll(getWarnings());
            return Collections.unmodifiableList(all);
        }

        /**
         * Returns the findings that reject the run.
         *
         * @return the errors
         */
        public List<Finding> getErrors() {
            return findings.stream().filter(Finding::isError).toList();
        }

        /**
         * Returns the findings that do not reject the run.
         *
         * @return the warnings
         */
        public List<Finding> getWarnings() {
            return findings.stream().filter(f -> !f.isError()).toList();
        }

        /**
         * Returns whether the run would fail.
         *
         * @return whether there are errors
         */
        public boolean isRejected() {
            return !getErrors().isEmpty();
        }

        /**
         * Returns the one-line preview: the first rate, the peak and the last, with their updates
         * (group 0).
         *
         * @return the preview
         */
        public String getPreview() {
            return preview;
        }

        /**
         * Throws if the run would fail.
         *
         * @throws IllegalArgumentException with the first error's message if there is one
         */
        public void throwIfRejected() {
            List<Finding> errors = getErrors();
            if (!errors.isEmpty()) {
                throw new IllegalArgumentException(errors.get(0).getMessage());
            }
        }
    }

    /** The builder of {@link ScheduleLint}. */
    public static final class Builder {

        private LrTracker tracker;
        private int plannedUpdates = -1;
        private int updatesPerEpoch;
        private long probeLimit = DEFAULT_PROBE_LIMIT;

        private Builder() {}

        /**
         * Sets the tracker the run will use: its schedule, base rates and stepping. Required. It is
         * read, never advanced.
         *
         * @param tracker the tracker
         * @return this builder
         */
        public Builder setTracker(LrTracker tracker) {
            this.tracker = Objects.requireNonNull(tracker, "tracker");
            return this;
        }

        /**
         * Sets the number of optimizer updates the run will do. Required.
         *
         * @param plannedUpdates the number of updates, e.g. epochs times batches per epoch
         * @return this builder
         */
        public Builder setPlannedUpdates(int plannedUpdates) {
            this.plannedUpdates = plannedUpdates;
            return this;
        }

        /**
         * Sets the number of updates of an epoch: where a tracker built with {@link
         * LrTracker.Builder#optStepAtEpochEnds()} will step. Required for such a tracker.
         *
         * @param updatesPerEpoch the number of updates (batches) per epoch
         * @return this builder
         */
        public Builder optUpdatesPerEpoch(int updatesPerEpoch) {
            this.updatesPerEpoch = updatesPerEpoch;
            return this;
        }

        /**
         * Sets how many scheduler steps are computed at most; later steps are not checked and the
         * preview says so. Default: {@value ScheduleLint#DEFAULT_PROBE_LIMIT}.
         *
         * @param probeLimit the number of steps
         * @return this builder
         */
        public Builder optProbeLimit(long probeLimit) {
            this.probeLimit = probeLimit;
            return this;
        }

        /**
         * Builds the check.
         *
         * @return the check
         * @throws IllegalArgumentException if a required setting is missing or out of range
         */
        public ScheduleLint build() {
            Checks.argument(tracker != null, "tracker must be set");
            Checks.argument(
                    plannedUpdates >= 0,
                    "plannedUpdates must be set and >= 0, but was %d",
                    plannedUpdates);
            Checks.argument(
                    !tracker.stepsAtEpochEnds() || updatesPerEpoch >= 1,
                    "updatesPerEpoch must be >= 1 for a tracker that steps at epoch ends, but was"
                            + " %d",
                    updatesPerEpoch);
            Checks.argument(
                    updatesPerEpoch >= 0,
                    "updatesPerEpoch must be >= 0, but was %d",
                    updatesPerEpoch);
            Checks.argument(probeLimit >= 1, "probeLimit must be >= 1, but was %d", probeLimit);
            return new ScheduleLint(this);
        }
    }
}
