package io.github.lrschedulers.timm;

import io.github.lrschedulers.ArgumentException;
import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.DelegatingSchedule;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.Schedule;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;
import io.github.lrschedulers.internal.PyRepr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * timm's factory {@code create_scheduler_v2}: one of the six schedulers by name, its lengths given
 * in epochs and multiplied by {@code updates_per_epoch} when {@code step_on_epochs=False} (which
 * also sets {@code t_in_epochs=False}), noise given as fractions of {@code t_initial}. Its defaults
 * differ from the classes': {@code cycle_decay=0.1}, {@code warmup_lr=1e-5}, poly's power is {@code
 * decay_rate}. An unknown {@code sched} is rejected (timm returns no scheduler).
 *
 * <p>timm equivalent: {@code timm.scheduler.create_scheduler_v2(optimizer, sched='cosine',
 * num_epochs=300, decay_epochs=90, decay_milestones=(90, 180, 270), cooldown_epochs=0,
 * patience_epochs=10, decay_rate=0.1, min_lr=0, warmup_lr=1e-5, warmup_epochs=0,
 * warmup_prefix=False, noise=None, noise_pct=0.67, noise_std=1., noise_seed=42, cycle_mul=1.,
 * cycle_decay=0.1, cycle_limit=1, k_decay=1.0, plateau_mode='max', step_on_epochs=True,
 * updates_per_epoch=0)}, without the optimizer; the schedule, not the returned epoch count.
 */
public final class CreateSchedulerV2 extends DelegatingSchedule {

    /** The definition: timm's factory without the optimizer. */
    public static final ScheduleDefinition<CreateSchedulerV2> DEFINITION =
            ScheduleDefinition.builder(
                            CreateSchedulerV2.class,
                            "timm.scheduler.create_scheduler_v2",
                            CreateSchedulerV2::new)
                    .optUpstream(TimmScheduler.TIMM, 6)
                    .optStepOrigin("as the named scheduler")
                    .addOptional("sched", Param.Kind.STRING, "cosine", "the scheduler's name")
                    .addOptional("num_epochs", Param.Kind.NUMBER, 300.0, "t_initial, in epochs")
                    .addOptional("decay_epochs", Param.Kind.NUMBER, 90.0, "step's decay_t")
                    .addOptional(
                            "decay_milestones",
                            Param.Kind.NUMBER_LIST,
                            List.of(90L, 180L, 270L),
                            "multistep's decay_t")
                    .addOptional("cooldown_epochs", Param.Kind.NUMBER, 0.0, "unused here")
                    .addOptional("patience_epochs", Param.Kind.NUMBER, 10.0, "plateau's patience")
                    .addOptional("decay_rate", Param.Kind.NUMBER, 0.1, "the decay (poly's power)")
                    .addOptional("min_lr", Param.Kind.NUMBER, 0.0, "lr_min")
                    .addOptional("warmup_lr", Param.Kind.NUMBER, 1e-5, "warmup_lr_init")
                    .addOptional("warmup_epochs", Param.Kind.NUMBER, 0.0, "warmup_t, in epochs")
                    .addOptional("warmup_prefix", Param.Kind.BOOLEAN, false, "warmup_prefix")
                    .addOptionalNone(
                            "noise", Param.Kind.LITERAL, "noise_range_t as fractions of t_initial")
                    .addOptional("noise_pct", Param.Kind.NUMBER, 0.67, "noise_pct")
                    .addOptional("noise_std", Param.Kind.NUMBER, 1.0, "noise_std")
                    .addOptional("noise_seed", Param.Kind.INTEGER, 42L, "noise_seed")
                    .addOptional("cycle_mul", Param.Kind.NUMBER, 1.0, "cycle_mul")
                    .addOptional("cycle_decay", Param.Kind.NUMBER, 0.1, "cycle_decay")
                    .addOptional("cycle_limit", Param.Kind.NUMBER, 1.0, "cycle_limit")
                    .addOptional("k_decay", Param.Kind.NUMBER, 1.0, "k_decay")
                    .addOptional("plateau_mode", Param.Kind.STRING, "max", "plateau's mode")
                    .addOptional(
                            "step_on_epochs",
                            Param.Kind.BOOLEAN,
                            true,
                            "t in epochs, else in updates (lengths times updates_per_epoch)")
                    .addOptional(
                            "updates_per_epoch",
                            Param.Kind.NUMBER,
                            0.0,
                            "updates per epoch, for step_on_epochs=False")
                    .build();

    private CreateSchedulerV2(Arguments a) {
        super(a, make(a));
    }

