package io.github.lrschedulers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arguments of one schedule, in its definition's order, defaults included: what the schedule's
 * constructor reads and validates, and what it prints and compares.
 *
 * <p>Values are {@code Double}, {@code Long}, {@code Boolean}, {@code String}, {@code null} (None),
 * {@link LrLambda}, {@link Schedule} or an unmodifiable {@code List} or {@code Map} (a dict with
 * string keys) of these. Immutable.
 */
public final class Arguments {

    private final ScheduleDefinition<?> definition;
    private final Map<String, Object> values;
    private final Map<String, Object> options;

    Arguments(
            ScheduleDefinition<?> definition,
            Map<String, Object> values,
            Map<String, Object> options) {
        this.definition = definition;
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Object v = e.getValue();
            // A list from the spec binder or a builder is copied, so no caller can change it.
            copy.put(e.getKey(), copyOf(v));
        }
        this.values = Collections.unmodifiableMap(copy);
        this.options = Map.copyOf(options);
    }

    /** Copies lists and dicts, deeply, into unmodifiable ones; other values are immutable. */
    private static Object copyOf(Object v) {
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(copyOf(o));
            }
            return Collections.unmodifiableList(out);
        }
        if (v instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.put(e.getKey(), copyOf(e.getValue()));
            }
            return Collections.unmodifiableMap(out);
        }
        return v;
    }

    /**
     * Returns the definition these arguments belong to.
     *
     * @return the definition
     */
    public ScheduleDefinition<?> getDefinition() {
        return definition;
    }

    /**
     * Returns the arguments by name, in the definition's order.
     *
     * @return an unmodifiable map
     */
    public Map<String, Object> asMap() {
        return values;
    }

    /**
     * Returns the value of an argument.
     *
     * @param name the argument's name
     * @return the value, {@code null} for None
     * @throws IllegalArgumentException if the definition has no such stored argument
     */
    public Object get(String name) {
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException(
                    definition.getName() + " has no argument '" + name + "'");
        }
        return values.get(name);
    }

    /**
     * Returns a number argument.
     *
     * @param name the argument's name
     * @return the value
     */
    public double getDouble(String name) {
        return ((Number) get(name)).doubleValue();
    }

    /**
     * Returns an integer argument.
     *
     * @param name the argument's name
     * @return the value
     */
    public long getLong(String name) {
        return ((Number) get(name)).longValue();
    }

    /**
     * Returns an integer argument that may be None.
     *
     * @param name the argument's name
     * @return the value, or {@code null} for None
     */
    public Long getLongOrNull(String name) {
        Object v = get(name);
        return v == null ? null : ((Number) v).longValue();
    }

    /**
     * Returns a truth-valued argument.
     *
     * @param name the argument's name
     * @return the value
     */
    public boolean getBoolean(String name) {
        return (Boolean) get(name);
    }

    /**
     * Returns a string argument.
     *
     * @param name the argument's name
     * @return the value
     */
    public String getString(String name) {
        return (String) get(name);
    }

    /**
     * Returns a function argument.
     *
     * @param name the argument's name
     * @return the function, or {@code null} for None
     */
    public LrLambda getFunction(String name) {
        return (LrLambda) get(name);
    }

    /**
     * Returns a list argument.
     *
     * @param name the argument's name
     * @param type the type of the items
     * @param <T> the type of the items
     * @return the list
     */
    @SuppressWarnings("unchecked")
    public <T> List<T> getList(String name, Class<T> type) {
        List<?> list = (List<?>) get(name);
        for (Object o : list) {
            type.cast(o);
        }
        return (List<T>) list;
    }

    /**
     * Returns a dict argument.
     *
     * @param name the argument's name
     * @return the dict, unmodifiable, or {@code null} for None
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> getDict(String name) {
        return (Map<String, Object>) get(name);
    }

    /** Returns a per-group argument: one value for all groups, or a list of one per group. */
    @SuppressWarnings("unchecked")
    <T> PerGroup<T> getPerGroup(String name) {
        Object v = get(name);
        if (v instanceof List) {
            return PerGroup.list(definition.getName() + " " + name, (List<T>) v);
        }
        return PerGroup.scalar((T) v);
    }

    /**
     * Returns a copy with one argument replaced, for a constructor that normalizes a value (e.g. a
     * mode string that upstream maps to one of two).
     *
     * @param name the argument's name
     * @param value the new value
     * @return the copy
     */
    public Arguments with(String name, Object value) {
        get(name);
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(name, value);
        return new Arguments(definition, copy, options);
    }

    /** Returns a Java-only option of the builder (not an upstream argument), or its default. */
    Object option(String name, Object defaultValue) {
        return options.getOrDefault(name, defaultValue);
    }

    @Override
    public String toString() {
        return definition.getName() + values;
    }
}
