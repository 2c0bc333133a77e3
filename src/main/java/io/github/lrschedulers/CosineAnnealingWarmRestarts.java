package io.github.lrschedulers;

import io.github.lrschedulers.internal.Py;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Cosine annealing with warm restarts (SGDR): the rate of each parameter group follows a cosine
 * from the base rate to {@code eta_min} over {@code T_i} steps, then restarts, with {@code T_0},
 * {@code T_0 * T_mult}, ... steps per cycle.
 *
 * <p>PyTorch equivalent: {@code torch.optim.lr_scheduler.CosineAnnealingWarmRestarts} (Loshchilov
 * and Hutter, <a href="https://arxiv.org/abs/1608.03983">SGDR</a>):
 *
 * <pre>{@code
 * lr = eta_min + (base_lr - eta_min) * (1 + cos(pi * T_cur / T_i)) / 2
 * }</pre>
 *
 * @see <a
 *     href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.CosineAnnealingWarmRestarts.html">
 *     PyTorch CosineAnnealingWarmRestarts</a>
 */
public final class CosineAnnealingWarmRestarts extends Schedule {

    /**
     * The definition: PyTorch's signature {@code CosineAnnealingWarmRestarts(optimizer, T_0,
     * T_mult=1, eta_min=0.0)}.
     */
    public static final ScheduleDefinition<CosineAnnealingWarmRestarts> DEFINITION =
            ScheduleDefinition.builder(
                            CosineAnnealingWarmRestarts.class,
                            "CosineAnnealingWarmRestarts",
                            CosineAnnealingWarmRestarts::new)
                    .optUpstream(TORCH, 13)
                    .addRequired("T_0", Param.Kind.INT, "the number of steps of the first cycle")
                    .addOptional(
                            "T_mult",
                            Param.Kind.INT,
                            1L,
                            "the factor by which each cycle is longer than the previous")
                    .addOptional("eta_min", Param.Kind.NUMBER, 0.0, "the minimum rate")
                    .addLastEpoch()
                    .optLengths("T_0")
                    .build();

    private final long t0;
    private final long tMult;
    private final double etaMin;

    private CosineAnnealingWarmRestarts(Arguments a) {
        super(a);
        this.t0 = a.getLong("T_0");
        this.tMult = a.getLong("T_mult");
        this.etaMin = a.getDouble("eta_min");
        Checks.argument(
                t0 > 0,
                "CosineAnnealingWarmRestarts T_0 must be a positive integer, but was %d",
                t0);
        Checks.argument(
                tMult >= 1,
                "CosineAnnealingWarmRestarts T_mult must be an integer >= 1, but was %d",
                tMult);
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
        return new WarmRestartsLive(sim).init();
    }

    /** CosineAnnealingWarmRestarts on a simulated optimizer. */
    private final class WarmRestartsLive extends Live {

        private long tI = t0;
        // Once T_0 * T_mult ** restarts outgrows a long, T_i as Python's float(T_i). No later
        // restart is reachable then: T_cur counts steps, and a tracker takes fewer than 2 ** 31.
        private boolean huge;
        private double hugeTI;
        private long tCur = -1;

        WarmRestartsLive(Sim sim) {
            super(sim);
        }

        /** {@code T_i = T_i * T_mult}, with Python's unbounded int. */
        private void restart() {
            long hi = Math.multiplyHigh(tI, tMult);
            long lo = tI * tMult;
            if (hi == 0 && lo >= 0) {
                tI = lo;
            } else {
                huge = true;
                hugeTI = BigInteger.valueOf(tI).multiply(BigInteger.valueOf(tMult)).doubleValue();
                tI = Long.MAX_VALUE; // above every reachable T_cur
            }
        }

        @Override
        void step() {
            long epoch;
            if (lastEpoch < 0) {
                epoch = 0;
                tI = t0;
                huge = false;
                tCur = epoch;
            } else {
                epoch = lastEpoch + 1;
                tCur = tCur + 1;
                if (tCur >= tI) {
                    tCur = tCur % tI;
                    restart();
                }
            }
            lastEpoch = epoch;
            getLr(out);
            System.arraycopy(out, 0, sim.lr, 0, sim.groups);
        }

