package io.github.lrschedulers.timm;

import io.github.lrschedulers.ArgumentException;
import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleDefinition;
import io.github.lrschedulers.internal.PyRepr;
import java.util.Optional;

/**
 * timm's wrapper of PyTorch's ReduceLROnPlateau, stepped once per epoch with the epoch's metric: a
 * linear warmup from {@code warmup_lr_init} for epochs {@code e <= warmup_t} (inclusive), then
 * ReduceLROnPlateau ({@code patience=patience_t, factor=decay_rate, threshold, cooldown=cooldown_t,
 * min_lr=lr_min}, relative threshold, {@code mode='max'} by default) on the groups' rates, with
 * noise on top that the next epoch removes before the plateau step.
 *
 * <p>Epoch {@code e >= 1} uses the state after {@code step(e, metric)} with the metric reported for
 * epoch {@code e - 1} (the tracker's {@code reportMetric}, LrCurve's metrics).
 *
 * <p>timm equivalent: {@code timm.scheduler.PlateauLRScheduler(optimizer, decay_rate=0.1,
 * patience_t=10, threshold=1e-4, cooldown_t=0, warmup_t=0, warmup_lr_init=0, lr_min=0, mode='max',
 * noise_range_t=None, noise_type='normal', noise_pct=0.67, noise_std=1.0, noise_seed=None,
 * initialize=True)}.
 */
public final class PlateauLRScheduler extends TimmScheduler {

    /** The definition: timm's constructor without the optimizer. */
    public static final ScheduleDefinition<PlateauLRScheduler> DEFINITION = definition();

    /** ReduceLROnPlateau's {@code eps}: smaller changes are not applied. */
    private static final double EPS = 1e-8;

    private final double decayRate;
    private final double patienceT;
    private final double threshold;
    private final double cooldownT;
    private final double lrMin;
    private final boolean min;

    private PlateauLRScheduler(Arguments a) {
        super(a, true, a.getString("noise_type"), seed(a.getLongOrNull("noise_seed")));
        decayRate = a.getDouble("decay_rate");
        patienceT = a.getDouble("patience_t");
        threshold = a.getDouble("threshold");
        cooldownT = a.getDouble("cooldown_t");
        lrMin = a.getDouble("lr_min");
        if (decayRate >= 1.0) {
            throw new ArgumentException(
                    "decay_rate",
                    name()
                            + " decay_rate must be < 1.0 (ReduceLROnPlateau: 'Factor should be <"
                            + " 1.0.'), but was "
                            + PyRepr.repr(decayRate));
        }
        String mode = a.getString("mode");
        if (!mode.equals("min") && !mode.equals("max")) {
            throw new ArgumentException(
                    "mode",
                    name()
                            + " mode must be 'min' or 'max' (ReduceLROnPlateau: 'mode "
                            + mode
                            + " is unknown!'), but was '"
                            + mode
                            + "'");
        }
        min = mode.equals("min");
    }

    private static long seed(Long noiseSeed) {
        return noiseSeed != null ? noiseSeed : 42L;
    }

    private static ScheduleDefinition<PlateauLRScheduler> definition() {
        ScheduleDefinition.Builder<PlateauLRScheduler> b =
                ScheduleDefinition.builder(
                                PlateauLRScheduler.class,
                                "timm.scheduler.PlateauLRScheduler",
                                PlateauLRScheduler::new)
                        .optUpstream(TIMM, 5)
                        .optStepOrigin("init value, then epoch e >= 1 with metric e - 1")
                        .addOptional("decay_rate", Param.Kind.NUMBER, 0.1, "the factor of a decay")
                        .addOptional(
                                "patience_t",
                                Param.Kind.NUMBER,
                                10.0,
                                "epochs without improvement before a decay")
                        .addOptional(
                                "threshold", Param.Kind.NUMBER, 1e-4, "the relative improvement")
                        .addOptional(
                                "cooldown_t",
                                Param.Kind.NUMBER,
                                0.0,
                                "epochs to wait after a decay");
        addWarmup(b, null);
        b.addOptional("lr_min", Param.Kind.NUMBER, 0.0, "the lowest rate")
                .addOptional("mode", Param.Kind.STRING, "max", "'min' or 'max': the better metric");
        addNoise(b, true);
        addInitialize(b);
        return b.build();
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} Each epoch's metric. */
    @Override
    public boolean usesMetrics() {
        return true;
    }

    /** The warmup line at epoch {@code t}. */
    @Override
    double value(double t, int group, double baseLr) {
        return warmup(t, baseLr);
    }

    /** The rate without any metric: warmup and noise, the plateau never stepped. */
    @Override
    protected double getLr(long lastEpoch, int group, double baseLr, double lr) {
        return getLr(lastEpoch, group, baseLr, lr, new double[0]);
    }

    /** The rate after replaying timm's {@code step(e, metric)} for e = 1 .. lastEpoch. */
    @Override
    protected double getLr(long lastEpoch, int group, double baseLr, double lr, double[] metrics) {
        return replay(lastEpoch, group, baseLr, metrics, null);
    }

