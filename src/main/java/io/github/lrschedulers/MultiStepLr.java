package io.github.lrschedulers;

import io.github.lrschedulers.internal.Py;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Decays the rate of each parameter group by {@code gamma} at each milestone.
 *
 * <p>PyTorch equivalent: {@code torch.optim.lr_scheduler.MultiStepLR}. Recursive; a milestone given
 * {@code c} times decays by {@code gamma ** c} at once, as PyTorch's {@code Counter} does:
 *
 * <pre>{@code
 * lr(e) = lr(e - 1) * gamma ** count(milestones, e)   if e is a milestone, else lr(e - 1)
 * }</pre>
 *
 * <p>The milestones need not be sorted; a milestone 0 decays the very first rate.
 *
 * @see <a
 *     href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.MultiStepLR.html">
 *     PyTorch MultiStepLR</a>
 */
public final class MultiStepLr extends Schedule {

    static final String NAME = "MultiStepLR";

    private final long[] milestones;
    private final long[] sorted;
    private final double gamma;

    private MultiStepLr(Builder b) {
        this.milestones = b.milestones.clone();
        this.sorted = b.milestones.clone();
        Arrays.sort(sorted);
        this.gamma = b.gamma;
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    public String getPyTorchName() {
        return NAME;
    }

    @Override
    void addArguments(List<Map.Entry<String, Object>> args) {
        List<Object> m = new ArrayList<>();
        for (long v : milestones) {
            m.add(v);
        }
        args.add(arg("milestones", m));
        args.add(arg("gamma", gamma));
    }

    /** Python's {@code bisect_right} on the sorted milestones. */
    private long countAtMost(long e) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (e < sorted[mid]) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    @Override
    Live instantiate(Sim sim) {
        Live live =
                new Live(sim) {
                    @Override
                    void getLr(double[] out) {
                        long count = countAtMost(lastEpoch) - countAtMost(lastEpoch - 1);
                        for (int g = 0; g < sim.groups; g++) {
                            out[g] = count == 0 ? sim.lr[g] : sim.lr[g] * Py.pow(gamma, count);
                        }
                    }

                    @Override
                    long quietSteps() {
                        int i = (int) countAtMost(lastEpoch);
                        return i == sorted.length ? Long.MAX_VALUE : sorted[i] - lastEpoch - 1;
                    }

                    @Override
                    boolean closedForm(double[] out) {
                        double f = Py.pow(gamma, countAtMost(lastEpoch));
                        for (int g = 0; g < sim.groups; g++) {
                            out[g] = baseLrs[g] * f;
                        }
                        return true;
                    }
                };
        live.init();
        return live;
    }

    /** The builder of {@link MultiStepLr}. */
    public static final class Builder {

        private long[] milestones;
        private double gamma = 0.1;

        private Builder() {}

        /**
         * Sets the steps at which the rate decays. PyTorch's {@code milestones}; repeats count.
         *
         * @param milestones the milestones
         * @return this builder
         */
        public Builder setMilestones(long... milestones) {
            this.milestones = milestones.clone();
            return this;
        }

        /**
         * Sets the factor of each decay. Default: 0.1 (PyTorch default).
         *
         * @param gamma the factor
         * @return this builder
         */
        public Builder optGamma(double gamma) {
            this.gamma = gamma;
            return this;
        }

        /**
         * Builds the schedule.
         *
         * @return the schedule
         * @throws IllegalArgumentException if milestones is missing
         */
        public MultiStepLr build() {
            Checks.argument(milestones != null, "MultiStepLR milestones must be set");
            return new MultiStepLr(this);
        }
    }
}
