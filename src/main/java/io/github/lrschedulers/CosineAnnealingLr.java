package io.github.lrschedulers;

import io.github.lrschedulers.internal.Py;
import java.util.List;
import java.util.Map;

/**
 * Anneals the rate of each parameter group along a cosine from the base rate to {@code eta_min}
 * over {@code T_max} steps.
 *
 * <p>PyTorch equivalent: {@code torch.optim.lr_scheduler.CosineAnnealingLR}. Recursive, as PyTorch
 * 2.x computes it, so that past {@code T_max} the rate keeps oscillating:
 *
 * <pre>{@code
 * lr(e) = lr(e - 1) + (base_lr - eta_min) * (1 - cos(pi / T_max)) / 2
 *                                              if (e - 1 - T_max) % (2 * T_max) == 0
 * lr(e) = (1 + cos(pi * e / T_max)) / (1 + cos(pi * (e - 1) / T_max))
 *         * (lr(e - 1) - eta_min) + eta_min     otherwise
 * }</pre>
 *
 * @see <a
 *     href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.CosineAnnealingLR.html">
 *     PyTorch CosineAnnealingLR</a>
 */
public final class CosineAnnealingLr extends Schedule {

    static final String NAME = "CosineAnnealingLR";

    private final long tMax;
    private final double etaMin;

    private CosineAnnealingLr(Builder b) {
        this.tMax = b.tMax;
        this.etaMin = b.etaMin;
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
        args.add(arg("T_max", tMax));
        args.add(arg("eta_min", etaMin));
    }

    @Override
    Live instantiate(Sim sim) {
        Live live =
                new Live(sim) {
                    @Override
                    void getLr(double[] out) {
                        long e = lastEpoch;
                        for (int g = 0; g < sim.groups; g++) {
                            if (initial) {
                                out[g] = sim.lr[g];
                            } else if (stepCount == 1 && e > 0) {
                                out[g] =
                                        etaMin
                                                + (baseLrs[g] - etaMin)
                                                        * (1 + cos(Py.div(e * Math.PI, tMax)))
                                                        / 2;
                            } else if (Py.mod(e - 1 - tMax, 2 * tMax) == 0) {
                                out[g] =
                                        sim.lr[g]
                                                + (baseLrs[g] - etaMin)
                                                        * (1 - cos(Py.div(Math.PI, tMax)))
                                                        / 2;
                            } else {
                                out[g] =
                                        Py.div(
                                                                1 + cos(Py.div(Math.PI * e, tMax)),
                                                                1
                                                                        + cos(
                                                                                Py.div(
                                                                                        Math.PI
                                                                                                * (e
                                                                                                        - 1),
                                                                                        tMax)))
                                                        * (sim.lr[g] - etaMin)
                                                + etaMin;
                            }
                        }
                    }

                    @Override
                    boolean closedForm(double[] out) {
                        for (int g = 0; g < sim.groups; g++) {
                            out[g] =
                                    etaMin
                                            + (baseLrs[g] - etaMin)
                                                    * (1 + cos(Py.div(Math.PI * lastEpoch, tMax)))
                                                    / 2;
                        }
                        return true;
                    }
                };
        live.init();
        return live;
    }

    /** The builder of {@link CosineAnnealingLr}. */
    public static final class Builder {

        private Long tMaxSet;
        private long tMax;
        private double etaMin;

        private Builder() {}

        /**
         * Sets the half period of the cosine, in steps. PyTorch's {@code T_max}, required.
         *
         * @param tMax the half period
         * @return this builder
         */
        public Builder setTMax(long tMax) {
            this.tMaxSet = tMax;
            return this;
        }

        /**
         * Sets the minimum rate. Default: 0.0 (PyTorch default).
         *
         * @param etaMin the minimum rate
         * @return this builder
         */
        public Builder optEtaMin(double etaMin) {
            this.etaMin = etaMin;
            return this;
        }

        /**
         * Builds the schedule.
         *
         * @return the schedule
         * @throws IllegalArgumentException if T_max is missing or 0 (PyTorch fails with
         *     ZeroDivisionError at the first step)
         */
        public CosineAnnealingLr build() {
            Checks.argument(tMaxSet != null, "CosineAnnealingLR T_max must be set");
            tMax = tMaxSet;
            Checks.argument(
                    tMax != 0,
                    "CosineAnnealingLR T_max must not be 0 (PyTorch divides by it at the first"
                            + " step), but was 0");
            return new CosineAnnealingLr(this);
        }
    }
}
