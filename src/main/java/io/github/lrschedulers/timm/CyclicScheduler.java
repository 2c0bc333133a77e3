package io.github.lrschedulers.timm;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.internal.Py;
import io.github.lrschedulers.internal.PyRepr;
import java.util.Optional;

/**
 * The base of timm's cosine, tanh and poly schedulers: cycles of {@code t_initial} growing by
 * {@code cycle_mul}, peaks decaying by {@code cycle_decay}, {@code lr_min} after {@code
 * cycle_limit} cycles.
 */
abstract class CyclicScheduler extends TimmScheduler {

    final double tInitial;
    final double lrMin;
    final double cycleMul;
    final double cycleDecay;
    final double cycleLimit;
    final boolean warmupPrefix;

    CyclicScheduler(Arguments a) {
        super(a, a.getBoolean("t_in_epochs"), "normal", a.getLong("noise_seed"));
        tInitial = a.getDouble("t_initial");
        lrMin = a.getDouble("lr_min");
        check(tInitial > 0, name(), "t_initial", "> 0", tInitial);
        check(lrMin >= 0, name(), "lr_min", ">= 0", lrMin);
        cycleMul = a.getDouble("cycle_mul");
        cycleDecay = a.getDouble("cycle_decay");
        cycleLimit = a.getDouble("cycle_limit");
        warmupPrefix = a.getBoolean("warmup_prefix");
    }

    /**
     * timm's cycle of {@code t} (after the warmup prefix): {@code {i, t_i, t_curr}}, the cycle, its
     * length and the position in it.
     */
    final double[] cycle(double t) {
        if (cycleMul != 1) {
            double x = 1 - Py.div(t, tInitial) * (1 - cycleMul);
            long i = Py.floor(Py.div(Py.log(x), Py.log(cycleMul))); // math.log(x, cycle_mul)
            double ti = Py.pow(cycleMul, i) * tInitial;
            double tCurr = t - Py.div(1 - Py.pow(cycleMul, i), 1 - cycleMul) * tInitial;
            return new double[] {i, ti, tCurr};
        }
        double i = Py.floorDiv(t, tInitial);
        return new double[] {i, tInitial, t - tInitial * i};
    }

    /**
     * {@inheritDoc} A cycle restarted, or {@code lr_min} reached after {@code cycle_limit} cycles.
     */
    @Override
    final Optional<LrReason> event(double t, double before) {
        double shift = warmupPrefix ? warmupT : 0;
        double i = cycle(t - shift)[0];
        if (i == cycle(before - shift)[0]) {
            return Optional.empty();
        }
        if (i >= cycleLimit) {
            return Optional.of(
                    LrReason.of(
                                    LrReason.Kind.MINIMUM,
                                    "cycle_limit="
                                            + PyRepr.repr(cycleLimit)
                                            + " cycles ended: lr_min")
                            .with("cycle_limit", cycleLimit));
        }
        return Optional.of(
                LrReason.of(LrReason.Kind.RESTART, "cycle " + ((long) i + 1) + " restarted")
                        .with("cycle", i + 1));
    }
}
