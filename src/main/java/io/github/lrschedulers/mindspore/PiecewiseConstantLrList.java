package io.github.lrschedulers.mindspore;

import io.github.lrschedulers.ArgumentException;
import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Holds each rate until its milestone: {@code learning_rates[t]} for the steps from milestone
 * {@code t - 1} (or 0) up to milestone {@code t}, which it switches at; the list ends at the last
 * milestone.
 *
 * <p>MindSpore equivalent: {@code mindspore.nn.piecewise_constant_lr}, a Python list of doubles,
 * one per step {@code i < total_step}, that the optimizer narrows to float32 and reads at {@code
 * global_step}; an update past the list's end throws {@link IllegalStateException}.
 *
 * <pre>{@code
 * lr[i] = learning_rates[t]  for milestone[t - 1] <= i < milestone[t]
 * }</pre>
 *
 * @see <a
 *     href="https://www.mindspore.cn/docs/en/master/api_python/nn/mindspore.nn.piecewise_constant_lr.html">MindSpore
 *     piecewise_constant_lr</a>
 */
public final class PiecewiseConstantLrList extends DynamicLrList {

    private static final String NAME = "mindspore.nn.piecewise_constant_lr";

    /**
     * The definition: MindSpore's signature {@code piecewise_constant_lr(milestone,
     * learning_rates)}.
     */
    public static final ScheduleDefinition<PiecewiseConstantLrList> DEFINITION =
            ScheduleDefinition.builder(
                            PiecewiseConstantLrList.class, NAME, PiecewiseConstantLrList::new)
                    .optUpstream("mindspore.nn", 0)
                    .optStepOrigin("global_step n - 1")
                    .optDtype("float64")
                    .addRequired(
                            "milestone",
                            Param.Kind.LITERAL,
                            "the steps where the rate changes, ints > 0, non-decreasing")
                    .addRequired(
                            "learning_rates",
                            Param.Kind.LITERAL,
                            "the rate of each segment, floats")
                    .optLengths("milestone")
                    .build();

    private final long[] milestones;
    private final double[] rates;

    private PiecewiseConstantLrList(Arguments a) {
        super(a, checkedLength(a));
        List<?> m = a.getList("milestone", Object.class);
        List<?> r = a.getList("learning_rates", Object.class);
        this.milestones = new long[m.size()];
        this.rates = new double[r.size()];
        for (int i = 0; i < milestones.length; i++) {
            milestones[i] = (Long) m.get(i);
            rates[i] = (Double) r.get(i);
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

    /** Validates as MindSpore does and returns the list's length, the last milestone. */
    private static long checkedLength(Arguments a) {
        List<?> m = MsChecks.list(NAME, "milestone", a.get("milestone"));
        List<?> r = MsChecks.list(NAME, "learning_rates", a.get("learning_rates"));
        if (m.size() != r.size()) {
            throw new ArgumentException(
                    "learning_rates",
                    NAME
                            + " milestone and learning_rates must have the same size, but had "
                            + m.size()
                            + " and "
                            + r.size());
        }
        long last = 0;
        for (int i = 0; i < m.size(); i++) {
            long item = MsChecks.positiveInt(NAME, "milestone", "milestone[" + i + "]", m.get(i));
            MsChecks.isFloat(NAME, "learning_rates", "learning_rates[" + i + "]", r.get(i));
            if (item < last) {
                throw new ArgumentException(
                        "milestone",
                        NAME
                                + " milestone["
                                + i
                                + "] must be >= milestone["
                                + (i - 1)
                                + "], but was "
                                + item
                                + " < "
                                + last);
            }
            last = item;
        }
        return last;
    }

    @Override
    double value(long index) {
        int t = 0;
        while (index >= milestones[t]) {
            t++;
        }
        return rates[t];
    }

    /** {@inheritDoc} A milestone reached: the next rate of the list. */
    @Override
    protected Optional<LrReason> getReason(long lastEpoch, int group) {
        for (int t = 0; t < milestones.length; t++) {
            if (lastEpoch == milestones[t] && lastEpoch > 0) {
                return Optional.of(
                        LrReason.of(
                                        LrReason.Kind.MILESTONE,
                                        "milestone "
                                                + milestones[t]
                                                + " reached: learning_rates["
                                                + (t + 1)
                                                + "]")
                                .with("milestone", milestones[t]));
            }
        }
        return Optional.empty();
    }

    /** The builder of {@link PiecewiseConstantLrList}. */
    public static final class Builder extends ScheduleBuilder<PiecewiseConstantLrList, Builder> {

        private Builder() {
            super(DEFINITION);
        }

        /**
         * Sets the steps where each rate ends, ints > 0, non-decreasing (an equal one is an empty
         * segment). Required.
         *
         * @param milestone the milestones
         * @return this builder
         */
        public Builder setMilestone(long... milestone) {
            return set("milestone", Arrays.stream(milestone).boxed().toList());
        }

        /**
         * Sets the rate of each segment, one per milestone. Required.
         *
         * @param learningRates the rates
         * @return this builder
         */
        public Builder setLearningRates(double... learningRates) {
            return set("learning_rates", Arrays.stream(learningRates).boxed().toList());
        }
    }
}
