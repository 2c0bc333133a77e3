package io.github.lrschedulers;

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

    static final String NAME = "ReduceLROnPlateau";

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

    private ReduceLrOnPlateau(Builder b) {
        this.mode = b.mode;
        this.factor = b.factor;
        this.patience = b.patience;
        this.threshold = b.threshold;
        this.thresholdMode = b.thresholdMode;
        this.cooldown = b.cooldown;
        this.minLr = b.minLr;
        this.eps = b.eps;
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
    public String getPyTorchName() {
        return NAME;
    }

    @Override
    boolean isPlateau() {
        return true;
    }

    @Override
    void addArguments(List<Map.Entry<String, Object>> args) {
        args.add(arg("mode", mode.name().toLowerCase(Locale.ROOT)));
        args.add(arg("factor", factor));
        args.add(arg("patience", patience));
        args.add(arg("threshold", threshold));
        args.add(arg("threshold_mode", thresholdMode.name().toLowerCase(Locale.ROOT)));
        args.add(arg("cooldown", cooldown));
        args.add(arg("min_lr", minLr.toArgument()));
        args.add(arg("eps", eps));
    }

    @Override
    Live instantiate(Sim sim) {
        double[] minLrs = minLr.resolveDoubles(NAME, "min_lr", sim.groups);
        // Not in PyTorch's ReduceLROnPlateau, which is never a composition's child: the initial
        // rates, so that a SequentialLR (beyond PyTorch) can restart it at its milestone.
        for (int g = 0; g < sim.groups; g++) {
            if (!sim.hasInitialLr[g]) {
                sim.initialLr[g] = sim.lr[g];
                sim.hasInitialLr[g] = true;
            }
        }
        double[] initialLrs = sim.initialLr.clone();
        return new Live(sim) {
            private double best =
                    mode == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            private long cooldownCounter;
            private long numBadEpochs;

            {
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
            void describe(String prefix, java.util.Map<String, String> out) {
                out.put(prefix + "best", io.github.lrschedulers.internal.PyRepr.repr(best));
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
                System.arraycopy(initialLrs, 0, out, 0, sim.groups);
                return true;
            }

            @Override
            void getLr(double[] out) {
                throw notImplemented();
            }
        };
    }

    /** The builder of {@link ReduceLrOnPlateau}. */
    public static final class Builder {

        private Mode mode = Mode.MIN;
        private double factor = 0.1;
        private long patience = 10;
        private double threshold = 1e-4;
        private ThresholdMode thresholdMode = ThresholdMode.REL;
        private long cooldown;
        private PerGroup<Double> minLr = PerGroup.doubles(0.0);
        private double eps = 1e-8;

        private Builder() {}

        /**
         * Sets whether the metric should fall or rise. Default: {@link Mode#MIN} (PyTorch default).
         *
         * @param mode the mode
         * @return this builder
         */
        public Builder optMode(Mode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Sets the factor of a reduction. Default: 0.1 (PyTorch default).
         *
         * @param factor the factor, below 1
         * @return this builder
         */
        public Builder optFactor(double factor) {
            this.factor = factor;
            return this;
        }

        /**
         * Sets how many steps without improvement are tolerated. Default: 10 (PyTorch default).
         *
         * @param patience the number of steps
         * @return this builder
         */
        public Builder optPatience(long patience) {
            this.patience = patience;
            return this;
        }

        /**
         * Sets the threshold of a significant improvement. Default: 1e-4 (PyTorch default).
         *
         * @param threshold the threshold
         * @return this builder
         */
        public Builder optThreshold(double threshold) {
            this.threshold = threshold;
            return this;
        }

        /**
         * Sets how the threshold applies. Default: {@link ThresholdMode#REL} (PyTorch default).
         *
         * @param thresholdMode the threshold mode
         * @return this builder
         */
        public Builder optThresholdMode(ThresholdMode thresholdMode) {
            this.thresholdMode = Objects.requireNonNull(thresholdMode, "thresholdMode");
            return this;
        }

        /**
         * Sets the number of steps after a reduction in which bad steps are not counted. Default: 0
         * (PyTorch default).
         *
         * @param cooldown the number of steps
         * @return this builder
         */
        public Builder optCooldown(long cooldown) {
            this.cooldown = cooldown;
            return this;
        }

        /**
         * Sets the lower bound of every group's rate. Default: 0 (PyTorch default).
         *
         * @param minLr the lower bound
         * @return this builder
         */
        public Builder optMinLr(double minLr) {
            this.minLr = PerGroup.doubles(minLr);
            return this;
        }

        /**
         * Sets one lower bound per parameter group (PyTorch's list form of {@code min_lr}).
         *
         * @param minLrs the lower bounds, one per group
         * @return this builder
         */
        public Builder optMinLrs(double... minLrs) {
            this.minLr = PerGroup.doubles("ReduceLROnPlateau min_lr", minLrs);
            return this;
        }

        /**
         * Sets the smallest change of a rate that is applied. Default: 1e-8 (PyTorch default).
         *
         * @param eps the smallest change
         * @return this builder
         */
        public Builder optEps(double eps) {
            this.eps = eps;
            return this;
        }

        /**
         * Builds the schedule.
         *
         * @return the schedule
         * @throws IllegalArgumentException if factor is not below 1
         */
        public ReduceLrOnPlateau build() {
            Checks.argument(
                    !(factor >= 1.0),
                    "ReduceLROnPlateau factor must be < 1.0, but was %s",
                    Checks.num(factor));
            return new ReduceLrOnPlateau(this);
        }
    }
}
