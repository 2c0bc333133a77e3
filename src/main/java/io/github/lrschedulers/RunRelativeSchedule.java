package io.github.lrschedulers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A schedule some of whose lengths are {@link Length}s relative to the run, an epoch or updates
 * (e.g. {@code OneCycleLR(max_lr=0.1, total_steps=1.0*run)}), or that holds such a schedule: it
 * prints, compares and answers what it is (its step unit, whether it uses metrics) like the
 * schedule it stands for, but runs only once {@link #resolve(RunLength, int)} has turned its
 * lengths into step counts, which an {@code LrTracker} does when it learns the run's length.
 *
 * <p>The values are checked when resolved, by the schedule's own rules: a resolved length that
 * breaks one is rejected with its value and the relative form it came from. {@link #getArguments()}
 * and {@link #toString()} show the relative form; {@link #describeResolution} shows both.
 *
 * <p>Abstract only so that it has no definition of its own: its one implementation is private, and
 * builders ({@link ScheduleBuilder#buildForRun()}) and the spec parser make it.
 */
public abstract class RunRelativeSchedule extends Schedule {

    /**
     * The runs that answer what the schedule is (its step unit, whether it uses metrics or cycles
     * the momentum, its own start rates: nothing that depends on a length) before its real run is
     * known, tried in turn until the schedule accepts one: a long run, where relative lengths
     * exceed the absolute ones they are usually checked against, then short runs of one update per
     * epoch.
     */
    private static final List<RunLength> PROBES =
            List.of(
                    new RunLength(1 << 12, 1 << 12),
                    new RunLength(1, 1),
                    new RunLength(2, 1),
                    new RunLength(3, 1),
                    new RunLength(4, 1),
                    new RunLength(5, 1),
                    new RunLength(6, 1),
                    new RunLength(7, 1),
                    new RunLength(8, 1));

    private final Map<String, Object> options;
    private final Schedule probe;

    private RunRelativeSchedule(Arguments arguments, Map<String, Object> options) {
        super(arguments);
        this.options = Map.copyOf(options);
        this.probe = probe();
    }

    /** Returns the run-relative schedule of bound arguments, some of them relative. */
    static RunRelativeSchedule of(Arguments arguments, Map<String, Object> options) {
        return new Pending(arguments, options);
    }

    /** The implementation. */
    private static final class Pending extends RunRelativeSchedule {
        Pending(Arguments arguments, Map<String, Object> options) {
            super(arguments, options);
        }
    }

    /** Returns the schedule resolved for the first probe run it accepts, or null for none. */
    private Schedule probe() {
        for (RunLength run : PROBES) {
            try {
                return resolve(run, 1);
            } catch (IllegalArgumentException e) {
                // rejected for this run; the real run's resolution reports what it rejects
            }
        }
        return null;
    }

    /** {@inheritDoc} */
    @Override
    public boolean isRunRelative() {
        return true;
    }

    /**
     * Returns the schedule with every relative length resolved to scheduler steps, as {@link
     * Length#resolve(RunLength, long)} says, children included; the schedule checks the values as
     * it checks numbers given directly.
     *
     * @param run the run's length
     * @param updatesPerStep the updates per scheduler step: 1 when stepping per update
     * @return the schedule, of the class its definition makes
     * @throws IllegalArgumentException if the schedule rejects a resolved value; the message names
     *     the relative lengths, what they resolved to, and the run
     */
    @Override
    public Schedule resolve(RunLength run, int updatesPerStep) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : getArguments().entrySet()) {
            Param p = getDefinition().getParam(e.getKey());
            values.put(e.getKey(), resolveValue(p, e.getValue(), run, updatesPerStep));
        }
        try {
            return getDefinition().createBound(values, options);
        } catch (ArgumentException e) {
            throw new ArgumentException(
                    e.getArgument(), e.getMessage() + resolution(run, updatesPerStep));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + resolution(run, updatesPerStep), e);
        }
    }

    private String resolution(RunLength run, int updatesPerStep) {
        return " (" + describeResolution(run, updatesPerStep) + ")";
    }

    /**
     * Describes what the relative lengths resolve to, e.g. {@code total_steps=1.0*run is 1407 for a
     * run of 3 epochs of 469 updates, a scheduler step every 1 update}; children's lengths are
     * named with their schedule.
     *
     * @param run the run's length
     * @param updatesPerStep the updates per scheduler step
     * @return the description
     */
    public String describeResolution(RunLength run, int updatesPerStep) {
        List<String> parts = new ArrayList<>();
        describe(this, "", run, updatesPerStep, parts);
        return String.join(", ", parts)
                + " for a run of "
                + run
                + ", a scheduler step every "
                + updatesPerStep
                + (updatesPerStep == 1 ? " update" : " updates");
    }

    private static void describe(
            Schedule s, String prefix, RunLength run, int updatesPerStep, List<String> out) {
        for (Map.Entry<String, Object> e : s.getArguments().entrySet()) {
            Param p = s.getDefinition().getParam(e.getKey());
            Object v = e.getValue();
            if (hasLength(v)) {
                out.add(
                        prefix
                                + e.getKey()
                                + "="
                                + v
                                + " is "
                                + resolveValue(p, v, run, updatesPerStep));
            }
            for (Schedule child : children(v)) {
                if (child.isRunRelative()) {
                    describe(child, child.getPyTorchName() + " ", run, updatesPerStep, out);
                }
            }
        }
    }

    private static List<Schedule> children(Object v) {
        List<Schedule> out = new ArrayList<>();
        if (v instanceof Schedule s) {
            out.add(s);
        } else if (v instanceof List<?> list) {
            for (Object o : list) {
                out.addAll(children(o));
            }
        } else if (v instanceof Map<?, ?> map) {
            for (Object o : map.values()) {
                out.addAll(children(o));
            }
        }
        return out;
    }

    /** Resolves the lengths in a value, as the Java type of the param's kind. */
    private static Object resolveValue(Param p, Object v, RunLength run, int updatesPerStep) {
        if (v instanceof Length l) {
            long steps = l.resolve(run, updatesPerStep);
            switch (p.getKind()) {
                case NUMBER:
                case FLOAT:
                case NUMBERS_PER_GROUP:
                    return (double) steps;
                default:
                    return steps;
            }
        }
        if (v instanceof Schedule s) {
            return s.resolve(run, updatesPerStep);
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(resolveValue(p, o, run, updatesPerStep));
            }
            return out;
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.put((String) e.getKey(), resolveValue(p, e.getValue(), run, updatesPerStep));
            }
            return out;
        }
        return v;
    }

    /**
     * Returns whether any value holds a {@link Length} or a run-relative schedule, in lists and
     * dicts too.
     */
    static boolean isRelative(Iterable<?> values) {
        for (Object v : values) {
            if (isRelativeValue(v)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isRelativeValue(Object v) {
        if (hasLength(v)) {
            return true;
        }
        for (Schedule child : children(v)) {
            if (child.isRunRelative()) {
                return true;
            }
        }
        return false;
    }

    /** Returns whether a value is a {@link Length} or a list or dict holding one. */
    static boolean hasLength(Object v) {
        if (v instanceof Length) {
            return true;
        }
        if (v instanceof List<?> list) {
            for (Object o : list) {
                if (hasLength(o)) {
                    return true;
                }
            }
        } else if (v instanceof Map<?, ?> map) {
            for (Object o : map.values()) {
                if (hasLength(o)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Returns the relative arguments as a spec writes them, e.g. {@code total_steps=1.0*run}. */
    static String relativeArguments(Map<String, Object> values) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (isRelativeValue(e.getValue())) {
                out.add(e.getKey() + "=" + e.getValue());
            }
        }
        return String.join(", ", out);
    }

    /**
     * Returns the message of a run-relative schedule asked to run before its run's length is known.
     *
     * @return the message, naming the relative lengths and how to give the run's length
     */
    public String unresolvedMessage() {
        return getPyTorchName()
                + " has lengths relative to the run ("
                + relativeArguments(getArguments())
                + "), but the run's length is unknown: give it to the tracker with"
                + " LrTracker.Builder.optRunLength(epochs, updatesPerEpoch), or to"
                + " LrScheduleListener.Builder.optRunLength(epochs, updatesPerEpoch) to resolve"
                + " them at training start";
    }

    /** {@inheritDoc} */
    @Override
    Live instantiate(Sim sim) {
        throw new IllegalStateException(unresolvedMessage());
    }

    /** {@inheritDoc} */
    @Override
    boolean isPlateau() {
        return probe != null && probe.isPlateau();
    }

    /** {@inheritDoc} */
    @Override
    public boolean usesMetrics() {
        return probe != null && probe.usesMetrics();
    }

    /** {@inheritDoc} */
    @Override
    public boolean cyclesMomentum() {
        return probe != null && probe.cyclesMomentum();
    }

    /** {@inheritDoc} */
    @Override
    public Optional<List<Double>> getOwnStartRates() {
        return probe == null ? Optional.empty() : probe.getOwnStartRates();
    }

    /** {@inheritDoc} */
    @Override
    public StepUnit getStepUnit() {
        return probe == null ? super.getStepUnit() : probe.getStepUnit();
    }

    /** {@inheritDoc} */
    @Override
    public boolean isReadAtUpdateCounter() {
        return probe != null && probe.isReadAtUpdateCounter();
    }

    /**
     * Returns empty: the step limit depends on the run's length.
     *
     * @return empty
     */
    @Override
    public OptionalLong getStepLimit() {
        return OptionalLong.empty();
    }
}