    /**
     * {@inheritDoc} The end of the warmup, and a reduction: the metric that did not improve, the
     * best, the epochs without improvement. A step with noise (or back from it) has no reason.
     */
    @Override
    protected Optional<LrReason> getReason(long lastEpoch, int group, double[] metrics) {
        if (lastEpoch <= 0 || appliesNoise(lastEpoch) || appliesNoise(lastEpoch - 1)) {
            return Optional.empty();
        }
        if (lastEpoch <= warmupT) {
            return lastEpoch + 1 > warmupT ? Optional.of(warmupEnd()) : Optional.empty();
        }
        double[] reduction = new double[3];
        replay(lastEpoch, group, 1.0, metrics, reduction);
        if (Double.isNaN(reduction[0])) {
            return Optional.empty();
        }
        return Optional.of(
                LrReason.of(
                                LrReason.Kind.PLATEAU,
                                "metric "
                                        + PyRepr.repr(reduction[0])
                                        + " did not improve on "
                                        + PyRepr.repr(reduction[1])
                                        + " for "
                                        + PyRepr.repr(reduction[2])
                                        + " epochs → ×"
                                        + PyRepr.repr(decayRate))
                        .with("metric", reduction[0])
                        .with("best", reduction[1])
                        .with("num_bad_epochs", reduction[2])
                        .with("factor", decayRate));
    }

    /**
     * Replays timm's steps to {@code lastEpoch}; fills {@code reduction}, if given, with the
     * metric, the best and the bad epochs of a reduction due at the last step (NaN if none). The
     * metrics' bookkeeping does not depend on the rates.
     */
    private double replay(
            long lastEpoch, int group, double baseLr, double[] metrics, double[] reduction) {
        if (reduction != null) {
            reduction[0] = Double.NaN;
        }
        double v = initial(baseLr);
        double restore = 0;
        boolean restoring = false;
        double best = min ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        double bad = 0;
        double cooldown = 0;
        for (long e = 1; e <= lastEpoch; e++) {
            if (e <= warmupT) {
                v = value(e, group, baseLr);
                continue;
            }
            if (restoring) {
                v = restore;
                restoring = false;
            }
            if (e - 1 < metrics.length) { // ReduceLROnPlateau.step(metric)
                double current = metrics[(int) (e - 1)];
                if (min ? current < best * (1.0 - threshold) : current > best * (threshold + 1.0)) {
                    best = current;
                    bad = 0;
                } else {
                    bad += 1;
                }
                if (cooldown > 0) {
                    cooldown -= 1;
                    bad = 0;
                }
                if (bad > patienceT) {
                    double reduced = v * decayRate;
                    double next =
                            lrMin > reduced ? lrMin : reduced; // Python's max(reduced, lr_min)
                    if (reduction != null && e == lastEpoch) {
                        reduction[0] = current;
                        reduction[1] = best;
                        reduction[2] = bad;
                    }
                    if (v - next > EPS) {
                        v = next;
                    }
                    cooldown = cooldownT;
                    bad = 0;
                }
            }
            if (appliesNoise(e)) {
                double noise = noise(e);
                restore = v;
                restoring = true;
                v = v + v * noise;
            }
        }
        return v;
    }

    /** The builder of {@link PlateauLRScheduler}. */
    public static final class Builder extends TimmBuilder<PlateauLRScheduler, Builder> {

        private Builder() {
            super(DEFINITION);
        }

        /**
         * Sets the factor of a decay. Default: 0.1 (timm default).
         *
         * @param decayRate the factor, below 1
         * @return this builder
         */
        public Builder optDecayRate(double decayRate) {
            return set("decay_rate", decayRate);
        }

        /**
         * Sets the epochs without improvement before a decay. Default: 10 (timm default).
         *
         * @param patienceT the epochs
         * @return this builder
         */
        public Builder optPatienceT(double patienceT) {
            return set("patience_t", patienceT);
        }

        /**
         * Sets the relative improvement that counts. Default: 1e-4.
         *
         * @param threshold the threshold
         * @return this builder
         */
        public Builder optThreshold(double threshold) {
            return set("threshold", threshold);
        }

        /**
         * Sets the epochs to wait after a decay. Default: 0.
         *
         * @param cooldownT the epochs
         * @return this builder
         */
        public Builder optCooldownT(double cooldownT) {
            return set("cooldown_t", cooldownT);
        }

        /**
         * Sets the lowest rate. Default: 0.
         *
         * @param lrMin the rate
         * @return this builder
         */
        public Builder optLrMin(double lrMin) {
            return set("lr_min", lrMin);
        }

        /**
         * Sets whether a lower ({@code "min"}) or higher ({@code "max"}) metric is better. Default:
         * {@code "max"} (timm default).
         *
         * @param mode {@code "min"} or {@code "max"}
         * @return this builder
         */
        public Builder optMode(String mode) {
            return set("mode", mode);
        }

        /**
         * Sets the noise: {@code "normal"}, or any other value for uniform noise. Default: {@code
         * "normal"}.
         *
         * @param noiseType the type
         * @return this builder
         */
        public Builder optNoiseType(String noiseType) {
            return set("noise_type", noiseType);
        }
    }
}
