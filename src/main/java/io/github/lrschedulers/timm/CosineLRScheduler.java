package io.github.lrschedulers.timm;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleDefinition;
import io.github.lrschedulers.internal.Py;

/**
 * timm's cosine schedule with restarts ("SGDR"), warmup and k-decay.
 *
 * <pre>{@code
 * _get_lr(t) = warmup_lr_init + t * (base - warmup_lr_init) / warmup_t      if t < warmup_t
 *              lr_min + 0.5 * (base * cycle_decay**i - lr_min)
 *                     * (1 + cos(pi * t_curr**k_decay / t_i**k_decay))    if i < cycle_limit
 *              lr_min                                                     otherwise
 * }</pre>
 *
 * <p>with {@code t} less {@code warmup_t} if {@code warmup_prefix} (without it the warmup overlaps
 * the first cycle), and the cycle {@code i}, its length {@code t_i} and position {@code t_curr}
 * from {@code t_initial} and {@code cycle_mul}. With the default {@code cycle_limit=1} the rate
 * stays at {@code lr_min} after {@code t_initial}.
 *
 * <p>timm equivalent: {@code timm.scheduler.CosineLRScheduler(optimizer, t_initial, lr_min=0.,
 * cycle_mul=1., cycle_decay=1., cycle_limit=1, warmup_t=0, warmup_lr_init=0, warmup_prefix=False,
 * t_in_epochs=True, noise_range_t=None, noise_pct=0.67, noise_std=1.0, noise_seed=42, k_decay=1.0,
 * initialize=True)}.
 */
public final class CosineLRScheduler extends CyclicScheduler {

    /** The definition: timm's constructor without the optimizer. */
    public static final ScheduleDefinition<CosineLRScheduler> DEFINITION = definition();

    private final double kDecay;

    private CosineLRScheduler(Arguments a) {
        super(a);
        kDecay = a.getDouble("k_decay");
    }

    private static ScheduleDefinition<CosineLRScheduler> definition() {
        ScheduleDefinition.Builder<CosineLRScheduler> b =
                ScheduleDefinition.builder(
                                CosineLRScheduler.class,
                                "timm.scheduler.CosineLRScheduler",
                                CosineLRScheduler::new)
                        .optUpstream(TIMM, 0)
                        .optStepOrigin(STEP_ORIGIN)
                        .addRequired("t_initial", Param.Kind.NUMBER, "the length of a cycle");
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
        double gamma = Py.pow(cycleDecay, c[0]);
        double lrMax = baseLr * gamma;
        if (c[0] < cycleLimit) {
            double x = Py.div(Math.PI * Py.pow(c[2], kDecay), Py.pow(c[1], kDecay));
            return lrMin + 0.5 * (lrMax - lrMin) * (1 + Py.cos(x));
        }
        return lrMin;
    }

    /** The builder of {@link CosineLRScheduler}. */
    public static final class Builder extends CycleBuilder<CosineLRScheduler, Builder> {

        private Builder() {
            super(DEFINITION);
        }

        /**
         * Sets the exponent of {@code t_curr} and {@code t_i} in the cosine ("k-decay"). Default:
         * 1.
         *
         * @param kDecay the exponent
         * @return this builder
         */
        public Builder optKDecay(double kDecay) {
            return set("k_decay", kDecay);
        }
    }
}
