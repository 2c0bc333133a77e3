package io.github.lrschedulers.timm;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleDefinition;
import io.github.lrschedulers.internal.Py;
import io.github.lrschedulers.internal.PyRepr;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * timm's multi-step decay with warmup: {@code base * decay_rate**bisect_right(decay_t, t + 1)}, one
 * step earlier than PyTorch's MultiStepLR, after a linear warmup from {@code warmup_lr_init} (by
 * default a prefix).
 *
 * <p>timm equivalent: {@code timm.scheduler.MultiStepLRScheduler(optimizer, decay_t, decay_rate=1.,
 * warmup_t=0, warmup_lr_init=0, warmup_prefix=True, t_in_epochs=True, noise_range_t=None,
 * noise_pct=0.67, noise_std=1.0, noise_seed=42, initialize=True)}.
 */
public final class MultiStepLRScheduler extends TimmScheduler {

    /** The definition: timm's constructor without the optimizer. */
    public static final ScheduleDefinition<MultiStepLRScheduler> DEFINITION = definition();

    private final double[] decayT;
    private final double decayRate;
    private final boolean warmupPrefix;

    private MultiStepLRScheduler(Arguments a) {
        super(a, a.getBoolean("t_in_epochs"), "normal", a.getLong("noise_seed"));
        List<Number> milestones = a.getList("decay_t", Number.class);
        decayT = new double[milestones.size()];
        for (int i = 0; i < decayT.length; i++) {
            decayT[i] = milestones.get(i).doubleValue();
        }
        decayRate = a.getDouble("decay_rate");
        warmupPrefix = a.getBoolean("warmup_prefix");
    }

    private static ScheduleDefinition<MultiStepLRScheduler> definition() {
        ScheduleDefinition.Builder<MultiStepLRScheduler> b =
                ScheduleDefinition.builder(
                                MultiStepLRScheduler.class,
                                "timm.scheduler.MultiStepLRScheduler",
                                MultiStepLRScheduler::new)
                        .optUpstream(TIMM, 4)
                        .optStepOrigin(STEP_ORIGIN)
                        .addRequired("decay_t", Param.Kind.NUMBER_LIST, "the t of the decays")
                        .addOptional("decay_rate", Param.Kind.NUMBER, 1.0, "the factor of a decay");
        addWarmup(b, true);
        addNoise(b, false);
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

    @Override
    double value(double t, int group, double baseLr) {
        if (t < warmupT) {
            return warmup(t, baseLr);
        }
        if (warmupPrefix) {
            t = t - warmupT;
        }
        return baseLr * Py.pow(decayRate, bisectRight(decayT, t + 1));
    }

    /** Python's {@code bisect.bisect_right}, as a binary search (an unsorted list too). */
    private static int bisectRight(double[] a, double x) {
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

    /** {@inheritDoc} A milestone of {@code decay_t} reached. */
    @Override
    Optional<LrReason> event(double t, double before) {
        double shift = warmupPrefix ? warmupT : 0;
        int i = bisectRight(decayT, t - shift + 1);
        int was = before <= 0 ? 0 : bisectRight(decayT, before - shift + 1); // t 0: the base
        if (i == was) {
            return Optional.empty();
        }
        return Optional.of(
                LrReason.of(
                                LrReason.Kind.MILESTONE,
                                "milestone "
                                        + PyRepr.repr(decayT[i - 1])
                                        + " reached: ×"
                                        + PyRepr.repr(decayRate))
                        .with("milestone", decayT[i - 1]));
    }

    /** The builder of {@link MultiStepLRScheduler}. */
    public static final class Builder extends UnitBuilder<MultiStepLRScheduler, Builder> {

        private Builder() {
            super(DEFINITION);
        }

        /**
         * Sets the t of the decays. Required.
         *
         * @param decayT the milestones, in the scheduler's unit of t
         * @return this builder
         */
        public Builder setDecayT(double... decayT) {
            List<Double> list = new ArrayList<>(decayT.length);
            for (double d : decayT) {
                list.add(d);
            }
            return set("decay_t", list);
        }

        /**
         * Sets the factor of each decay. Default: 1 (timm default: no decay).
         *
         * @param decayRate the factor
         * @return this builder
         */
        public Builder optDecayRate(double decayRate) {
            return set("decay_rate", decayRate);
        }
    }
}
