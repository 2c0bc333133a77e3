package io.github.lrschedulers;

import java.util.Locale;
import java.util.Objects;

/**
 * One argument of a schedule's constructor, as its definition declares it: the upstream name, the
 * kind of value, whether it is required, its default and what it means.
 *
 * <p>Params are made by {@link ScheduleDefinition.Builder}; the Java builder, the spec parser, the
 * printed spec and the README's table all read them from the definition.
 */
public final class Param {

    /** The kinds of values an argument takes, in Python's terms. */
    public enum Kind {
        /** A number, int or float ({@code Double}). */
        NUMBER,
        /** An int, or a float with an integral value ({@code Long}). */
        INTEGER,
        /**
         * Exactly a Python int, where upstream checks {@code isinstance(x, int)} ({@code Long}).
         */
        INT,
        /**
         * Exactly a Python float, where upstream checks {@code isinstance(x, float)} ({@code
         * Double}).
         */
        FLOAT,
        /** A truth value ({@code Boolean}). */
        BOOLEAN,
        /** A string ({@code String}). */
        STRING,
        /**
         * A number for every parameter group, or a list with one per group ({@code Double} or a
         * list).
         */
        NUMBERS_PER_GROUP,
        /** A list of integers ({@code List<Long>}). */
        INTEGER_LIST,
        /**
         * A list of numbers, each as Python typed it: {@code Long} for an int, {@code Double} for a
         * float, where upstream checks the items' types (TF's dtypes).
         */
        NUMBER_LIST,
        /** A function of the step, such as a Python lambda ({@link LrLambda}). */
        FUNCTION,
        /**
         * A function for every group, or a list with one per group ({@link LrLambda} or a list).
         */
        FUNCTIONS_PER_GROUP,
        /** A list of schedules ({@code List<Schedule>}). */
        SCHEDULES,
        /**
         * A list whose items are schedules or numbers ({@code List} of {@link Schedule} and {@code
         * Double}), such as {@link GroupSchedules}' one entry per parameter group.
         */
        SCHEDULES_OR_NUMBERS,
        /**
         * A Python literal as written, checked by the schedule itself as upstream's validators
         * check types (MindSpore rejects an int where it wants a float, and a bool for an int):
         * {@code Long} for an int, {@code Double} for a float, {@code Boolean}, {@code String},
         * {@code null} for None, or a {@code List} of these.
         */
        LITERAL,
        /**
         * A dict with string keys, such as transformers' {@code scheduler_specific_kwargs} (an
         * unmodifiable {@code Map<String, Object>} whose values are of the other kinds' Java types:
         * {@code Long} for a Python int, {@code Double} for a float, {@code Boolean}, {@code
         * String}, {@code null} for None, {@link LrLambda}, {@link Schedule}, a {@code List} or a
         * {@code Map}).
         */
        DICT,
        /** PyTorch's {@code last_epoch}: accepted as its default -1 only, not stored. */
        LAST_EPOCH,
        /** An optimizer argument in the signature (ChainedScheduler's): None only, not stored. */
        OPTIMIZER,
        /**
         * A dict from ints to numbers, such as optax's {@code boundaries_and_scales} {@code {100:
         * 0.5}} (an unmodifiable {@code Map<Long, Double>} in the dict's order; a key may be a
         * float with an integral value).
         */
        INTEGER_DICT,
        /**
         * A list of dicts with string keys, such as optax's {@code sgdr_schedule} {@code
         * cosine_kwargs} (a {@code List} of the maps of {@link #DICT}).
         */
        DICTS
    }

    private final String name;
    private final Kind kind;
    private final boolean required;
    private final boolean noneAllowed;
    private final Object defaultValue;
    private final String description;
    private final boolean length;

    Param(
            String name,
            Kind kind,
            boolean required,
            boolean noneAllowed,
            Object defaultValue,
            String description) {
        this(name, kind, required, noneAllowed, defaultValue, description, false);
    }

    private Param(
            String name,
            Kind kind,
            boolean required,
            boolean noneAllowed,
            Object defaultValue,
            String description,
            boolean length) {
        this.name = Objects.requireNonNull(name, "name");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.required = required;
        this.noneAllowed = noneAllowed;
        this.defaultValue = defaultValue;
        this.description = Objects.requireNonNull(description, "description");
        this.length = length;
    }

    /**
     * Returns the argument's name as upstream spells it, e.g. {@code step_size}.
     *
     * @return the name
     */
    public String getName() {
        return name;
    }

    /**
     * Returns the kind of value the argument takes.
     *
     * @return the kind
     */
    public Kind getKind() {
        return kind;
    }

    /**
     * Returns whether the argument must be given.
     *
     * @return whether it is required
     */
    public boolean isRequired() {
        return required;
    }

    /**
     * Returns whether {@code None} is accepted, meaning the argument is not given.
     *
     * @return whether None is allowed
     */
    public boolean isNoneAllowed() {
        return noneAllowed;
    }

    /**
     * Returns the default value ({@code null} for None or a required argument).
     *
     * @return the default
     */
    public Object getDefaultValue() {
        return defaultValue;
    }

    /**
     * Returns what the argument means, one sentence.
     *
     * @return the description
     */
    public String getDescription() {
        return description;
    }

    /** Returns whether a value of this argument is kept in the schedule's arguments. */
    boolean isStored() {
        return kind != Kind.LAST_EPOCH && kind != Kind.OPTIMIZER;
    }

    /** Returns whether the argument takes one value per parameter group, or one for all. */
    boolean isPerGroup() {
        return kind == Kind.NUMBERS_PER_GROUP || kind == Kind.FUNCTIONS_PER_GROUP;
    }

    /**
     * Returns the name in Java's camel case, as the builder's methods use it: {@code step_size} is
     * {@code StepSize}, {@code T_max} is {@code TMax}.
     */
    String getJavaName() {
        StringBuilder sb = new StringBuilder();
        for (String part : name.split("_")) {
            if (!part.isEmpty()) {
                sb.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
            }
        }
        return sb.toString();
    }

    /**
     * Returns whether the argument is a length of the schedule, counted in its steps (such as
     * {@code total_steps}, {@code T_max}, a milestone): it then also takes a {@link Length}
     * relative to the run, an epoch or updates, which a tracker resolves to steps.
     *
     * @return whether the argument is a length
     */
    public boolean isLength() {
        return length;
    }

    /** Returns this param marked as a length. */
    Param asLength() {
        return new Param(name, kind, required, noneAllowed, defaultValue, description, true);
    }

    @Override
    public String toString() {
        return name;
    }
}