    /** {@code create_scheduler_v2}'s body: the named scheduler with the converted arguments. */
    private static Schedule make(Arguments a) {
        String name = DEFINITION.getName();
        boolean onEpochs = a.getBoolean("step_on_epochs");
        double per = a.getDouble("updates_per_epoch");
        double tInitial = a.getDouble("num_epochs");
        double warmupT = a.getDouble("warmup_epochs");
        double decayT = a.getDouble("decay_epochs");
        List<Double> milestones = new ArrayList<>();
        for (Number m : a.getList("decay_milestones", Number.class)) {
            milestones.add(m.doubleValue());
        }
        if (!onEpochs) {
            if (!(per > 0)) {
                throw new ArgumentException(
                        "updates_per_epoch",
                        name
                                + " updates_per_epoch must be > 0 with step_on_epochs=False"
                                + " ('updates_per_epoch must be set to number of dataloader"
                                + " batches'), but was "
                                + PyRepr.repr(per));
            }
            tInitial = tInitial * per;
            warmupT = warmupT * per;
            decayT = decayT * per;
            milestones.replaceAll(d -> d * per);
        }
        Map<String, Object> args = new HashMap<>();
        args.put("warmup_lr_init", a.getDouble("warmup_lr"));
        args.put("warmup_t", warmupT);
        args.put("noise_range_t", noiseRange(a.get("noise"), tInitial));
        args.put("noise_pct", a.getDouble("noise_pct"));
        args.put("noise_std", a.getDouble("noise_std"));
        args.put("noise_seed", a.getLong("noise_seed"));
        String sched = a.getString("sched");
        if (sched.equals("plateau")) {
            if (!onEpochs) {
                throw new ArgumentException(
                        "step_on_epochs",
                        name
                                + " sched='plateau' needs step_on_epochs=True ('Plateau LR only"
                                + " supports step per epoch.'), but was False");
            }
            args.put("decay_rate", a.getDouble("decay_rate"));
            args.put("patience_t", a.getDouble("patience_epochs"));
            args.put("cooldown_t", 0.0);
            args.put("lr_min", a.getDouble("min_lr"));
            args.put("mode", a.getString("plateau_mode"));
            return PlateauLRScheduler.DEFINITION.create(args);
        }
        args.put("warmup_prefix", a.getBoolean("warmup_prefix"));
        args.put("t_in_epochs", onEpochs);
        switch (sched) {
            case "step":
                args.put("decay_t", decayT);
                args.put("decay_rate", a.getDouble("decay_rate"));
                return StepLRScheduler.DEFINITION.create(args);
            case "multistep":
                args.put("decay_t", milestones);
                args.put("decay_rate", a.getDouble("decay_rate"));
                return MultiStepLRScheduler.DEFINITION.create(args);
            case "cosine":
            case "tanh":
            case "poly":
                break;
            default:
                throw new ArgumentException(
                        "sched",
                        name
                                + " sched must be one of cosine, tanh, step, multistep, plateau,"
                                + " poly (timm returns no scheduler), but was '"
                                + sched
                                + "'");
        }
        args.put("t_initial", tInitial);
        args.put("lr_min", a.getDouble("min_lr"));
        args.put("cycle_mul", a.getDouble("cycle_mul"));
        args.put("cycle_decay", a.getDouble("cycle_decay"));
        args.put("cycle_limit", a.getDouble("cycle_limit"));
        if (sched.equals("tanh")) {
            return TanhLRScheduler.DEFINITION.create(args);
        }
        args.put("k_decay", a.getDouble("k_decay"));
        if (sched.equals("poly")) {
            args.put("power", a.getDouble("decay_rate"));
            return PolyLRScheduler.DEFINITION.create(args);
        }
        return CosineLRScheduler.DEFINITION.create(args);
    }

    /** {@code noise_range_t} from fractions of {@code t_initial}: a number or a list. */
    private static Object noiseRange(Object noise, double tInitial) {
        if (noise == null) {
            return null;
        }
        if (noise instanceof List<?> l) {
            List<Double> range = new ArrayList<>();
            for (Object n : l) {
                range.add(number(n) * tInitial);
            }
            return range.size() == 1 ? range.get(0) : range;
        }
        return number(noise) * tInitial;
    }

