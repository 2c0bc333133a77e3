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

    /**
     * The definition: PyTorch's signature {@code CosineAnnealingLR(optimizer, T_max, eta_min=0.0)}.
     */
    public static final ScheduleDefinition<CosineAnnealingLr> DEFINITION =
            ScheduleDefinition.builder(
                            CosineAnnealingLr.class, "CosineAnnealingLR", CosineAnnealingLr::new)
                    .optUpstream(TORCH, 9)
                    .addRequired(
                            "T_max", Param.Kind.INTEGER, "the half period of the cosine, in steps")
                    .addOptional("eta_min", Param.Kind.NUMBER, 0.0, "the minimum rate")
                    .addLastEpoch()
                    .optLengths("T_max")
                    .build();

    private final long tMax;
    private final double etaMin;

    private CosineAnnealingLr(Arguments a) {
        super(a);
        this.tMax = a.getLong("T_max");
        this.etaMin = a.getDouble("eta_min");
        Checks.argument(
                tMax != 0,
                "CosineAnnealingLR T_max must not be 0 (PyTorch divides by it at the first"
                        + " step), but was 0");
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
        return new CosineLive(sim).init();
    }

    /** CosineAnnealingLR on a simulated optimizer. */
    private final class CosineLive extends Live {

        CosineLive(Sim sim) {
            super(sim);
        }

        // 1 + cos(pi * e / T_max) of the last two e, so that a step computes one cosine and one
        // division for it, whatever the number of groups.
        private long onePlusCosE = Long.MIN_VALUE;
        private double onePlusCos;
        private long onePlusCosE2 = Long.MIN_VALUE;
        private double onePlusCos2;

        // (e - 1 - T_max) mod 2 T_max of restartE, counted up step by step instead of divided.
        private long restartE = Long.MIN_VALUE;
        private long restartResidue;

        /** 1 + cos(pi * e / T_max), as PyTorch computes it (pi * e, then / T_max). */
        private double onePlusCos(long e) {
            if (e == onePlusCosE) {
                return onePlusCos;
            }
            if (e == onePlusCosE2) {
                return onePlusCos2;
            }
            double v = 1 + cos(Py.div(Math.PI * e, tMax));
            onePlusCosE2 = onePlusCosE;
            onePlusCos2 = onePlusCos;
            onePlusCosE = e;
            onePlusCos = v;
            return v;
        }

        /** Whether (e - 1 - T_max) % (2 T_max) == 0, Python's modulo. */
        private boolean restartsAt(long e) {
            if (Math.abs(tMax) >= 1L << 40 || Math.abs(e) >= 1L << 60) {
                return Py.mod(e - 1 - tMax, 2 * tMax) == 0;
            }
            // Python's modulo is 0 exactly where the residue modulo |2 T_max| is.
            long m = Math.abs(2 * tMax);
            if (e == restartE + 1) {
                restartResidue = restartResidue + 1 == m ? 0 : restartResidue + 1;
            } else if (e != restartE) {
                restartResidue = Math.floorMod(e - 1 - tMax, m);
            }
            restartE = e;
            return restartResidue == 0;
        }

        @Override
        void getLr(double[] out) {
            long e = lastEpoch;
            if (initial) {
                System.arraycopy(sim.lr, 0, out, 0, sim.groups);
            } else if (stepCount == 1 && e > 0) {
                double c = onePlusCos(e); // e * pi: the same product
                for (int g = 0; g < sim.groups; g++) {
                    double amplitude = baseLrs[g] - etaMin;
                    out[g] = etaMin + amplitude * c / 2;
                }
            } else if (restartsAt(e)) {
                for (int g = 0; g < sim.groups; g++) {
                    double amplitude = baseLrs[g] - etaMin;
                    out[g] = sim.lr[g] + amplitude * (1 - cos(Py.div(Math.PI, tMax))) / 2;
                }
            } else {
                double ratio = Py.div(onePlusCos(e), onePlusCos(e - 1));
                for (int g = 0; g < sim.groups; g++) {
                    out[g] = ratio * (sim.lr[g] - etaMin) + etaMin;
                }
            }
        }

        /** The recursive branch of {@link #getLr}, step after step, until another branch. */
        @Override
        long run(long k) {
            if (initial || stepCount < 1 || tMax == 0) {
                return 0;
            }
            double[] lr = sim.lr;
            int groups = sim.groups;
            double previous = onePlusCos(lastEpoch);
            double older = 0;
            long n = 0;
            while (n < k && stepCount < Integer.MAX_VALUE && previous != 0) {
                // previous == 0: the division raises ZeroDivisionError, which step() reports.
                long e = lastEpoch + 1;
                if (restartsAt(e)) {
                    break;
                }
                double current = 1 + Py.cos(Math.PI * e / tMax);
                double ratio = current / previous;
                for (int g = 0; g < groups; g++) {
                    lr[g] = ratio * (lr[g] - etaMin) + etaMin;
                }
                lastEpoch = e;
                stepCount++;
                n++;
                older = previous;
                previous = current;
            }
            if (n > 0) {
                System.arraycopy(lr, 0, out, 0, groups);
                // The memo of onePlusCos, as the last step of getLr leaves it.
                onePlusCosE2 = lastEpoch - 1;
                onePlusCos2 = older;
                onePlusCosE = lastEpoch;
                onePlusCos = previous;
            }
            return n;
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

        @Override
        void reasons(int group, List<LrReason> out) {
            // At T_max, 3 T_max, ...: the bottoms of PyTorch's cosine, which rises again after
            // T_max.
            long since = lastEpoch - tMax;
            if (tMax > 0 && since >= 0 && since % tMax == 0 && (since / tMax) % 2 == 0) {
                out.add(
                        LrReason.of(
                                        LrReason.Kind.MINIMUM,
                                        "reached eta_min="
                                                + LrReason.num(etaMin)
                                                + " after T_max="
                                                + tMax
                                                + " steps")
                                .with("eta_min", etaMin)
                                .with("T_max", tMax));
            }
        }

        @Override
        void exportState(Map<String, Object> sd) {
            exportArguments(sd, CosineAnnealingLr.this, "T_max", "eta_min");
            exportBase(sd);
        }

        @Override
        void importState(StateDict sd) {
            importBase(sd);
        }
    }

    /** The builder of {@link CosineAnnealingLr}. */
    public static final class Builder extends ScheduleBuilder<CosineAnnealingLr, Builder> {

        private Builder() {
            super(DEFINITION);
        }

        /**
         * Sets the half period of the cosine, in steps. PyTorch's {@code T_max}, required; must not
         * be 0 (PyTorch fails with ZeroDivisionError at the first step).
         *
         * @param tMax the half period
         * @return this builder
         */
        public Builder setTMax(long tMax) {
            return set("T_max", tMax);
        }

        /**
         * Sets {@code T_max} to a length relative to the run, an epoch or updates, which a tracker
         * resolves to steps once it knows the run's length; build with {@link #buildForRun()}.
         *
         * @param length the half period, e.g. {@code Length.ofRun(1.0)}
         * @return this builder
         */
        public Builder setTMax(Length length) {
            return setLength("T_max", length);
        }

        /**
         * Sets the minimum rate. Default: 0.0 (PyTorch default).
         *
         * @param etaMin the minimum rate
         * @return this builder
         */
        public Builder optEtaMin(double etaMin) {
            return set("eta_min", etaMin);
        }
    }
}
