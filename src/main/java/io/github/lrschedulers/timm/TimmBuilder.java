package io.github.lrschedulers.timm;

import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;
import java.util.List;

/**
 * The setters every timm scheduler's builder shares: warmup and noise.
 *
 * @param <S> the schedule
 * @param <B> the builder
 */
abstract class TimmBuilder<S extends TimmScheduler, B extends TimmBuilder<S, B>>
        extends ScheduleBuilder<S, B> {

    TimmBuilder(ScheduleDefinition<S> definition) {
        super(definition);
    }

    /**
     * Sets the length of the linear warmup. Default: 0 (no warmup).
     *
     * @param warmupT the warmup, in the scheduler's unit of t
     * @return this builder
     */
    public B optWarmupT(double warmupT) {
        return set("warmup_t", warmupT);
    }

    /**
     * Sets the rate every group starts the warmup from. Default: 0.
     *
     * @param warmupLrInit the rate
     * @return this builder
     */
    public B optWarmupLrInit(double warmupLrInit) {
        return set("warmup_lr_init", warmupLrInit);
    }

    /**
     * Adds noise from {@code t} on. Default: no noise.
     *
     * @param start the first t with noise
     * @return this builder
     */
    public B optNoiseRangeT(double start) {
        return set("noise_range_t", start);
    }

    /**
     * Adds noise for {@code lo <= t < hi}. Default: no noise.
     *
     * @param lo the first t with noise
     * @param hi the first t without noise again
     * @return this builder
     */
    public B optNoiseRangeT(double lo, double hi) {
        return set("noise_range_t", List.of(lo, hi));
    }

    /**
     * Sets the bound of the relative noise. Default: 0.67 (timm default).
     *
     * @param noisePct the bound
     * @return this builder
     */
    public B optNoisePct(double noisePct) {
        return set("noise_pct", noisePct);
    }

    /**
     * Sets {@code noise_std}, which timm accepts and does not use. Default: 1.0.
     *
     * @param noiseStd the value
     * @return this builder
     */
    public B optNoiseStd(double noiseStd) {
        return set("noise_std", noiseStd);
    }

    /**
     * Sets the base seed of the noise: step t draws from a generator seeded with {@code noise_seed
     * + t}. Default: 42 (timm default).
     *
     * @param noiseSeed the seed
     * @return this builder
     */
    public B optNoiseSeed(long noiseSeed) {
        return set("noise_seed", noiseSeed);
    }

    /**
     * Sets {@code initialize}: only true (timm's default) is accepted, a tracker always starts the
     * schedule on its groups.
     *
     * @param initialize true
     * @return this builder
     */
    public B optInitialize(boolean initialize) {
        return set("initialize", initialize);
    }
}
