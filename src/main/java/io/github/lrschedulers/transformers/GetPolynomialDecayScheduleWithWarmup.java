package io.github.lrschedulers.transformers;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.CustomSchedule;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;
import io.github.lrschedulers.internal.Py;
import java.util.List;
import java.util.Optional;

/**
 * Warms up linearly from 0 over {@code num_warmup_steps} steps, then decays polynomially from the
 * optimizer's rate {@code lr_init} to {@code lr_end} at {@code num_training_steps}, and stays
 * there.
 *
 * <pre>{@code
 * lr_lambda(s) = float(s) / float(max(1, W))                                     if s < W
 *                lr_end / lr_init                                                 if s > T
 *                ((lr_init - lr_end) * (1 - (s - W) / (T - W)) ** power + lr_end) / lr_init
 * }</pre>
 *
 * <p>{@code lr_init} is {@code optimizer.defaults["lr"]}, here the first group's base rate, for
 * every group: a group with another base rate ends at {@code lr_end * base / lr_init}. Upstream
 * rejects {@code lr_end >= lr_init} when the schedule starts on the optimizer, and {@code T == W}
 * fails with a ZeroDivisionError at step {@code W}.
 *
 * <p>transformers equivalent: {@code transformers.get_polynomial_decay_schedule_with_warmup(
 * optimizer, num_warmup_steps, num_training_steps, lr_end=1e-7, power=1.0, last_epoch=-1)}, {@code
 * get_scheduler("polynomial", ...)}.
 */
public final class GetPolynomialDecayScheduleWithWarmup extends LambdaSchedule {

    /**
     * The definition: {@code get_polynomial_decay_schedule_with_warmup(optimizer, num_warmup_steps,
     * num_training_steps, lr_end=1e-7, power=1.0, last_epoch=-1)}.
     */
    public static final ScheduleDefinition<GetPolynomialDecayScheduleWithWarmup> DEFINITION =
            ScheduleDefinition.builder(
                            GetPolynomialDecayScheduleWithWarmup.class,
                            "transformers.get_polynomial_decay_schedule_with_warmup",
                            GetPolynomialDecayScheduleWithWarmup::new)
                    .optUpstream(UPSTREAM, 6)
                    .optStepOrigin(ORIGIN)
                    .addRequired(
                            "num_warmup_steps", Param.Kind.LITERAL, "steps of the linear warmup")
                    .addRequired(
                            "num_training_steps",
                            Param.Kind.LITERAL,
                            "the step at which the rate reaches lr_end")
                    .addOptional(
                            "lr_end",
                            Param.Kind.NUMBER,
                            1e-7,
                            "the final rate, for a group at the optimizer's rate")
                    .addOptional("power", Param.Kind.NUMBER, 1.0, "the power of the decay")
                    .addLastEpoch()
                    .optLengths("num_warmup_steps", "num_training_steps")
                    .build();

    private final double numWarmupSteps;

    /** Whether both counts are ints: Python's int division then says "division by zero". */
    private final boolean intCounts;

    private final double numTrainingSteps;
    private final double lrEnd;
    private final double power;
    private final Arguments arguments;

    /** The optimizer's {@code defaults["lr"]}, once started on it; NaN before. */
    private final double lrInit;

    private GetPolynomialDecayScheduleWithWarmup(Arguments a) {
        this(a, Double.NaN);
    }

    private GetPolynomialDecayScheduleWithWarmup(Arguments a, double lrInit) {
        super(a);
        this.numWarmupSteps = count(a, "num_warmup_steps");
        this.intCounts =
                !(a.get("num_warmup_steps") instanceof Double)
                        && !(a.get("num_training_steps") instanceof Double);
        this.numTrainingSteps = count(a, "num_training_steps");
        this.lrEnd = a.getDouble("lr_end");
        this.power = a.getDouble("power");
        this.lrInit = lrInit;
        this.arguments = a;
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads {@code lr_init = optimizer.defaults["lr"]}, the first group's base rate, and checks it
     * as upstream does.
     *
     * @throws IllegalArgumentException if {@code lr_init <= lr_end}
     */
    @Override
    protected CustomSchedule onBaseLrs(List<Double> baseLrs) {
        double init = baseLrs.get(0);
        if (!(init > lrEnd)) {
            throw new IllegalArgumentException(
                    "transformers.get_polynomial_decay_schedule_with_warmup lr_end ("
                            + str(lrEnd)
                            + ") must be smaller than initial lr ("
                            + str(init)
                            + ")");
        }
        return new GetPolynomialDecayScheduleWithWarmup(arguments, init);
    }

    @Override
    double lambda(long step) {
        if (step < numWarmupSteps) {
            return warmup(step, numWarmupSteps);
        } else if (step > numTrainingSteps) {
            return Py.div(lrEnd, lrInit);
        }
        double lrRange = lrInit - lrEnd;
        double decaySteps = numTrainingSteps - numWarmupSteps;
        double pctRemaining =
                1
                        - (intCounts
                                ? Py.div(step - (long) numWarmupSteps, (long) decaySteps)
                                : Py.div(step - numWarmupSteps, decaySteps));
        double decay = lrRange * Py.pow(pctRemaining, power) + lrEnd;
        return Py.div(decay, lrInit);
    }

    /**
     * {@inheritDoc} The end of the warmup, and {@code lr_end} from {@code num_training_steps} on.
     */
    @Override
    protected Optional<LrReason> getReason(long lastEpoch, int group) {
        if (reaches(lastEpoch, numTrainingSteps) && lastEpoch > numWarmupSteps) {
            return Optional.of(
                    LrReason.of(
                                    LrReason.Kind.MINIMUM,
                                    "lr_end="
                                            + str(lrEnd)
                                            + " reached at num_training_steps="
                                            + literal(getArguments().get("num_training_steps")))
                            .with("num_training_steps", numTrainingSteps));
        }
        return warmupEnd(lastEpoch, numWarmupSteps, getArguments().get("num_warmup_steps"));
    }

    /** The builder of {@link GetPolynomialDecayScheduleWithWarmup}. */
    public static final class Builder
            extends ScheduleBuilder<GetPolynomialDecayScheduleWithWarmup, Builder> {

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
         * Sets the step at which the rate reaches {@code lr_end}. Required.
         *
         * @param numTrainingSteps the steps
         * @return this builder
         */
        public Builder setNumTrainingSteps(long numTrainingSteps) {
            return set("num_training_steps", numTrainingSteps);
        }

        /**
         * Sets the step at which the rate reaches {@code lr_end}. Required.
         *
         * <p>A float count, e.g. {@code 0.5}, is computed as upstream computes it.
         *
         * @param numTrainingSteps the steps
         * @return this builder
         */
        public Builder setNumTrainingSteps(double numTrainingSteps) {
            return set("num_training_steps", numTrainingSteps);
        }

        /**
         * Sets the final rate of a group at the optimizer's rate. Default: 1e-7 (transformers
         * default).
         *
         * @param lrEnd the rate, below the first group's base rate
         * @return this builder
         */
        public Builder optLrEnd(double lrEnd) {
            return set("lr_end", lrEnd);
        }

        /**
         * Sets the power of the decay. Default: 1.0 (transformers default), linear.
         *
         * @param power the power
         * @return this builder
         */
        public Builder optPower(double power) {
            return set("power", power);
        }
    }
}