    private static double number(Object n) {
        if (n instanceof Number x && !(n instanceof Boolean)) {
            return x.doubleValue();
        }
        throw new ArgumentException(
                "noise",
                DEFINITION.getName() + " noise must be None, a number or a list, but was " + n);
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The builder of {@link CreateSchedulerV2}: the factory's keywords. */
    public static final class Builder extends ScheduleBuilder<CreateSchedulerV2, Builder> {

        private Builder() {
            super(DEFINITION);
        }

        /**
         * Sets the scheduler's name: cosine, tanh, step, multistep, plateau or poly. Default:
         * cosine.
         *
         * @param sched the name
         * @return this builder
         */
        public Builder optSched(String sched) {
            return set("sched", sched);
        }

        /**
         * Sets the cyclic schedulers' t_initial, in epochs. Default: 300.
         *
         * @param numEpochs the epochs
         * @return this builder
         */
        public Builder optNumEpochs(double numEpochs) {
            return set("num_epochs", numEpochs);
        }

        /**
         * Sets the step scheduler's decay_t, in epochs. Default: 90.
         *
         * @param decayEpochs the epochs
         * @return this builder
         */
        public Builder optDecayEpochs(double decayEpochs) {
            return set("decay_epochs", decayEpochs);
        }

        /**
         * Sets the multistep scheduler's decay_t, in epochs. Default: (90, 180, 270).
         *
         * @param decayMilestones the epochs
         * @return this builder
         */
        public Builder optDecayMilestones(double... decayMilestones) {
            return set("decay_milestones", Arrays.stream(decayMilestones).boxed().toList());
        }

        /**
         * Sets the epochs timm adds to the run it returns (no effect on the rates). Default: 0.
         *
         * @param cooldownEpochs the epochs
         * @return this builder
         */
        public Builder optCooldownEpochs(double cooldownEpochs) {
            return set("cooldown_epochs", cooldownEpochs);
        }

        /**
         * Sets the plateau scheduler's patience_t. Default: 10.
         *
         * @param patienceEpochs the epochs
         * @return this builder
         */
        public Builder optPatienceEpochs(double patienceEpochs) {
            return set("patience_epochs", patienceEpochs);
        }

        /**
         * Sets the step, multistep and plateau decay, and the poly scheduler's power. Default: 0.1.
         *
         * @param decayRate the rate
         * @return this builder
         */
        public Builder optDecayRate(double decayRate) {
            return set("decay_rate", decayRate);
        }

        /**
         * Sets lr_min. Default: 0.
         *
         * @param minLr the rate
         * @return this builder
         */
        public Builder optMinLr(double minLr) {
            return set("min_lr", minLr);
        }

        /**
         * Sets warmup_lr_init. Default: 1e-5.
         *
         * @param warmupLr the rate
         * @return this builder
         */
        public Builder optWarmupLr(double warmupLr) {
            return set("warmup_lr", warmupLr);
        }

        /**
         * Sets warmup_t, in epochs. Default: 0.
         *
         * @param warmupEpochs the epochs
         * @return this builder
         */
        public Builder optWarmupEpochs(double warmupEpochs) {
            return set("warmup_epochs", warmupEpochs);
        }

        /**
         * Sets warmup_prefix (not for plateau). Default: false.
         *
         * @param warmupPrefix whether the warmup comes first
         * @return this builder
         */
        public Builder optWarmupPrefix(boolean warmupPrefix) {
            return set("warmup_prefix", warmupPrefix);
        }

        /**
         * Sets noise_pct. Default: 0.67.
         *
         * @param noisePct the bound
         * @return this builder
         */
        public Builder optNoisePct(double noisePct) {
            return set("noise_pct", noisePct);
        }

        /**
         * Sets noise_std, unused by timm. Default: 1.0.
         *
         * @param noiseStd the value
         * @return this builder
         */
        public Builder optNoiseStd(double noiseStd) {
            return set("noise_std", noiseStd);
        }

        /**
         * Sets noise_seed. Default: 42.
         *
         * @param noiseSeed the seed
         * @return this builder
         */
        public Builder optNoiseSeed(long noiseSeed) {
            return set("noise_seed", noiseSeed);
        }

        /**
         * Sets cycle_mul. Default: 1.
         *
         * @param cycleMul the factor
         * @return this builder
         */
        public Builder optCycleMul(double cycleMul) {
            return set("cycle_mul", cycleMul);
        }

        /**
         * Sets cycle_decay. Default: 0.1 (not the classes' 1).
         *
         * @param cycleDecay the factor
         * @return this builder
         */
        public Builder optCycleDecay(double cycleDecay) {
            return set("cycle_decay", cycleDecay);
        }

        /**
         * Sets cycle_limit. Default: 1.
         *
         * @param cycleLimit the cycles
         * @return this builder
         */
        public Builder optCycleLimit(double cycleLimit) {
            return set("cycle_limit", cycleLimit);
        }

        /**
         * Sets k_decay. Default: 1.
         *
         * @param kDecay the exponent
         * @return this builder
         */
        public Builder optKDecay(double kDecay) {
            return set("k_decay", kDecay);
        }

        /**
         * Sets the plateau scheduler's mode, 'min' or 'max'. Default: max.
         *
         * @param plateauMode the mode
         * @return this builder
         */
        public Builder optPlateauMode(String plateauMode) {
            return set("plateau_mode", plateauMode);
        }

        /**
         * Sets whether t counts epochs; false multiplies the lengths by updates_per_epoch. Default:
         * true.
         *
         * @param stepOnEpochs whether t counts epochs
         * @return this builder
         */
        public Builder optStepOnEpochs(boolean stepOnEpochs) {
            return set("step_on_epochs", stepOnEpochs);
        }

        /**
         * Sets the updates per epoch, required with step_on_epochs=False. Default: 0.
         *
         * @param updatesPerEpoch the updates
         * @return this builder
         */
        public Builder optUpdatesPerEpoch(double updatesPerEpoch) {
            return set("updates_per_epoch", updatesPerEpoch);
        }

        /**
         * Adds noise from a fraction of {@code t_initial} on. Default: no noise.
         *
         * @param noise the fraction
         * @return this builder
         */
        public Builder optNoise(double noise) {
            return set("noise", noise);
        }

        /**
         * Adds noise between two fractions of {@code t_initial}. Default: no noise.
         *
         * @param lo the fraction where the noise starts
         * @param hi the fraction where it ends
         * @return this builder
         */
        public Builder optNoise(double lo, double hi) {
            return set("noise", List.of(lo, hi));
        }
    }
}