        @Override
        boolean jump(long k) {
            if (lastEpoch < 0) {
                return false;
            }
            // k steps of: T_cur += 1; at T_i, T_cur %= T_i and T_i *= T_mult.
            long left = k;
            while (left > 0) {
                if (tMult == 1) {
                    tCur = Math.floorMod(tCur + left, tI);
                    break;
                }
                long toRestart = tI - tCur;
                if (left < toRestart) {
                    tCur += left;
                    break;
                }
                left -= toRestart;
                tCur = 0;
                restart();
            }
            lastEpoch += k;
            return true;
        }

        @Override
        void getLr(double[] out) {
            // math.pi * T_cur / T_i: float / int converts T_i to the nearest float
            double angle = Py.div(Math.PI * tCur, huge ? hugeTI : tI);
            for (int g = 0; g < sim.groups; g++) {
                out[g] = etaMin + (baseLrs[g] - etaMin) * (1 + cos(angle)) / 2;
            }
        }

        @Override
        void reasons(int group, List<LrReason> out) {
            if (lastEpoch > 0 && tCur == 0) {
                // The cycle that starts: 1 + the cycles of T_0, T_0 * T_mult, ... before it.
                long cycle = 1;
                long length = t0;
                long start = 0;
                while (start <= lastEpoch - length) {
                    start += length;
                    cycle++;
                    length = Math.multiplyHigh(length, tMult) == 0 ? length * tMult : -1;
                    if (length <= 0) {
                        break;
                    }
                }
                out.add(
                        LrReason.of(
                                        LrReason.Kind.RESTART,
                                        "cycle "
                                                + cycle
                                                + " restarted: back to the initial rate, T_i="
                                                + LrReason.num(huge ? hugeTI : tI))
                                .with("cycle", cycle)
                                .with("T_i", huge ? hugeTI : tI));
            }
        }

        @Override
        void exportState(Map<String, Object> sd) {
            if (huge) {
                throw new UnsupportedOperationException(
                        "CosineAnnealingWarmRestarts T_i outgrew a long: no JSON state for it");
            }
            exportArguments(sd, CosineAnnealingWarmRestarts.this, "T_0");
            sd.put("T_i", tI);
            exportArguments(sd, CosineAnnealingWarmRestarts.this, "T_mult", "eta_min");
            sd.put("T_cur", tCur);
            exportBase(sd);
        }

        @Override
        void importState(StateDict sd) {
            importBase(sd);
            tI = sd.integer("T_i", 1, Long.MAX_VALUE);
            tCur = sd.integer("T_cur", 0, tI - 1);
            huge = false;
        }
    }

    /** The builder of {@link CosineAnnealingWarmRestarts}. */
    public static final class Builder
            extends ScheduleBuilder<CosineAnnealingWarmRestarts, Builder> {

        private Builder() {
            super(DEFINITION);
        }

        /**
         * Sets the number of steps of the first cycle. PyTorch's {@code T_0}, required.
         *
         * @param t0 the number of steps, positive
         * @return this builder
         */
        public Builder setT0(long t0) {
            return set("T_0", t0);
        }

        /**
         * Sets {@code T_0} to a length relative to the run, an epoch or updates, which a tracker
         * resolves to steps once it knows the run's length; build with {@link #buildForRun()}.
         *
         * @param length the number of steps of the first cycle, e.g. {@code Length.ofRun(1.0)}
         * @return this builder
         */
        public Builder setT0(Length length) {
            return setLength("T_0", length);
        }

        /**
         * Sets the factor by which each cycle is longer than the previous. Default: 1 (PyTorch
         * default).
         *
         * @param tMult the factor, at least 1
         * @return this builder
         */
        public Builder optTMult(long tMult) {
            return set("T_mult", tMult);
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
