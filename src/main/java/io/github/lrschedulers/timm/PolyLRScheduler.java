package io.github.lrschedulers.timm;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleDefinition;
import io.github.lrschedulers.internal.Py;

/**
 * timm's polynomial decay with restarts, warmup and k-decay.
 *
 * <pre>{@code
 * _get_lr(t) = warmup_lr_init + t * (base - warmup_lr_init) / warmup_t      if t < warmup_t
 *              lr_min + (base * cycle_decay**i - lr_min)
 *                     * (1 - t_curr**k_decay / t_i**k_decay)**power        if i < cycle_limit
 *              lr_min                                                     otherwise
 * }</pre>
 *
 * <p>timm equivalent: {@code timm.scheduler.PolyLRScheduler(optimizer, t_initial, power=0.5,
 * lr_min=0., cycle_mul=1., cycle_decay=1., cycle_limit=1, warmup_t=0, warmup_lr_init=0,
 * warmup_prefix=False, t_in_epochs=True, noise_range_t=None, noise_pct=0.67, noise_std=1.0,
 * noise_seed=42, k_decay=1.0, initialize=True)}.
 */
public final class PolyLRScheduler extends CyclicScheduler {

    /** The definition: timm's constructor without the optimizer. */
    public static final ScheduleDefinition<PolyLRScheduler> DEFINITION = definition();

    private final double power;
    private final double kDecay;

    private PolyLRScheduler(Arguments a) {
        super(a);
        power = a.getDouble("power");
        kDecay = a.getDouble("k_decay");
    }

    private static ScheduleDefinition<PolyLRScheduler> definition() {
        ScheduleDefinition.Builder<PolyLRScheduler> b =
                ScheduleDefinition.builder(
                                PolyLRScheduler.class,
                                "timm.scheduler.PolyLRScheduler",
                                PolyLRScheduler::new)
                        .optUpstream(TIMM, 2)
                        .optStepOrigin(STEP_ORIGIN)
                        .addRequired("t_initial", Param.Kind.NUMBER, "the length of a cycle")
                        .addOptional("power", Param.Kind.NUMBER, 0.5, "the polynomial's power");
        addCycle(b);
        addWarmup(b, false);
        addNoise(b, false);
        b.addOptional("k_decay", Param.Kind.NUMBER, 1.0, "the exponent of t_curr and t_i");
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
        double[] c = cycle(t);
        double lrMax = baseLr * Py.pow(cycleDecay, c[0]);
        if (c[0] < cycleLimit) {
            double ratio = Py.div(Py.pow(c[2], kDecay), Py.pow(c[1], kDecay));
            return lrMin + (lrMax - lrMin) * Py.pow(1 - ratio, power);
        }
        return lrMin;
    }

    /** The builder of {@link PolyLRScheduler}. */
    public static final class Builder extends CycleBuilder<PolyLRScheduler, Builder> {

        private Builder() {
            super(DEFINITION);
        }

        /**
         * Sets the power of the decay. Default: 0.5 (timm default).
         *
         * @param power the power
         * @return this builder
         */
        public Builder optPower(double power) {
            return set("power", power);
        }

        /**
         * Sets the exponent of {@code t_curr} and {@code t_i} ("k-decay"). Default: 1.
         *
         * @param kDecay the exponent
         * @return this builder
         */
        public Builder optKDecay(double kDecay) {
            return set("k_decay", kDecay);
        }
    }
}
