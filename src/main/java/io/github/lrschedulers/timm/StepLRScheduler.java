package io.github.lrschedulers.timm;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleDefinition;
import io.github.lrschedulers.internal.Py;
import io.github.lrschedulers.internal.PyRepr;
import java.util.Optional;

/**
 * timm's step decay with warmup: {@code base * decay_rate**(t // decay_t)} after a linear warmup
 * from {@code warmup_lr_init} (by default a prefix: t counts from the warmup's end).
 *
 * <p>timm equivalent: {@code timm.scheduler.StepLRScheduler(optimizer, decay_t, decay_rate=1.,
 * warmup_t=0, warmup_lr_init=0, warmup_prefix=True, t_in_epochs=True, noise_range_t=None,
 * noise_pct=0.67, noise_std=1.0, noise_seed=42, initialize=True)}.
 */
public final class StepLRScheduler extends TimmScheduler {

    /** The definition: timm's constructor without the optimizer. */
    public static final ScheduleDefinition<StepLRScheduler> DEFINITION = definition();

    private final double decayT;
    private final double decayRate;
    private final boolean warmupPrefix;

    private StepLRScheduler(Arguments a) {
        super(a, a.getBoolean("t_in_epochs"), "normal", a.getLong("noise_seed"));
        decayT = a.getDouble("decay_t");
        decayRate = a.getDouble("decay_rate");
        warmupPrefix = a.getBoolean("warmup_prefix");
    }

    private static ScheduleDefinition<StepLRScheduler> definition() {
        ScheduleDefinition.Builder<StepLRScheduler> b =
                ScheduleDefinition.builder(
                                StepLRScheduler.class,
                                "timm.scheduler.StepLRScheduler",
                                StepLRScheduler::new)
                        .optUpstream(TIMM, 3)
                        .optStepOrigin(STEP_ORIGIN)
                        .addRequired("decay_t", Param.Kind.NUMBER, "the t between two decays")
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
        return baseLr * Py.pow(decayRate, Py.floorDiv(t, decayT));
    }

    /** {@inheritDoc} A decay every {@code decay_t}. */
    @Override
    Optional<LrReason> event(double t, double before) {
        double shift = warmupPrefix ? warmupT : 0;
        if (Py.floorDiv(t - shift, decayT) == Py.floorDiv(before - shift, decayT)) {
            return Optional.empty();
        }
        return Optional.of(
                LrReason.of(
                                LrReason.Kind.DECAY,
                                "decay every decay_t="
                                        + PyRepr.repr(decayT)
                                        + ": ×"
                                        + PyRepr.repr(decayRate))
                        .with("decay_t", decayT));
    }

    /** The builder of {@link StepLRScheduler}. */
    public static final class Builder extends UnitBuilder<StepLRScheduler, Builder> {

        private Builder() {
            super(DEFINITION);
        }

        /**
         * Sets the t between two decays. Required.
         *
         * @param decayT the period, in the scheduler's unit of t
         * @return this builder
         */
        public Builder setDecayT(double decayT) {
            return set("decay_t", decayT);
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
