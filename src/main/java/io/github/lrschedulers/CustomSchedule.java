package io.github.lrschedulers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The base of a user-defined schedule, as PyTorch users subclass {@code LRScheduler} and write
 * {@code get_lr()}: the rate of each parameter group from the scheduler's {@code last_epoch}, its
 * {@code base_lrs} and, for a chainable schedule, the group's current rate.
 *
 * <p>A custom schedule is defined once like the built-in ones: a {@code public static final} {@link
 * ScheduleDefinition} (its name and arguments) and a constructor from {@link Arguments} that
 * validates them; its builder extends {@link ScheduleBuilder}. It then runs in a {@link LrTracker},
 * inside SequentialLR and ChainedScheduler, survives a checkpoint (its spec is its configuration),
 * is linted, and after {@link ScheduleRegistry#register(ScheduleDefinition)} (or through a {@link
 * ScheduleProvider}) parses from a spec string. For example, PyTorch's
 *
 * <pre>{@code
 * class LinearThenTenth(LRScheduler):
 *     def __init__(self, optimizer, epochs=10, last_epoch=-1):
 *         self.epochs = epochs
 *         super().__init__(optimizer, last_epoch)
 *
 *     def get_lr(self):
 *         if self.last_epoch < self.epochs:
 *             return [b * (1 - 0.9 * self.last_epoch / self.epochs) for b in self.base_lrs]
 *         return [b * 0.1 for b in self.base_lrs]
 * }</pre>
 *
 * <p>is, in Java:
 *
 * <pre>{@code
 * public final class LinearThenTenth extends CustomSchedule {
 *     public static final ScheduleDefinition<LinearThenTenth> DEFINITION =
 *             ScheduleDefinition.builder(LinearThenTenth.class, "LinearThenTenth", LinearThenTenth::new)
 *                     .addOptional("epochs", Param.Kind.INTEGER, 10L, "epochs of the linear part")
 *                     .addLastEpoch()
 *                     .build();
 *     private final long epochs;
 *
 *     private LinearThenTenth(Arguments a) {
 *         super(a);
 *         epochs = a.getLong("epochs");
 *     }
 *
 *     protected double getLr(long lastEpoch, int group, double baseLr, double lr) {
 *         if (lastEpoch < epochs) {
 *             return baseLr * (1 - 0.9 * lastEpoch / epochs);
 *         }
 *         return baseLr * 0.1;
 *     }
 * }
 * }</pre>
 *
 * <p>Java's {@code double} arithmetic ({@code + - * /}) rounds as Python's floats do; for {@code
 * math.cos}, {@code **} and friends use {@link PyMath} to stay bit-identical with PyTorch.
 */
public abstract class CustomSchedule extends Schedule {

    /**
     * Creates the schedule from its validated arguments.
     *
     * @param arguments the arguments, bound by the schedule's definition
     */
    protected CustomSchedule(Arguments arguments) {
        super(arguments);
    }

    /**
     * Returns one group's rate at a step: PyTorch's {@code get_lr()} for that group.
     *
     * @param lastEpoch the scheduler's {@code last_epoch}: 0 at construction, then one more per
     *     step
     * @param group the parameter group, from 0
     * @param baseLr the group's {@code initial_lr} ({@code self.base_lrs[group]})
     * @param lr the group's current rate ({@code group['lr']}), what a chainable schedule scales
     * @return the group's rate after this step
     */
    protected abstract double getLr(long lastEpoch, int group, double baseLr, double lr);

    /**
     * Returns one group's rate at a step of a schedule that {@linkplain #usesMetrics() uses
     * metrics}, given the metric reported for every step so far: called instead of {@link
     * #getLr(long, int, double, double)} when {@link #usesMetrics()} is true. Default: that method,
     * ignoring the metrics.
     *
     * @param lastEpoch the scheduler's {@code last_epoch}: 0 at construction, then one more per
     *     step
     * @param group the parameter group, from 0
     * @param baseLr the group's {@code initial_lr}
     * @param lr the group's current rate
     * @param metrics the metric of each step taken, {@code metrics[i]} that of step {@code i + 1}
     *     ({@code lastEpoch} of them); do not modify
     * @return the group's rate after this step
     */
    protected double getLr(long lastEpoch, int group, double baseLr, double lr, double[] metrics) {
        return getLr(lastEpoch, group, baseLr, lr);
    }

