package io.github.lrschedulers.timm;

import io.github.lrschedulers.ArgumentException;
import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.CustomSchedule;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleDefinition;
import io.github.lrschedulers.StepUnit;
import io.github.lrschedulers.internal.Py;
import io.github.lrschedulers.internal.PyError;
import io.github.lrschedulers.internal.PyRepr;
import io.github.lrschedulers.internal.TorchCpuGenerator;
import java.util.List;
import java.util.Optional;

/**
 * The base of this family, timm's {@code Scheduler}: the constructor's value for the first update,
 * then {@code _get_lr(t)} plus seeded noise at the epoch ({@code t_in_epochs}) or update counter.
 */
abstract class TimmScheduler extends CustomSchedule {

    /** The module of the schedulers. */
    static final String TIMM = "timm.scheduler";

    /** What update {@code n} evaluates. */
    static final String STEP_ORIGIN =
            "init value, then t = n - 1 (t_in_epochs=False) or epoch t >= 1";

    final double warmupT;
    final double warmupLrInit;
    final boolean tInEpochs;
    private final Object noiseRangeT;
    private final double noisePct;
    private final long noiseSeed;
    private final boolean normalNoise;

    TimmScheduler(Arguments a, boolean tInEpochs, String noiseType, long noiseSeed) {
        super(a);
        if (!a.getBoolean("initialize")) {
            throw new ArgumentException(
                    "initialize",
                    name()
                            + " initialize must be True: with False timm reads 'initial_lr' from"
                            + " the optimizer's groups (KeyError on a new optimizer), but was"
                            + " False");
        }
        this.warmupT = a.getDouble("warmup_t");
        this.warmupLrInit = a.getDouble("warmup_lr_init");
        this.tInEpochs = tInEpochs;
        this.noiseRangeT = noiseRange(a.get("noise_range_t"));
        this.noisePct = a.getDouble("noise_pct");
        this.noiseSeed = noiseSeed;
        this.normalNoise = "normal".equals(noiseType);
    }

    /** Adds {@code lr_min, cycle_mul, cycle_decay, cycle_limit} of the cyclic schedulers. */
    static void addCycle(ScheduleDefinition.Builder<?> b) {
        b.addOptional("lr_min", Param.Kind.NUMBER, 0.0, "the rate at the end of a cycle")
                .addOptional("cycle_mul", Param.Kind.NUMBER, 1.0, "the growth of a cycle's length")
                .addOptional(
                        "cycle_decay", Param.Kind.NUMBER, 1.0, "the factor of the peak per cycle")
                .addOptional("cycle_limit", Param.Kind.NUMBER, 1.0, "the cycles before lr_min");
    }

    /**
     * Adds {@code warmup_t, warmup_lr_init} and, where the scheduler has it, {@code warmup_prefix}
     * and {@code t_in_epochs}.
     */
    static void addWarmup(ScheduleDefinition.Builder<?> b, Boolean prefixDefault) {
        b.addOptional("warmup_t", Param.Kind.NUMBER, 0.0, "the length of the linear warmup")
                .addOptional("warmup_lr_init", Param.Kind.NUMBER, 0.0, "the start of the warmup");
        if (prefixDefault != null) {
            b.addOptional(
                            "warmup_prefix",
                            Param.Kind.BOOLEAN,
                            prefixDefault,
                            "start the schedule after the warmup")
                    .addOptional(
                            "t_in_epochs",
                            Param.Kind.BOOLEAN,
                            true,
                            "t counts epochs, not updates");
        }
    }

    /**
     * Adds {@code noise_range_t, [noise_type,] noise_pct, noise_std, noise_seed} (the seed None for
     * the plateau scheduler, which has the type).
     */
    static void addNoise(ScheduleDefinition.Builder<?> b, boolean plateau) {
        b.addOptionalNone(
                "noise_range_t",
                Param.Kind.LITERAL,
                "noise from this t on (a number), or for lo <= t < hi ([lo, hi])");
        if (plateau) {
            b.addOptional(
                    "noise_type", Param.Kind.STRING, "normal", "'normal' or else uniform noise");
        }
        b.addOptional("noise_pct", Param.Kind.NUMBER, 0.67, "the bound of the relative noise")
                .addOptional(
                        "noise_std", Param.Kind.NUMBER, 1.0, "accepted and unused, as in timm");
        if (plateau) {
            b.addOptionalNone("noise_seed", Param.Kind.INTEGER, "the noise's base seed (None: 42)");
        } else {
            b.addOptional("noise_seed", Param.Kind.INTEGER, 42L, "the noise's base seed");
        }
    }

    /** Adds {@code initialize}, the last argument. */
    static void addInitialize(ScheduleDefinition.Builder<?> b) {
        b.addOptional("initialize", Param.Kind.BOOLEAN, true, "write the initial rates: True only");
    }

