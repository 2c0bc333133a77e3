package io.github.lrschedulers.transformers;

import io.github.lrschedulers.ArgumentException;
import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;
import io.github.lrschedulers.internal.Py;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Warmup, stable, decay (WSD): warms up from {@code min_lr_ratio} to the base rate over {@code
 * num_warmup_steps} steps, holds it for {@code num_stable_steps}, decays to {@code min_lr_ratio}
 * over {@code num_decay_steps}, and stays there.
 *
 * <pre>{@code
 * warmup  (s < W):          q = float(s) / float(max(1, W)),  f = q | 0.5 * (1.0 - cos(pi * q)) | 1.0 - sqrt(1.0 - q)
 * stable  (s < W + S):      1.0
 * decay   (s < W + S + D):  q = float(s - W - S) / float(max(1, D)),
 *                           f = 1.0 - q | 0.5 * (1.0 + cos(pi * float(num_cycles) * 2.0 * q)) | 1.0 - sqrt(q)
 * in both phases lr_lambda = max(0.0, f * (1.0 - min_lr_ratio) + min_lr_ratio); after: min_lr_ratio
 * }</pre>
 *
 * <p>{@code num_stable_steps} defaults to {@code num_training_steps - W - D}; one of the two must
 * be given (both: {@code num_stable_steps} wins).
 *
 * <p>transformers equivalent: {@code transformers.get_wsd_schedule(optimizer, num_warmup_steps,
 * num_decay_steps, num_training_steps=None, num_stable_steps=None, warmup_type="linear",
 * decay_type="cosine", min_lr_ratio=0, num_cycles=0.5, last_epoch=-1)}, {@code
 * get_scheduler("warmup_stable_decay", ...)}.
 */
public final class GetWsdSchedule extends LambdaSchedule {

    /** The shapes of the warmup and the decay. */
    public enum Type {
        /** Linear. */
        LINEAR,
        /** A half cosine. */
        COSINE,
        /** One minus a square root: {@code 1-sqrt}. */
        ONE_MINUS_SQRT;

        String pyName() {
            return this == ONE_MINUS_SQRT ? "1-sqrt" : name().toLowerCase(Locale.ROOT);
        }
    }

    private static final List<String> TYPES = List.of("linear", "cosine", "1-sqrt");

    /**
     * The definition: {@code get_wsd_schedule(optimizer, num_warmup_steps, num_decay_steps,
     * num_training_steps=None, num_stable_steps=None, warmup_type="linear", decay_type="cosine",
     * min_lr_ratio=0, num_cycles=0.5, last_epoch=-1)}.
     */
    public static final ScheduleDefinition<GetWsdSchedule> DEFINITION =
            ScheduleDefinition.builder(
                            GetWsdSchedule.class,
                            "transformers.get_wsd_schedule",
                            GetWsdSchedule::new)
                    .optUpstream(UPSTREAM, 10)
                    .optStepOrigin(ORIGIN)
                    .addRequired("num_warmup_steps", Param.Kind.LITERAL, "steps of the warmup")
                    .addRequired("num_decay_steps", Param.Kind.LITERAL, "steps of the decay")
                    .addOptionalNone(
                            "num_training_steps",
                            Param.Kind.LITERAL,
                            "all steps, giving the stable ones when num_stable_steps is None")
                    .addOptionalNone(
                            "num_stable_steps",
                            Param.Kind.LITERAL,
                            "steps at the base rate between warmup and decay")
                    .addOptional(
                            "warmup_type",
                            Param.Kind.STRING,
                            "linear",
                            "'linear', 'cosine' or '1-sqrt': the warmup's shape")
                    .addOptional(
                            "decay_type",
                            Param.Kind.STRING,
                            "cosine",
                            "'linear', 'cosine' or '1-sqrt': the decay's shape")
                    .addOptional(
                            "min_lr_ratio",
                            Param.Kind.NUMBER,
                            0.0,
                            "the rate at the start and after the end, relative to base rates")
                    .addOptional(
                            "num_cycles",
                            Param.Kind.NUMBER,
                            0.5,
                            "periods of a cosine decay (0.5: down to min_lr_ratio)")
                    .addLastEpoch()
                    .optLengths(
                            "num_warmup_steps",
                            "num_decay_steps",
                            "num_training_steps",
                            "num_stable_steps")
                    .build();