    /**
     * Returns whether {@link #getLr} depends only on {@code lastEpoch}, {@code group} and {@code
     * baseLr} and never throws: then a tracker asked for a far update jumps there instead of
     * stepping through every step before it. Default: false (every step is taken, as PyTorch does).
     *
     * @return whether the schedule is a closed form in the step
     */
    protected boolean isClosedForm() {
        return false;
    }

    /**
     * Returns the schedule a tracker runs on parameter groups with these base rates: this one, or,
     * where upstream's constructor reads the optimizer, one configured from its rates (e.g.
     * transformers' polynomial schedule divides by {@code optimizer.defaults["lr"]}, the first
     * group's base rate). Called when the schedule starts on an optimizer, as upstream's
     * constructor runs. Default: this schedule.
     *
     * @param baseLrs the groups' base rates ({@code self.base_lrs}), one per group
     * @return the schedule whose {@link #getLr} gives the rates
     * @throws IllegalArgumentException if upstream rejects the rates, naming the rule
     */
    protected CustomSchedule onBaseLrs(List<Double> baseLrs) {
        return this;
    }

    /**
     * Returns the discrete event that sets a group's rate at a step, if any: a warmup that ends, a
     * boundary of a piecewise schedule, a staircase decay, a restart. Smooth steps have none.
     * {@link LrTracker#getReasons(int, int)} reports it where the rate differs from the last
     * update's. Default: none.
     *
     * @param lastEpoch the scheduler's {@code last_epoch}, as {@link #getLr} takes it
     * @param group the parameter group, from 0
     * @return the reason, or empty
     */
    protected Optional<LrReason> getReason(long lastEpoch, int group) {
        return Optional.empty();
    }

    /**
     * Returns the discrete event that sets a group's rate at a step of a schedule that {@linkplain
     * #usesMetrics() uses metrics}, given the metric reported for every step so far (a plateau
     * names them): called instead of {@link #getReason(long, int)} when {@link #usesMetrics()} is
     * true. Default: that method, ignoring the metrics.
     *
     * @param lastEpoch the scheduler's {@code last_epoch}, as {@link #getLr} takes it
     * @param group the parameter group, from 0
     * @param metrics the metric of each step taken, as {@link #getLr(long, int, double, double,
     *     double[])} takes them; do not modify
     * @return the reason, or empty
     */
    protected Optional<LrReason> getReason(long lastEpoch, int group, double[] metrics) {
        return getReason(lastEpoch, group);
    }

    @Override
    final Live instantiate(Sim sim) {
        return new CustomLive(sim).init();
    }

    /** The custom schedule on a simulated optimizer. */
    private final class CustomLive extends Live {

        /** The schedule configured from {@link #runFor}, the base rates it started on. */
        private CustomSchedule run;

        private double[] runFor;

        /** The metrics of the steps taken, for a schedule that uses metrics. */
        private double[] metrics = new double[0];

        CustomLive(Sim sim) {
            super(sim);
        }

        @Override
        void getLr(double[] out) {
            if (runFor != baseLrs) { // the first step after (re)starting on the optimizer
                List<Double> rates = new ArrayList<>(baseLrs.length);
                for (double b : baseLrs) {
                    rates.add(b);
                }
                run = onBaseLrs(Collections.unmodifiableList(rates));
                runFor = baseLrs;
            }
            if (!usesMetrics()) {
                for (int g = 0; g < sim.groups; g++) {
                    out[g] = run.getLr(lastEpoch, g, baseLrs[g], sim.lr[g]);
                }
                return;
            }
            while (metrics.length < lastEpoch) { // one metric per step, read as it is taken
                metrics = Arrays.copyOf(metrics, metrics.length + 1);
                metrics[metrics.length - 1] = sim.currentMetric();
            }
            double[] taken = taken();
            for (int g = 0; g < sim.groups; g++) {
                out[g] = run.getLr(lastEpoch, g, baseLrs[g], sim.lr[g], taken);
            }
        }

        /** The metrics of the steps taken, {@code lastEpoch} of them. */
        private double[] taken() {
            return metrics.length == lastEpoch ? metrics : Arrays.copyOf(metrics, (int) lastEpoch);
        }

        @Override
        void reasons(int group, List<LrReason> out) {
            (usesMetrics()
                            ? run.getReason(lastEpoch, group, taken())
                            : run.getReason(lastEpoch, group))
                    .ifPresent(out::add);
        }

        @Override
        boolean jump(long k) {
            if (!isClosedForm()) {
                return false;
            }
            skip(k);
            return true;
        }
    }
}
