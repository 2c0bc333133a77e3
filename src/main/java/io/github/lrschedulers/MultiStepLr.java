package io.github.lrschedulers;

import io.github.lrschedulers.internal.Py;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
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

    /** The definition: PyTorch's {@code MultiStepLR(optimizer, milestones, gamma=0.1)}. */
    public static final ScheduleDefinition<MultiStepLr> DEFINITION =
            ScheduleDefinition.builder(MultiStepLr.class, "MultiStepLR", MultiStepLr::new)
                    .optUpstream(TORCH, 3)
                    .addRequired(
                            "milestones",
                            Param.Kind.INTEGER_LIST,
                            "the steps at which the rate decays; repeats count")
                    .addOptional("gamma", Param.Kind.NUMBER, 0.1, "the factor of each decay")
                    .addLastEpoch()
                    .optLengths("milestones")
                    .build();

    private final long[] sorted;
    private final double gamma;

    private MultiStepLr(Arguments a) {
        super(a);
        this.sorted =
                a.getList("milestones", Long.class).stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        this.gamma = a.getDouble("gamma");
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
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
        return new MultiStepLive(sim).init();
    }

    /** MultiStepLR on a simulated optimizer. */
    private final class MultiStepLive extends Live {

        MultiStepLive(Sim sim) {
            super(sim);
        }

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

        @Override
        void reasons(int group, List<LrReason> out) {
            long count = countAtMost(lastEpoch) - countAtMost(lastEpoch - 1);
            if (count > 0) {
                double f = Py.pow(gamma, count);
                out.add(
                        LrReason.of(
                                        LrReason.Kind.MILESTONE,
                                        "milestone " + lastEpoch + " reached: ×" + LrReason.num(f))
                                .with("milestone", lastEpoch)
                                .with("gamma", gamma));
            }
        }

        @Override
        void exportState(Map<String, Object> sd) {
            // PyTorch keeps Counter(milestones), which json.dump writes with string keys.
            Map<String, Object> counter = new LinkedHashMap<>();
            for (Object m : (List<?>) getArguments().get("milestones")) {
                counter.merge(String.valueOf(m), 1L, (a, b) -> (Long) a + 1);
            }
            sd.put("milestones", counter);
            exportArguments(sd, MultiStepLr.this, "gamma");
            exportBase(sd);
        }

        @Override
        void importState(StateDict sd) {
            importBase(sd);
        }
    }

    /** The builder of {@link MultiStepLr}. */
    public static final class Builder extends ScheduleBuilder<MultiStepLr, Builder> {

        private Builder() {
            super(DEFINITION);
        }

        /**
         * Sets the steps at which the rate decays. PyTorch's {@code milestones}; repeats count.
         *
         * @param milestones the milestones
         * @return this builder
         */
        public Builder setMilestones(long... milestones) {
            return set("milestones", Arrays.stream(milestones).boxed().toList());
        }

        /**
         * Sets the milestones to lengths relative to the run, an epoch or updates, which a tracker
         * resolves to steps once it knows the run's length; build with {@link #buildForRun()}.
         *
         * @param first the first milestone, e.g. {@code Length.ofRun(0.5)}
         * @param more the others
         * @return this builder
         */
        public Builder setMilestones(Length first, Length... more) {
            List<Length> milestones = new ArrayList<>();
            milestones.add(first);
            milestones.addAll(List.of(more));
            return setLengths("milestones", milestones);
        }

        /**
         * Sets the factor of each decay. Default: 0.1 (PyTorch default).
         *
         * @param gamma the factor
         * @return this builder
         */
        public Builder optGamma(double gamma) {
            return set("gamma", gamma);
        }
    }
}
