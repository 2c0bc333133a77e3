package io.github.lrschedulers;

import io.github.lrschedulers.internal.PyRepr;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The immutable configuration of one PyTorch learning-rate scheduler, or of a composition of them.
 *
 * <p>A schedule holds every constructor argument of its PyTorch class except {@code optimizer},
 * {@code last_epoch} and {@code verbose}. It does not hold the base learning rate: as in PyTorch,
 * that belongs to the optimizer, here to the {@link LrTracker} that runs the schedule.
 *
 * <p>{@link #toString()} prints the PyTorch constructor call without the optimizer, every argument
 * included, e.g. {@code StepLR(step_size=30, gamma=0.1)}; {@link
 * io.github.lrschedulers.spec.ScheduleSpec#parse(String)} parses it back to an equal schedule (when
 * its lambdas are {@link io.github.lrschedulers.spec.PyLambda}s). Equality compares the arguments.
 */
public abstract class Schedule {

    /**
     * The deepest nesting of schedules: a SequentialLR or ChainedScheduler holds schedules at most
     * this many levels deep, counting itself (a SequentialLR of StepLRs nests 2 deep). The builders
     * reject deeper compositions and so does the spec parser, so that every schedule's {@link
     * #toString()} parses back (the parser allows at most {@link
     * io.github.lrschedulers.spec.SpecParser#MAX_DEPTH} brackets, and a level takes two).
     */
    public static final int MAX_NESTING = 16;

    /**
     * The upstream module of PyTorch's schedulers, for {@link ScheduleDefinition#getUpstream()}.
     */
    static final String TORCH = "torch.optim.lr_scheduler";

    /** How deep this schedule nests, from 1; 0 until computed (a benign race: always the same). */
    private int nesting;

    private final ScheduleDefinition<?> definition;
    private final Arguments arguments;

    Schedule(Arguments arguments) {
        this.definition = arguments.getDefinition();
        this.arguments = arguments;
    }

    /**
     * Returns the definition of this schedule: its name and arguments.
     *
     * @return the definition
     */
    public ScheduleDefinition<?> getDefinition() {
        return definition;
    }

    /**
     * Returns the name of the upstream class, e.g. {@code OneCycleLR}.
     *
     * @return the upstream class name
     */
    public String getPyTorchName() {
        return definition.getName();
    }

    /**
     * Returns the arguments of the PyTorch constructor call, in PyTorch's order, defaults included.
     *
     * <p>Values are {@code Double}, {@code Long}, {@code Boolean}, {@code String}, {@code null}
     * (None), {@link LrLambda}, {@link Schedule} or a {@code List} or {@code Map} (a dict) of
     * these.
     *
     * @return the arguments, by PyTorch name
     */
    public final Map<String, Object> getArguments() {
        return arguments.asMap();
    }

    /**
     * Creates this scheduler on the simulated optimizer, as its PyTorch constructor does.
     *
     * @param sim the optimizer and its parameter groups
     * @return the live scheduler
     */
    abstract Live instantiate(Sim sim);

    /**
     * Returns how many levels of schedules this one nests, counting itself: 1 for a schedule
     * without children. Never deeper than {@link #MAX_NESTING}.
     */
    final int nesting() {
        int n = nesting;
        if (n == 0) {
            n = 1 + childNesting(getArguments().values());
            nesting = n;
        }
        return n;
    }

    /** Returns the deepest nesting of the schedules among {@code values}, and in their lists. */
    static int childNesting(Iterable<?> values) {
        int max = 0;
        for (Object v : values) {
            if (v instanceof Schedule) {
                max = Math.max(max, ((Schedule) v).nesting());
            } else if (v instanceof List) {
                max = Math.max(max, childNesting((List<?>) v));
            } else if (v instanceof Map<?, ?> m) {
                max = Math.max(max, childNesting(m.values()));
            }
        }
        return max;
    }

    /** Returns whether this is ReduceLROnPlateau, which PyTorch's compositions reject. */
    boolean isPlateau() {
        return false;
    }

    /**
     * Returns whether the schedule needs a metric at each step: it is, or contains, {@link
     * ReduceLrOnPlateau}.
     *
     * @return whether metrics must be reported
     */
    public boolean usesMetrics() {
        return isPlateau();
    }

    /**
     * Returns whether the schedule writes the optimizer's momentum: it is, or contains, CyclicLR or
     * OneCycleLR with {@code cycle_momentum}.
     *
     * @return whether the momentum follows the schedule
     */
    public boolean cyclesMomentum() {
        return false;
    }

    /**
     * Returns the rates this schedule sets at construction in place of the optimizer's, one per
     * parameter group or one for all (OneCycleLR's {@code max_lr}, CyclicLR's {@code base_lr});
     * empty if it starts from the optimizer's rate, as most schedulers do. A tracker built without
     * base rates takes its group count from these.
     *
     * @return the start rates as given, or empty
     */
    public Optional<List<Double>> getOwnStartRates() {
        return Optional.empty();
    }

    /**
     * Returns how often PyTorch code steps this schedule: {@link StepUnit#UPDATE} for schedules
     * documented to step after every batch (OneCycleLR, CyclicLR) and compositions holding one,
     * {@link StepUnit#EPOCH} for the others and for any schedule that needs a metric.
     *
     * @return the step unit PyTorch's documentation uses
     */
    public StepUnit getStepUnit() {
        if (usesMetrics()) {
            return StepUnit.EPOCH;
        }
        return anyChildStepsPerUpdate(getArguments().values()) ? StepUnit.UPDATE : StepUnit.EPOCH;
    }

    private static boolean anyChildStepsPerUpdate(Iterable<?> values) {
        for (Object v : values) {
            if (v instanceof Schedule s && s.getStepUnit() == StepUnit.UPDATE) {
                return true;
            }
            if (v instanceof List<?> l && anyChildStepsPerUpdate(l)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns whether upstream reads this schedule at the optimizer's update counter instead of
     * stepping it: Keras, TensorFlow, MindSpore and optax evaluate the schedule at the counter
     * before its increment, when an update needs the rate, so there is neither a {@code
     * scheduler.step()} per epoch nor one after the last update (PyTorch code takes both). {@link
     * LrCurve} then takes a step per update whatever its {@code stepsPerEpoch}, and none after the
     * last update: a rate no update reads (past the end of a MindSpore list) is no error. Default:
     * false.
     *
     * @return whether the rate of update {@code n} is read at counter {@code n - 1}
     */
    public boolean isReadAtUpdateCounter() {
        return false;
    }

    /**
     * Returns whether a curve of {@code n} updates also takes the scheduler step that follows the
     * last update, so that a configuration failing there fails the curve: PyTorch code (and the
     * reference harness) calls {@code scheduler.step()} after the last epoch too. Schedules whose
     * library computes only the rates that updates use (those {@linkplain #isReadAtUpdateCounter()
     * read at the update counter}; timm's, whose reference curve stops at the last update) return
     * false. Default: {@code !isReadAtUpdateCounter()}.
     *
     * @return whether {@link LrCurve} steps after the last update
     */
    public boolean isSteppedAfterLastUpdate() {
        return !isReadAtUpdateCounter();
    }

    /**
     * Returns the number of scheduler steps this schedule is defined for, where PyTorch raises on
     * the step after (OneCycleLR's {@code total_steps}); empty if it runs forever. A tracker asked
     * for an update past it throws {@link IllegalStateException}.
     *
     * @return the last step PyTorch accepts, or empty
     */
    public OptionalLong getStepLimit() {
        return OptionalLong.empty();
    }

    /**
     * Returns whether some length of the schedule (or of a schedule it holds) is a {@link Length}
     * relative to the run, an epoch or updates, which {@link #resolve(RunLength, int)} turns into
     * steps: such a schedule is a {@link RunRelativeSchedule}, and runs only once resolved.
     *
     * @return whether the schedule awaits the run's length
     */
    public boolean isRunRelative() {
        return false;
    }

    /**
     * Returns the schedule with its lengths relative to the run resolved to scheduler steps ({@link
     * Length}); this schedule itself when it has none.
     *
     * @param run the run's length
     * @param updatesPerStep the updates per scheduler step: 1 when stepping per update
     * @return the resolved schedule
     * @throws IllegalArgumentException if the schedule rejects a resolved length
     */
    public Schedule resolve(RunLength run, int updatesPerStep) {
        return this;
    }

    /**
     * Returns the PyTorch constructor call without the optimizer, e.g. {@code StepLR(step_size=30,
     * gamma=0.1)}.
     *
     * @return the spec string
     */
    @Override
    public final String toString() {
        StringBuilder sb = new StringBuilder(getPyTorchName()).append('(');
        boolean first = true;
        for (Map.Entry<String, Object> e : getArguments().entrySet()) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append(e.getKey()).append('=');
            appendValue(sb, e.getValue());
        }
        return sb.append(')').toString();
    }

    private static void appendValue(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("None");
        } else if (v instanceof Double && Double.isNaN((Double) v)) {
            sb.append("float('nan')"); // Python's repr "nan" is no Python literal
        } else if (v instanceof Double) {
            sb.append(PyRepr.repr((Double) v));
        } else if (v instanceof Boolean) {
            sb.append((Boolean) v ? "True" : "False");
        } else if (v instanceof String) {
            appendString(sb, (String) v);
        } else if (v instanceof List) {
            sb.append('[');
            boolean first = true;
            for (Object o : (List<?>) v) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                appendValue(sb, o);
            }
            sb.append(']');
        } else if (v instanceof Map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                appendValue(sb, e.getKey());
                sb.append(": ");
                appendValue(sb, e.getValue());
            }
            sb.append('}');
        } else {
            sb.append(v); // Long, Integer, LrLambda, Schedule
        }
    }

    private static void appendString(StringBuilder sb, String s) {
        sb.append('\'').append(s.replace("\\", "\\\\").replace("'", "\\'")).append('\'');
    }

    /** {@inheritDoc} */
    @Override
    public final boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || o.getClass() != getClass()) {
            return false;
        }
        return definition == ((Schedule) o).definition
                && getArguments().equals(((Schedule) o).getArguments());
    }

    /** {@inheritDoc} */
    @Override
    public final int hashCode() {
        return getClass().hashCode() * 31 + getArguments().hashCode();
    }
}