    private final double numWarmupSteps;
    private final double numStableSteps;
    private final double numDecaySteps;
    private final String warmupType;
    private final String decayType;
    private final double minLrRatio;
    private final double numCycles;

    private GetWsdSchedule(Arguments a) {
        super(a);
        this.numWarmupSteps = count(a, "num_warmup_steps");
        this.numDecaySteps = count(a, "num_decay_steps");
        Object training = a.get("num_training_steps");
        Object stable = a.get("num_stable_steps");
        if (training == null && stable == null) {
            throw new IllegalArgumentException(
                    DEFINITION.getName()
                            + " num_training_steps and num_stable_steps: either"
                            + " num_training_steps or num_stable_steps must be specified");
        }
        this.warmupType = a.getString("warmup_type");
        this.decayType = a.getString("decay_type");
        checkType("warmup", warmupType);
        checkType("decay", decayType);
        this.numStableSteps =
                stable != null
                        ? count(a, "num_stable_steps")
                        : count(a, "num_training_steps") - numWarmupSteps - numDecaySteps;
        this.minLrRatio = a.getDouble("min_lr_ratio");
        this.numCycles = a.getDouble("num_cycles");
    }

    private static void checkType(String phase, String type) {
        if (!TYPES.contains(type)) {
            throw new ArgumentException(
                    phase + "_type",
                    DEFINITION.getName()
                            + " "
                            + phase
                            + "_type must be 'linear', 'cosine' or '1-sqrt' (Unknown "
                            + phase
                            + " type), but was "
                            + type);
        }
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
    double lambda(long step) {
        if (step < numWarmupSteps) {
            double progress = warmup(step, numWarmupSteps);
            double factor;
            if (warmupType.equals("linear")) {
                factor = progress;
            } else if (warmupType.equals("cosine")) {
                factor = 0.5 * (1.0 - Py.cos(Math.PI * progress));
            } else {
                factor = 1.0 - Py.sqrt(1.0 - progress);
            }
            return max0(factor * (1.0 - minLrRatio) + minLrRatio);
        }
        if (step < numWarmupSteps + numStableSteps) {
            return 1.0;
        }
        if (step < numWarmupSteps + numStableSteps + numDecaySteps) {
            double progress = (step - numWarmupSteps - numStableSteps) / max1(numDecaySteps);
            double factor;
            if (decayType.equals("linear")) {
                factor = 1.0 - progress;
            } else if (decayType.equals("cosine")) {
                factor = 0.5 * (1.0 + Py.cos(Math.PI * numCycles * 2.0 * progress));
            } else {
                factor = 1.0 - Py.sqrt(progress);
            }
            return max0(factor * (1.0 - minLrRatio) + minLrRatio);
        }
        return minLrRatio;
    }

    @Override
    protected boolean isClosedForm() {
        return Double.isFinite(numCycles);
    }

    /**
     * {@inheritDoc} The end of the warmup, the end of the stable phase (the decay starts), and the
     * end of the decay ({@code min_lr_ratio} from then on).
     */
    @Override
    protected Optional<LrReason> getReason(long lastEpoch, int group) {
        if (lastEpoch <= 0) {
            return Optional.empty();
        }
        double decayStart = numWarmupSteps + numStableSteps;
        if (reaches(lastEpoch, numWarmupSteps)) {
            return warmupEnd(lastEpoch, numWarmupSteps, getArguments().get("num_warmup_steps"));
        }
        if (reaches(lastEpoch, decayStart)) {
            return Optional.of(
                    LrReason.of(
                                    LrReason.Kind.PHASE,
                                    "stable phase ended after num_stable_steps="
                                            + literal(getArguments().get("num_stable_steps"))
                                            + ": the decay starts")
                            .with("num_stable_steps", numStableSteps));
        }
        if (reaches(lastEpoch, decayStart + numDecaySteps)) {
            return Optional.of(
                    LrReason.of(
                                    LrReason.Kind.MINIMUM,
                                    "decay ended after num_decay_steps="
                                            + literal(getArguments().get("num_decay_steps"))
                                            + ": min_lr_ratio="
                                            + str(minLrRatio))
                            .with("num_decay_steps", numDecaySteps));
        }
        return Optional.empty();
    }

    /** The builder of {@link GetWsdSchedule}. */
    public static final class Builder extends ScheduleBuilder<GetWsdSchedule, Builder> {

        private Builder() {
            super(DEFINITION);
        }

        /**
         * Sets the number of warmup steps. Required.
         *
         * @param numWarmupSteps the steps
         * @return this builder
         */
        public Builder setNumWarmupSteps(long numWarmupSteps) {
            return set("num_warmup_steps", numWarmupSteps);
        }

        /**
         * Sets the number of warmup steps. Required.
         *
         * <p>A float count, e.g. {@code 0.5}, is computed as upstream computes it.
         *
         * @param numWarmupSteps the steps
         * @return this builder
         */
        public Builder setNumWarmupSteps(double numWarmupSteps) {
            return set("num_warmup_steps", numWarmupSteps);
        }

        /**
         * Sets the number of decay steps. Required.
         *
         * @param numDecaySteps the steps
         * @return this builder
         */
        public Builder setNumDecaySteps(long numDecaySteps) {
            return set("num_decay_steps", numDecaySteps);
        }

        /**
         * Sets the number of decay steps. Required.
         *
         * <p>A float count, e.g. {@code 0.5}, is computed as upstream computes it.
         *
         * @param numDecaySteps the steps
         * @return this builder
         */
        public Builder setNumDecaySteps(double numDecaySteps) {
            return set("num_decay_steps", numDecaySteps);
        }

        /**
         * Sets the number of all steps, which gives the stable ones when {@code num_stable_steps}
         * is not set. Default: None (transformers default); set this or {@link
         * #optNumStableSteps(long)}.
         *
         * @param numTrainingSteps the steps
         * @return this builder
         */
        public Builder optNumTrainingSteps(long numTrainingSteps) {
            return set("num_training_steps", numTrainingSteps);
        }

        /**
         * Sets the number of all steps, which gives the stable ones when {@code num_stable_steps}
         * is not set. Default: None (transformers default); set this or {@link
         * #optNumStableSteps(long)}.
         *
         * <p>A float count, e.g. {@code 0.5}, is computed as upstream computes it.
         *
         * @param numTrainingSteps the steps
         * @return this builder
         */
        public Builder optNumTrainingSteps(double numTrainingSteps) {
            return set("num_training_steps", numTrainingSteps);
        }

        /**
         * Sets the number of steps at the base rate. Default: None (transformers default), {@code
         * num_training_steps - num_warmup_steps - num_decay_steps}.
         *
         * @param numStableSteps the steps
         * @return this builder
         */
        public Builder optNumStableSteps(long numStableSteps) {
            return set("num_stable_steps", numStableSteps);
        }

        /**
         * Sets the number of steps at the base rate. Default: None (transformers default), {@code
         * num_training_steps - num_warmup_steps - num_decay_steps}.
         *
         * <p>A float count, e.g. {@code 0.5}, is computed as upstream computes it.
         *
         * @param numStableSteps the steps
         * @return this builder
         */
        public Builder optNumStableSteps(double numStableSteps) {
            return set("num_stable_steps", numStableSteps);
        }

        /**
         * Sets the warmup's shape. Default: {@link Type#LINEAR} (transformers default).
         *
         * @param warmupType the shape
         * @return this builder
         */
        public Builder optWarmupType(Type warmupType) {
            return set("warmup_type", Objects.requireNonNull(warmupType, "warmupType").pyName());
        }

        /**
         * Sets the decay's shape. Default: {@link Type#COSINE} (transformers default).
         *
         * @param decayType the shape
         * @return this builder
         */
        public Builder optDecayType(Type decayType) {
            return set("decay_type", Objects.requireNonNull(decayType, "decayType").pyName());
        }

        /**
         * Sets the rate at the start of the warmup and after the decay, relative to the base rates.
         * Default: 0 (transformers default).
         *
         * @param minLrRatio the ratio
         * @return this builder
         */
        public Builder optMinLrRatio(double minLrRatio) {
            return set("min_lr_ratio", minLrRatio);
        }

        /**
         * Sets the number of periods of a cosine decay. Default: 0.5 (transformers default).
         *
         * @param numCycles the periods
         * @return this builder
         */
        public Builder optNumCycles(double numCycles) {
            return set("num_cycles", numCycles);
        }
    }
}
