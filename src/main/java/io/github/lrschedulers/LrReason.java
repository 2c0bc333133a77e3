package io.github.lrschedulers;

import io.github.lrschedulers.internal.PyRepr;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Why a schedule's rate changed at a step: a discrete event of the schedule (a milestone reached, a
 * cycle restarted, a plateau detected), with a message for people and the numbers behind it.
 *
 * <p>Smooth steps (one more step along a cosine or an exponential) have no reason; {@link
 * LrTracker#getReasons(int, int)} returns the reasons of an update. Immutable; equality compares
 * kind, message and values.
 */
public final class LrReason {

    /** The kind of discrete event. */
    public enum Kind {
        /** A warmup (or another linear ramp at the start) ended. */
        WARMUP_END,
        /** A periodic decay: StepLR's every {@code step_size}, a staircase decay. */
        DECAY,
        /** A milestone or a boundary of a piecewise schedule was reached. */
        MILESTONE,
        /** A cycle restarted: warm restarts, CyclicLR. */
        RESTART,
        /** A phase of the schedule ended and the next began, or a composition switched child. */
        PHASE,
        /** ReduceLROnPlateau reduced the rate: the metric stopped improving. */
        PLATEAU,
        /** The rate reached its floor: {@code eta_min}, {@code min_lr}, an end rate. */
        MINIMUM
    }

    private final Kind kind;
    private final String message;
    private final Map<String, Double> values;

    private LrReason(Kind kind, String message, Map<String, Double> values) {
        this.kind = kind;
        this.message = message;
        this.values = values;
    }

    /**
     * Creates a reason without numbers; add them with {@link #with(String, double)}.
     *
     * @param kind the kind of event
     * @param message what happened, for people, e.g. {@code milestone 30 reached: ×0.1}
     * @return the reason
     */
    public static LrReason of(Kind kind, String message) {
        return new LrReason(
                Objects.requireNonNull(kind, "kind"),
                Objects.requireNonNull(message, "message"),
                Map.of());
    }

    /**
     * Returns this reason with one more number, e.g. {@code with("milestone", 30)}.
     *
     * @param name the number's name, PyTorch's argument name where there is one
     * @param value the number
     * @return a new reason
     */
    public LrReason with(String name, double value) {
        Map<String, Double> v = new LinkedHashMap<>(values);
        v.put(Objects.requireNonNull(name, "name"), value);
        return new LrReason(kind, message, Collections.unmodifiableMap(v));
    }

    /**
     * Returns this reason as seen from a composition: the message after {@code where}, e.g. {@code
     * schedulers[1]: milestone 30 reached}.
     *
     * @param where the child's place in the composition
     * @return a new reason of the same kind and numbers
     */
    public LrReason within(String where) {
        return new LrReason(kind, where + ": " + message, values);
    }

    /**
     * Returns the kind of event.
     *
     * @return the kind
     */
    public Kind getKind() {
        return kind;
    }

    /**
     * Returns what happened, for people.
     *
     * @return the message
     */
    public String getMessage() {
        return message;
    }

    /**
     * Returns the numbers behind the event, by name, in the order added.
     *
     * @return the numbers, unmodifiable
     */
    public Map<String, Double> getValues() {
        return values;
    }

    /**
     * Formats a number as messages show it: Python's repr, an integer without a fraction.
     *
     * @param value the number
     * @return the text
     */
    static String num(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return PyRepr.repr((long) value);
        }
        return PyRepr.repr(value);
    }

    /** {@inheritDoc} */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof LrReason)) {
            return false;
        }
        LrReason r = (LrReason) o;
        return kind == r.kind && message.equals(r.message) && values.equals(r.values);
    }

    /** {@inheritDoc} */
    @Override
    public int hashCode() {
        return Objects.hash(kind, message, values);
    }

    /** {@inheritDoc} Returns the message. */
    @Override
    public String toString() {
        return message;
    }
}
