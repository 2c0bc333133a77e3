package io.github.lrschedulers.keras;

import io.github.lrschedulers.ScheduleConfigReader;
import io.github.lrschedulers.ScheduleDefinition;
import io.github.lrschedulers.ScheduleRegistry;
import io.github.lrschedulers.internal.PyRepr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads what {@code keras.optimizers.schedules.serialize(s)} writes: {@code {"class_name":
 * "CosineDecay", "config": {"initial_learning_rate": 0.1, "decay_steps": 1000, ..., "name":
 * "CosineDecay"}}}, with Keras 3's {@code "module": "keras.optimizers.schedules"} and {@code
 * "registered_name": null} or without them (Keras 2). The config's keys are the class's arguments
 * ({@code name} included, which does not change the curve); an unknown key or class is rejected.
 */
public final class KerasConfigReader implements ScheduleConfigReader {

    private static final Set<String> KEYS =
            Set.of("class_name", "config", "module", "registered_name");

    /** Creates the reader (a service of this module). */
    public KerasConfigReader() {}

    /** {@inheritDoc} */
    @Override
    public Optional<String> toSpec(Map<String, Object> serialized) {
        Object module = serialized.get("module");
        if (!serialized.containsKey("class_name")
                || !serialized.containsKey("config")
                || (module != null && !module.equals(KerasSchedule.KERAS))) {
            return Optional.empty();
        }
        for (String key : serialized.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(
                        "a serialized Keras schedule has the keys "
                                + List.of("class_name", "config", "module", "registered_name")
                                + ", but had the unknown key '"
                                + key
                                + "'");
            }
        }
        Object className = serialized.get("class_name");
        Object registered = serialized.get("registered_name");
        if (registered != null && !registered.equals(className)) {
            throw new IllegalArgumentException(
                    "a serialized Keras schedule's registered_name must be None (a built-in"
                            + " schedule), but was "
                            + PyRepr.quote(String.valueOf(registered)));
        }
        ScheduleDefinition<?> definition =
                ScheduleRegistry.find(KerasSchedule.KERAS + "." + className);
        if (!(className instanceof String) || definition == null) {
            throw new IllegalArgumentException(
                    "unknown Keras schedule class_name "
                            + (className instanceof String s ? PyRepr.quote(s) : className)
                            + "; expected one of "
                            + classNames());
        }
        if (!(serialized.get("config") instanceof Map<?, ?> config)) {
            throw new IllegalArgumentException(
                    "a serialized Keras schedule's config must be a dict, but was "
                            + serialized.get("config"));
        }
        StringBuilder spec = new StringBuilder(definition.getName()).append('(');
        String sep = "";
        for (Map.Entry<?, ?> e : config.entrySet()) {
            if (definition.getParam(String.valueOf(e.getKey())) == null) {
                throw new IllegalArgumentException(
                        "the config of a serialized Keras "
                                + className
                                + " has the unknown key '"
                                + e.getKey()
                                + "'; expected keys of "
                                + definition.getParams());
            }
            spec.append(sep).append(e.getKey()).append('=');
            appendValue(spec, e.getValue());
            sep = ", ";
        }
        return Optional.of(spec.append(')').toString());
    }

    /** The class names of the Keras schedules, as Keras serializes them. */
    private static List<String> classNames() {
        List<String> out = new ArrayList<>();
        for (ScheduleDefinition<?> d : ScheduleRegistry.getDefinitions()) {
            if (d.getUpstream().equals(KerasSchedule.KERAS)) {
                out.add(d.getName().substring(KerasSchedule.KERAS.length() + 1));
            }
        }
        return out;
    }

    /** Appends a config value as a Python literal that the spec parser reads back as it was. */
    private static void appendValue(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("None");
        } else if (v instanceof Double d) {
            sb.append(
                    Double.isNaN(d)
                            ? "float('nan')"
                            : Double.isInfinite(d)
                                    ? (d > 0 ? "float('inf')" : "float('-inf')")
                                    : PyRepr.repr(d));
        } else if (v instanceof Boolean b) {
            sb.append(b ? "True" : "False");
        } else if (v instanceof String s) {
            sb.append(PyRepr.quote(s));
        } else if (v instanceof List<?> list) {
            sb.append('[');
            String sep = "";
            for (Object o : list) {
                sb.append(sep);
                appendValue(sb, o);
                sep = ", ";
            }
            sb.append(']');
        } else {
            sb.append(v); // Long
        }
    }
}
