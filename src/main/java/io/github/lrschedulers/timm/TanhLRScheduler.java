package io.github.lrschedulers.timm;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleDefinition;
import io.github.lrschedulers.internal.Py;
import io.github.lrschedulers.internal.PyError;
import io.github.lrschedulers.internal.PyRepr;

/**
 * timm's hyperbolic-tangent decay with restarts and warmup.
 *
 * <pre>{@code
 * _get_lr(t) = warmup_lr_init + t * (target - warmup_lr_init) / warmup_t     if t < warmup_t
 *              lr_min + 0.5 * (base * cycle_decay**i - lr_min)
 *                     * (1 - tanh(lb * (1 - tr) + ub * tr)),  tr = t_curr / t_i   if i < cycle_limit
 *              lr_min                                                       otherwise
 * }</pre>
 *
 * <p>The warmup ramps toward the base rate with {@code warmup_prefix}, else toward {@code
 * _get_lr(warmup_t)}, computed at construction.
 *
 * <p>timm equivalent: {@code timm.scheduler.TanhLRScheduler(optimizer, t_initial, lb=-7., ub=3.,
 * lr_min=0., cycle_mul=1., cycle_decay=1., cycle_limit=1, warmup_t=0, warmup_lr_init=0,
 * warmup_prefix=False, t_in_epochs=True, noise_range_t=None, noise_pct=0.67, noise_std=1.0,
 * noise_seed=42, initialize=True)}.
 */
public final class TanhLRScheduler extends CyclicScheduler {

    /** The definition: timm's constructor without the optimizer. */
    public static final ScheduleDefinition<TanhLRScheduler> DEFINITION = definition();

    private final double lb;
    private final double ub;

    private TanhLRScheduler(Arguments a) {
        super(a);
        lb = a.getDouble("lb");
        ub = a.getDouble("ub");
        check(lb < ub, name(), "lb", "< ub (" + PyRepr.repr(ub) + ")", lb);
        check(cycleLimit >= 0, name(), "cycle_limit", ">= 0", cycleLimit);
        check(warmupT >= 0, name(), "warmup_t", ">= 0", warmupT);
        check(warmupLrInit >= 0, name(), "warmup_lr_init", ">= 0", warmupLrInit);
        if (warmupT != 0 && !warmupPrefix) {
            try {
                tanh(warmupT, 1.0); // the warmup's target, _get_lr(warmup_t), at construction
            } catch (PyError e) {
                throw new IllegalArgumentException(
                        name() + " fails at construction (_get_lr(warmup_t)): " + e.getMessage(),
                        e);
            }
        }
    }

    private static ScheduleDefinition<TanhLRScheduler> definition() {
        ScheduleDefinition.Builder<TanhLRScheduler> b =
                ScheduleDefinition.builder(
                                TanhLRScheduler.class,
                                "timm.scheduler.TanhLRScheduler",
                                TanhLRScheduler::new)
                        .optUpstream(TIMM, 1)
                        .optStepOrigin(STEP_ORIGIN)
                        .addRequired("t_initial", Param.Kind.NUMBER, "the length of a cycle")
                        .addOptional("lb", Param.Kind.NUMBER, -7.0, "the tanh argument at t = 0")
                        .addOptional("ub", Param.Kind.NUMBER, 3.0, "the tanh argument at t_i");
        addCycle(b);
        addWarmup(b, false);
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
            return warmup(t, warmupPrefix ? baseLr : tanh(warmupT, baseLr));
        }
        return tanh(t, baseLr);
    }

    /** {@code _get_lr(t)} past the warmup. */
    private double tanh(double t, double baseLr) {
        if (warmupPrefix) {
            t = t - warmupT;
        }
        double[] c = cycle(t);
        if (c[0] < cycleLimit) {
            double lrMax = baseLr * Py.pow(cycleDecay, c[0]);
            double tr = Py.div(c[2], c[1]);
            return lrMin + 0.5 * (lrMax - lrMin) * (1 - StrictMath.tanh(lb * (1. - tr) + ub * tr));
        }
        return lrMin;
    }

    /** The builder of {@link TanhLRScheduler}. */
    public static final class Builder extends CycleBuilder<TanhLRScheduler, Builder> {

        private Builder() {
            super(DEFINITION);
        }

        /**
         * Sets the argument of tanh at the start of a cycle. Default: -7.
         *
         * @param lb the lower bound
         * @return this builder
         */
        public Builder optLb(double lb) {
            return set("lb", lb);
        }

        /**
         * Sets the argument of tanh at the end of a cycle. Default: 3.
         *
         * @param ub the upper bound
         * @return this builder
         */
        public Builder optUb(double ub) {
            return set("ub", ub);
        }
    }
}
