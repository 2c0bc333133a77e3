package io.github.lrschedulers;

import io.github.lrschedulers.internal.Py;
import java.util.List;
import java.util.Map;

/**
 * Decays the rate of each parameter group polynomially to 0 over {@code total_iters} steps.
 *
 * <p>PyTorch equivalent: {@code torch.optim.lr_scheduler.PolynomialLR}. Recursive, as PyTorch:
 *
 * <pre>{@code
 * lr(e) = lr(e - 1) * ((1.0 - e / total_iters) / (1.0 - (e - 1) / total_iters)) ** power
 *                                                    for 0 < e <= total_iters
 * lr(e) = lr(e - 1)                                  otherwise
 * }</pre>
 *
 * @see <a
 *     href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.PolynomialLR.html">
 *     PyTorch PolynomialLR</a>
 */
public final class PolynomialLr extends Schedule {

    /**
     * The definition: PyTorch's signature {@code PolynomialLR(optimizer, total_iters=5,
     * power=1.0)}.
     */
    public static final ScheduleDefinition<PolynomialLr> DEFINITION =
            ScheduleDefinition.builder(PolynomialLr.class, "PolynomialLR", PolynomialLr::new)
                    .optUpstream(TORCH, 8)
                    .addOptional(
                            "total_iters",
                            Param.Kind.INTEGER,
                            5L,
                            "the number of steps of the decay")
                    .addOptional("power", Param.Kind.NUMBER, 1.0, "the power of the polynomial")
                    .addLastEpoch()
                    .optLengths("total_iters")
                    .build();

    private final long totalIters;
    private final double power;

    private PolynomialLr(Arguments a) {
        super(a);
        this.totalIters = a.getLong("total_iters");
        this.power = a.getDouble("power");
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
    Live instantiate(Sim sim) {
        return new PolynomialLive(sim).init();
    }

    /** PolynomialLR on a simulated optimizer. */
    private final class PolynomialLive extends Live {

        // 1.0 - e / total_iters of the last step's e: this step's denominator.
        private long oneMinusE = Long.MIN_VALUE;
        private double oneMinus;

        PolynomialLive(Sim sim) {
            super(sim);
        }

        @Override
        void getLr(double[] out) {
            if (initial || lastEpoch > totalIters) {
                System.arraycopy(sim.lr, 0, out, 0, sim.groups);
                return;
            }
            double now = 1.0 - Py.div(lastEpoch, totalIters);
            double before =
                    lastEpoch - 1 == oneMinusE ? oneMinus : 1.0 - Py.div(lastEpoch - 1, totalIters);
            oneMinusE = lastEpoch;
            oneMinus = now;
            double decay = Py.pow(Py.div(now, before), power);
            for (int g = 0; g < sim.groups; g++) {
                out[g] = sim.lr[g] * decay;
            }
        }

        @Override
        long quietSteps() {
            return lastEpoch >= totalIters && lastEpoch > 0 ? Long.MAX_VALUE : 0;
        }

        @Override
        boolean closedForm(double[] out) {
            double f = Py.pow(1.0 - Py.div(Math.min(totalIters, lastEpoch), totalIters), power);
            for (int g = 0; g < sim.groups; g++) {
                out[g] = baseLrs[g] * f;
            }
            return true;
        }

        @Override
        void reasons(int group, List<LrReason> out) {
            if (lastEpoch > 0 && lastEpoch == totalIters) {
                out.add(
                        LrReason.of(
                                        LrReason.Kind.MINIMUM,
                                        "decay ended at total_iters="
                                                + totalIters
                                                + ": the rate stays")
                                .with("total_iters", totalIters));
            }
        }

        @Override
        void exportState(Map<String, Object> sd) {
            exportArguments(sd, PolynomialLr.this, "total_iters", "power");
            exportBase(sd);
        }

        @Override
        void importState(StateDict sd) {
            importBase(sd);
        }
    }

    /** The builder of {@link PolynomialLr}. */
    public static final class Builder extends ScheduleBuilder<PolynomialLr, Builder> {

        private Builder() {
            super(DEFINITION);
        }

        /**
         * Sets the number of steps of the decay. Default: 5 (PyTorch default).
         *
         * @param totalIters the number of steps
         * @return this builder
         */
        public Builder optTotalIters(long totalIters) {
            return set("total_iters", totalIters);
        }

        /**
         * Sets {@code total_iters} to a length relative to the run, an epoch or updates, which a
         * tracker resolves to steps once it knows the run's length; build with {@link
         * #buildForRun()}.
         *
         * @param length the number of steps, e.g. {@code Length.ofRun(1.0)}
         * @return this builder
         */
        public Builder optTotalIters(Length length) {
            return setLength("total_iters", length);
        }

        /**
         * Sets the power of the polynomial. Default: 1.0 (PyTorch default).
         *
         * @param power the power
         * @return this builder
         */
        public Builder optPower(double power) {
            return set("power", power);
        }
    }
}
