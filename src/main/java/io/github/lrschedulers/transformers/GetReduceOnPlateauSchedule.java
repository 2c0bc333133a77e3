package io.github.lrschedulers.transformers;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.DelegatingSchedule;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ReduceLrOnPlateau;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;

/**
 * PyTorch's ReduceLROnPlateau, as transformers makes it: the Trainer steps it once per evaluation
 * with the evaluation's metric ({@code metric_for_best_model}), not after every update.
 *
 * <p>transformers equivalent: {@code transformers.get_reduce_on_plateau_schedule(optimizer,
 * **kwargs)}, {@code get_scheduler("reduce_lr_on_plateau", scheduler_specific_kwargs={...})}: the
 * keyword arguments are ReduceLROnPlateau's.
 */
public final class GetReduceOnPlateauSchedule extends DelegatingSchedule {

    /**
     * The definition: {@code get_reduce_on_plateau_schedule(optimizer, **kwargs)}, the keywords
     * being those of {@code torch.optim.lr_scheduler.ReduceLROnPlateau}.
     */
    public static final ScheduleDefinition<GetReduceOnPlateauSchedule> DEFINITION = definition();

    private GetReduceOnPlateauSchedule(Arguments a) {
        super(a, ReduceLrOnPlateau.DEFINITION.create(a.asMap()));
    }

    private static ScheduleDefinition<GetReduceOnPlateauSchedule> definition() {
        ScheduleDefinition.Builder<GetReduceOnPlateauSchedule> b =
                ScheduleDefinition.builder(
                                GetReduceOnPlateauSchedule.class,
                                "transformers.get_reduce_on_plateau_schedule",
                                GetReduceOnPlateauSchedule::new)
                        .optUpstream(LambdaSchedule.UPSTREAM, 1)
                        .optStepOrigin("evaluation i, with metric i");
        for (Param p : ReduceLrOnPlateau.DEFINITION.getParams()) {
            if (p.getKind() == Param.Kind.LAST_EPOCH || p.getKind() == Param.Kind.OPTIMIZER) {
                continue;
            }
            if (p.isNoneAllowed()) {
                b.addOptionalNone(p.getName(), p.getKind(), p.getDescription());
            } else {
                b.addOptional(p.getName(), p.getKind(), p.getDefaultValue(), p.getDescription());
            }
        }
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

    /** The builder of {@link GetReduceOnPlateauSchedule}. */
    public static final class Builder extends ScheduleBuilder<GetReduceOnPlateauSchedule, Builder> {

        private Builder() {
            super(DEFINITION);
        }

        /**
         * Sets whether the metric should go down ({@code "min"}) or up ({@code "max"}). Default:
         * {@code "min"} (PyTorch default).
         *
         * @param mode {@code "min"} or {@code "max"}
         * @return this builder
         */
        public Builder optMode(String mode) {
            return set("mode", mode);
        }

        /**
         * Sets the factor of a reduction. Default: 0.1 (PyTorch default).
         *
         * @param factor the factor, below 1
         * @return this builder
         */
        public Builder optFactor(double factor) {
            return set("factor", factor);
        }

        /**
         * Sets the number of evaluations without improvement before a reduction. Default: 10
         * (PyTorch default).
         *
         * @param patience the evaluations
         * @return this builder
         */
        public Builder optPatience(long patience) {
            return set("patience", patience);
        }

        /**
         * Sets the threshold of an improvement. Default: 1e-4 (PyTorch default).
         *
         * @param threshold the threshold
         * @return this builder
         */
        public Builder optThreshold(double threshold) {
            return set("threshold", threshold);
        }

        /**
         * Sets whether the threshold is relative ({@code "rel"}) or absolute ({@code "abs"}).
         * Default: {@code "rel"} (PyTorch default).
         *
         * @param thresholdMode {@code "rel"} or {@code "abs"}
         * @return this builder
         */
        public Builder optThresholdMode(String thresholdMode) {
            return set("threshold_mode", thresholdMode);
        }

        /**
         * Sets the number of evaluations to wait after a reduction. Default: 0 (PyTorch default).
         *
         * @param cooldown the evaluations
         * @return this builder
         */
        public Builder optCooldown(long cooldown) {
            return set("cooldown", cooldown);
        }

        /**
         * Sets the lowest rate of every group. Default: 0 (PyTorch default).
         *
         * @param minLr the rate
         * @return this builder
         */
        public Builder optMinLr(double minLr) {
            return set("min_lr", minLr);
        }

        /**
         * Sets the lowest rate of each parameter group.
         *
         * @param minLrs the rates, one per group
         * @return this builder
         */
        public Builder optMinLrs(double... minLrs) {
            return setEach("min_lr", minLrs);
        }

        /**
         * Sets the smallest change of a rate that is applied. Default: 1e-8 (PyTorch default).
         *
         * @param eps the change
         * @return this builder
         */
        public Builder optEps(double eps) {
            return set("eps", eps);
        }
    }
}
