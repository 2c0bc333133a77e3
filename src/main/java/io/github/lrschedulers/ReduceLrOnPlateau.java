package io.github.lrschedulers;

import io.github.lrschedulers.internal.PyRepr;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reduces the rate of each parameter group by {@code factor} when a metric stops improving.
 *
 * <p>PyTorch equivalent: {@code torch.optim.lr_scheduler.ReduceLROnPlateau}. Each step takes a
 * metric (see {@link LrTracker#reportMetric(double)}); a metric is better than the best so far if
 * it is below {@code best * (1 - threshold)} ({@code min}, {@code rel}), below {@code best -
 * threshold} ({@code min}, {@code abs}), or above the mirrored bounds in {@code max} mode. NaN is
 * never better. After more than {@code patience} steps without improvement, every group's rate
 * becomes {@code max(lr * factor, min_lr)} unless that changes it by at most {@code eps}, and
 * {@code cooldown} steps follow in which bad steps are not counted.
 *
 * @see <a
 *     href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.ReduceLROnPlateau.html">
 *     PyTorch ReduceLROnPlateau</a>
 */
public final class ReduceLrOnPlateau extends Schedule {

    /**
     * The definition: PyTorch's signature {@code ReduceLROnPlateau(optimizer, mode='min',
     * factor=0.1, patience=10, threshold=1e-4, threshold_mode='rel', cooldown=0, min_lr=0,
     * eps=1e-8)}.
     */
    public static final ScheduleDefinition<ReduceLrOnPlateau> DEFINITION =
            ScheduleDefinition.builder(
                            ReduceLrOnPlateau.class, "ReduceLROnPlateau", ReduceLrOnPlateau::new)
                    .optUpstream(TORCH, 11)
                    .addOptional(
                            "mode",
                            Param.Kind.STRING,
                            "min",
                            "'min' if a lower metric is better, 'max' if a higher one is")
                    .addOptional("factor", Param.Kind.NUMBER, 0.1, "the factor of a reduction")
                    .addOptional(
                            "patience",
                            Param.Kind.INTEGER,
                            10L,
                            "how many steps without improvement are tolerated")
                    .addOptional(
                            "threshold",
                            Param.Kind.NUMBER,
                            1e-4,
                            "the threshold of a significant improvement")
                    .addOptional(
                            "threshold_mode",
                            Param.Kind.STRING,
                            "rel",
                            "'rel' for a relative threshold, 'abs' for an absolute one")
                    .addOptional(
                            "cooldown",
                            Param.Kind.INTEGER,
                            0L,
                            "the steps after a reduction in which bad steps are not counted")
                    .addOptional(
                            "min_lr",
                            Param.Kind.NUMBERS_PER_GROUP,
                            0.0,
                            "the lower bound of the rate, for every group or one per group")
                    .addOptional(
                            "eps", Param.Kind.NUMBER, 1e-8, "the smallest change of a rate applied")
                    .optLengths("patience", "cooldown")
                    .build();

    /** Whether the metric should fall or rise. */
    public enum Mode {
        /** A lower metric is better, e.g. a loss. */
        MIN,
        /** A higher metric is better, e.g. an accuracy. */
        MAX
    }

    /** How the improvement threshold applies. */
    public enum ThresholdMode {
        /** Relative: the metric must beat {@code best * (1 -/+ threshold)}. */
        REL,
        /** Absolute: the metric must beat {@code best -/+ threshold}. */
        ABS
    }

    private final Mode mode;
    private final double factor;
    private final long patience;
    private final double threshold;
    private final ThresholdMode thresholdMode;
    private final long cooldown;
    private final PerGroup<Double> minLr;
    private final double eps;

    private ReduceLrOnPlateau(Arguments a) {
        super(a);
        String modeName = a.getString("mode");
        if (!modeName.equals("min") && !modeName.equals("max")) {
            throw new ArgumentException(
                    "mode",
                    "ReduceLROnPlateau mode must be 'min' or 'max', but was '" + modeName + "'");
        }
        this.mode = modeName.equals("min") ? Mode.MIN : Mode.MAX;
        String thresholdModeName = a.getString("threshold_mode");
        if (!thresholdModeName.equals("rel") && !thresholdModeName.equals("abs")) {
            throw new ArgumentException(
                    "threshold_mode",
                    "ReduceLROnPlateau threshold_mode must be 'rel' or 'abs', but was '"
                            + thresholdModeName
                            + "'");
        }
        this.thresholdMode =
                thresholdModeName.equals("rel") ? ThresholdMode.REL : ThresholdMode.ABS;
        this.factor = a.getDouble("factor");
        this.patience = a.getLong("patience");
        this.threshold = a.getDouble("threshold");
        this.cooldown = a.getLong("cooldown");
        this.minLr = a.getPerGroup("min_lr");
        this.eps = a.getDouble("eps");
        Checks.argument(
                !(factor >= 1.0),
                "ReduceLROnPlateau factor must be < 1.0, but was %s",
                Checks.num(factor));
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
    boolean isPlateau() {
        return true;
    }

    @Override
    Live instantiate(Sim sim) {
        return new PlateauLive(sim);
    }

    /** ReduceLROnPlateau on a simulated optimizer: it takes no first step. */
    private final class PlateauLive extends Live {

        private final double[] minLrs;
        private final double[] initialLrs;
        private double best =
                mode == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        private long cooldownCounter;
        private long numBadEpochs;
        // The last reduction, for its reason: at which step, the metric, the best, the bad epochs.
        private long reducedAt = -1;
        private double reducedMetric;
        private double reducedBest;
        private long reducedAfter;

        PlateauLive(Sim sim) {
            super(sim);
            minLrs = minLr.resolveDoubles(getPyTorchName(), "min_lr", sim.groups);
            // Not in PyTorch's ReduceLROnPlateau, which is never a composition's child: the
            // initial rates, so that a SequentialLR (beyond PyTorch) can restart it at its
            // milestone.
            for (int g = 0; g < sim.groups; g++) {
                if (!sim.hasInitialLr[g]) {
                    sim.initialLr[g] = sim.lr[g];
                    sim.hasInitialLr[g] = true;
                }
            }
            initialLrs = sim.initialLr.clone();
            lastEpoch = 0;
        }

        private boolean isBetter(double a) {
            if (mode == Mode.MIN && thresholdMode == ThresholdMode.REL) {
                return a < best * (1.0 - threshold);
            } else if (mode == Mode.MIN) {
                return a < best - threshold;
            } else if (thresholdMode == ThresholdMode.REL) {
                return a > best * (threshold + 1.0);
            }
            return a > best + threshold;
        }

        @Override
        void describe(String prefix, Map<String, String> out) {
            out.put(prefix + "best", PyRepr.repr(best));
            out.put(prefix + "num_bad_epochs", Long.toString(numBadEpochs));
            out.put(prefix + "cooldown_counter", Long.toString(cooldownCounter));
            out.put(prefix + "last_epoch", Long.toString(lastEpoch));
        }

        @Override
        void stepWithMetric(double current) {
            lastEpoch++;
            if (isBetter(current)) {
                best = current;
                numBadEpochs = 0;
            } else {
                numBadEpochs++;
            }
            if (cooldownCounter > 0) {
                cooldownCounter--;
                numBadEpochs = 0;
            }
            if (numBadEpochs > patience) {
                reducedAt = lastEpoch;
                reducedMetric = current;
                reducedBest = best;
                reducedAfter = numBadEpochs;
                for (int g = 0; g < sim.groups; g++) {
                    double old = sim.lr[g];
                    double lr = old * factor;
                    if (minLrs[g] > lr) {
                        lr = minLrs[g];
                    }
                    if (old - lr > eps) {
                        sim.lr[g] = lr;
                    }
                }
                cooldownCounter = cooldown;
                numBadEpochs = 0;
            }
        }

        @Override
        void step() {
            if (!initial) {
                stepWithMetric(sim.currentMetric());
            }
        }

        @Override
        boolean closedForm(double[] out) {
            // A SequentialLR milestone (beyond PyTorch): start afresh from the initial rates.
            best = mode == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            cooldownCounter = 0;
            numBadEpochs = 0;
            reducedAt = -1;
            System.arraycopy(initialLrs, 0, out, 0, sim.groups);
            return true;
        }

        @Override
        void getLr(double[] out) {
            throw notImplemented();
        }

        @Override
        void reasons(int group, List<LrReason> out) {
            if (reducedAt != lastEpoch) {
                return;
            }
            boolean floor = sim.lr[group] == minLrs[group];
            out.add(
                    LrReason.of(
                                    floor ? LrReason.Kind.MINIMUM : LrReason.Kind.PLATEAU,
                                    "metric "
                                            + PyRepr.repr(reducedMetric)
                                            + " did not improve on "
                                            + PyRepr.repr(reducedBest)
                                            + " for "
                                            + reducedAfter
                                            + " epochs → "
                                            + (floor
                                                    ? "min_lr=" + LrReason.num(minLrs[group])
                                                    : "×" + LrReason.num(factor)))
                            .with("metric", reducedMetric)
                            .with("best", reducedBest)
                            .with("num_bad_epochs", reducedAfter)
                            .with("factor", factor));
        }

        @Override
        void exportState(Map<String, Object> sd) {
            exportArguments(sd, ReduceLrOnPlateau.this, "factor");
            Object m = getArguments().get("min_lr");
            sd.put("default_min_lr", m instanceof List ? null : m);
            sd.put("min_lrs", StateDict.list(minLrs));
            exportArguments(sd, ReduceLrOnPlateau.this, "patience", "cooldown", "eps");
            sd.put("last_epoch", lastEpoch);
            sd.put("_last_lr", StateDict.list(sim.lr));
            sd.put(
                    "mode_worse",
                    mode == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY);
            exportArguments(sd, ReduceLrOnPlateau.this, "mode", "threshold", "threshold_mode");
            sd.put("best", best);
            sd.put("cooldown_counter", cooldownCounter);
            sd.put("num_bad_epochs", numBadEpochs);
        }

        @Override
        void importState(StateDict sd) {
            lastEpoch = sd.integer("last_epoch", 0, Integer.MAX_VALUE);
            best = sd.number("best", false);
            cooldownCounter = sd.integer("cooldown_counter", 0, Long.MAX_VALUE);
            numBadEpochs = sd.integer("num_bad_epochs", 0, Long.MAX_VALUE);
        }
    }

    /** The builder of {@link ReduceLrOnPlateau}. */
    public static final class Builder extends ScheduleBuilder<ReduceLrOnPlateau, Builder> {

        private Builder() {
            super(DEFINITION);
        }

        /**
         * Sets whether the metric should fall or rise. Default: {@link Mode#MIN} (PyTorch default).
         *
         * @param mode the mode
         * @return this builder
         */
        public Builder optMode(Mode mode) {
            return set(
                    "mode", Objects.requireNonNull(mode, "mode").name().toLowerCase(Locale.ROOT));
        }

        /**
         * Sets the factor of a reduction. Default: 0.1 (PyTorch default).
         *
         * @param factor the factor, below 1
         * @return this builder
         */
        public Builder optFactor(double factor) {
            return set("factor", factor);
        }

        /**
         * Sets how many steps without improvement are tolerated. Default: 10 (PyTorch default).
         *
         * @param patience the number of steps
         * @return this builder
         */
        public Builder optPatience(long patience) {
            return set("patience", patience);
        }

        /**
         * Sets the threshold of a significant improvement. Default: 1e-4 (PyTorch default).
         *
         * @param threshold the threshold
         * @return this builder
         */
        public Builder optThreshold(double threshold) {
            return set("threshold", threshold);
        }

        /**
         * Sets how the threshold applies. Default: {@link ThresholdMode#REL} (PyTorch default).
         *
         * @param thresholdMode the threshold mode
         * @return this builder
         */
        public Builder optThresholdMode(ThresholdMode thresholdMode) {
            return set(
                    "threshold_mode",
                    Objects.requireNonNull(thresholdMode, "thresholdMode")
                            .name()
                            .toLowerCase(Locale.ROOT));
        }

        /**
         * Sets the number of steps after a reduction in which bad steps are not counted. Default: 0
         * (PyTorch default).
         *
         * @param cooldown the number of steps
         * @return this builder
         */
        public Builder optCooldown(long cooldown) {
            return set("cooldown", cooldown);
        }

        /**
         * Sets the lower bound of every group's rate. Default: 0 (PyTorch default).
         *
         * @param minLr the lower bound
         * @return this builder
         */
        public Builder optMinLr(double minLr) {
            return set("min_lr", minLr);
        }

        /**
         * Sets one lower bound per parameter group (PyTorch's list form of {@code min_lr}).
         *
         * @param minLrs the lower bounds, one per group
         * @return this builder
         */
        public Builder optMinLrs(double... minLrs) {
            return setEach("min_lr", minLrs);
        }

        /**
         * Sets the smallest change of a rate that is applied. Default: 1e-8 (PyTorch default).
         *
         * @param eps the smallest change
         * @return this builder
         */
        public Builder optEps(double eps) {
            return set("eps", eps);
        }
    }
}