    private Object noiseRange(Object v) {
        if (v == null || v instanceof Number) {
            return v == null ? null : ((Number) v).doubleValue();
        }
        if (v instanceof List<?> l && l.stream().allMatch(x -> x instanceof Number)) {
            return l.stream().map(x -> ((Number) x).doubleValue()).toList();
        }
        throw new ArgumentException(
                "noise_range_t",
                name() + " noise_range_t must be None, a number or a list, but was " + v);
    }

    final String name() {
        return getDefinition().getName();
    }

    /**
     * Returns timm's {@code _get_lr(t)} for one group.
     *
     * @param t the epoch or update counter, from 1
     * @param group the group
     * @param baseLr the group's base rate
     * @return the rate before noise
     * @throws PyError where Python raises
     */
    abstract double value(double t, int group, double baseLr);

    /** The rate of the warmup line at {@code t}, from a group's base rate or target. */
    final double warmup(double t, double target) {
        return warmupLrInit + t * Py.div(target - warmupLrInit, warmupT);
    }

    /** The constructor's value of a group: its base rate, or {@code warmup_lr_init}. */
    final double initial(double baseLr) {
        return warmupT != 0 ? warmupLrInit : baseLr;
    }

    @Override
    protected double getLr(long lastEpoch, int group, double baseLr, double lr) {
        if (lastEpoch == 0) {
            return initial(baseLr);
        }
        return noisy(value(lastEpoch, group, baseLr), lastEpoch);
    }

    /** timm's {@code _add_noise}: {@code v + v * noise} where noise applies at {@code t}. */
    /**
     * {@inheritDoc} The end of the warmup, then the schedule's own events ({@link #event}); noise
     * is no event.
     */
    @Override
    protected Optional<LrReason> getReason(long lastEpoch, int group) {
        if (lastEpoch <= 0 || lastEpoch < warmupT) {
            return Optional.empty();
        }
        if (lastEpoch - 1 < warmupT) {
            return Optional.of(warmupEnd());
        }
        return event(lastEpoch, lastEpoch - 1);
    }

    /** Returns the reason of the warmup's end. */
    final LrReason warmupEnd() {
        return LrReason.of(
                        LrReason.Kind.WARMUP_END,
                        "warmup ended after warmup_t=" + PyRepr.repr(warmupT))
                .with("warmup_t", warmupT);
    }

    /**
     * Returns the schedule's event between two values of {@code t} after the warmup, if any.
     * Default: none.
     *
     * @param t the value of t
     * @param before the value before
     * @return the reason, or empty
     */
    Optional<LrReason> event(double t, double before) {
        return Optional.empty();
    }

    final double noisy(double v, long t) {
        if (!appliesNoise(t)) {
            return v;
        }
        return v + v * noise(t);
    }

    /** timm's {@code _is_apply_noise}, Python's chained comparison included. */
    final boolean appliesNoise(long t) {
        if (noiseRangeT == null) {
            return false;
        }
        if (noiseRangeT instanceof Double d) {
            return t >= d;
        }
        List<?> range = (List<?>) noiseRangeT;
        if (range.isEmpty()) {
            throw new PyError("IndexError", "list index out of range (noise_range_t)");
        }
        if (!((Double) range.get(0) <= t)) {
            return false;
        }
        if (range.size() < 2) {
            throw new PyError("IndexError", "list index out of range (noise_range_t)");
        }
        return t < (Double) range.get(1);
    }

    /** timm's {@code _calculate_noise(t)}. */
    final double noise(long t) {
        TorchCpuGenerator g = new TorchCpuGenerator(noiseSeed + t);
        if (!normalNoise) {
            return 2 * ((double) g.rand() - 0.5) * noisePct;
        }
        if (!(noisePct > 0)) {
            throw new PyError(
                    "ValueError",
                    "noise_pct must be > 0 for normal noise (timm resamples |n| < noise_pct"
                            + " forever), but was "
                            + PyRepr.repr(noisePct));
        }
        while (true) {
            double n = g.randn();
            if (Math.abs(n) < noisePct) {
                return n;
            }
        }
    }

    /** {@inheritDoc} {@code t_in_epochs=False}: per optimizer update. */
    @Override
    public StepUnit getStepUnit() {
        return tInEpochs ? StepUnit.EPOCH : StepUnit.UPDATE;
    }

    /** {@inheritDoc} {@code step_update(n)} after every update when not {@code t_in_epochs}. */
    @Override
    public boolean isReadAtUpdateCounter() {
        return !tInEpochs;
    }

    /** {@inheritDoc} The rates of the updates only, as the reference curve. */
    @Override
    public boolean isSteppedAfterLastUpdate() {
        return false;
    }

    /** timm's bare {@code assert}: an {@code AssertionError} without message. */
    static void check(boolean ok, String schedule, String arg, String rule, double value) {
        if (!ok) {
            throw new ArgumentException(
                    arg,
                    schedule
                            + " "
                            + arg
                            + " must be "
                            + rule
                            + " (timm asserts "
                            + arg
                            + " "
                            + rule
                            + "), but was "
                            + PyRepr.repr(value));
        }
    }
}
