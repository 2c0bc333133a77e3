package io.github.lrschedulers;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import io.github.lrschedulers.internal.PyRepr;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A PyTorch scheduler's state, as PyTorch's {@code scheduler.state_dict()} and the optimizer's
 * {@code param_groups} hold it, in the JSON that Python's {@code json.dump} writes:
 *
 * <pre>{@code
 * {"spec": "OneCycleLR(max_lr=0.1, total_steps=1000)",
 *  "scheduler": {...scheduler.state_dict()...},
 *  "param_groups": [{"lr": ..., "initial_lr": ..., "momentum": ...}, ...]}
 * }</pre>
 *
 * <p>{@link LrTracker.Builder#optPyTorchState(PyTorchState)} continues a PyTorch run from such a
 * state, and {@link LrTracker#getPyTorchState(int)} writes one that PyTorch's {@code
 * load_state_dict} continues from, bit for bit. Values are {@code Long} (a Python int), {@code
 * Double} (a float, written as Python's {@code repr}, {@code Infinity} and {@code NaN} as Python's
 * json does), {@code String}, {@code Boolean}, {@code null}, and lists and dicts of these. The keys
 * of {@code param_groups} other than {@code lr}, {@code initial_lr}, {@code momentum} (or {@code
 * betas}) and those the schedule writes ({@code max_lr}, {@code swa_lr}, ...) are ignored ({@code
 * weight_decay}, ...). Functions ({@code lr_lambda}) are not in a state_dict (PyTorch saves {@code
 * None} for a plain function or lambda): the schedule built from the spec supplies them. Immutable.
 */
public final class PyTorchState {

    private final String spec;
    private final Map<String, Object> scheduler;
    private final List<Map<String, Object>> paramGroups;

    private PyTorchState(
            String spec, Map<String, Object> scheduler, List<Map<String, Object>> paramGroups) {
        this.spec = spec;
        this.scheduler = scheduler;
        this.paramGroups = paramGroups;
    }

    /**
     * Returns a state of a scheduler and its optimizer's parameter groups.
     *
     * @param spec the schedule's spec, or null
     * @param scheduler the scheduler's {@code state_dict()}
     * @param paramGroups the optimizer's parameter groups (without {@code params})
     * @return the state
     */
    @SuppressWarnings("unchecked")
    public static PyTorchState of(
            String spec, Map<String, Object> scheduler, List<Map<String, Object>> paramGroups) {
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(paramGroups, "paramGroups");
        List<Map<String, Object>> groups = new ArrayList<>();
        for (Map<String, Object> g : paramGroups) {
            groups.add((Map<String, Object>) freeze(Objects.requireNonNull(g, "paramGroups")));
        }
        return new PyTorchState(
                spec,
                (Map<String, Object>) freeze(scheduler),
                Collections.unmodifiableList(groups));
    }

    /**
     * Reads a state from JSON text.
     *
     * @param json the JSON, with the keys {@code scheduler}, {@code param_groups} and optionally
     *     {@code spec}
     * @return the state
     * @throws IllegalArgumentException if the text is no such JSON
     */
    @SuppressWarnings("unchecked")
    public static PyTorchState fromJson(String json) {
        JsonElement root;
        try {
            JsonReader reader = new JsonReader(new StringReader(json));
            reader.setStrictness(Strictness.LENIENT); // Python's json writes Infinity and NaN
            root = JsonParser.parseReader(reader);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("the PyTorch state is not JSON: " + e.getMessage());
        }
        if (!root.isJsonObject()
                || !root.getAsJsonObject().has("scheduler")
                || !root.getAsJsonObject().has("param_groups")) {
            throw new IllegalArgumentException(
                    "the PyTorch state must be a JSON object with the keys scheduler and"
                            + " param_groups, but was "
                            + abbreviate(json));
        }
        Map<String, Object> o = (Map<String, Object>) value(root);
        for (String key : o.keySet()) {
            if (!List.of("spec", "scheduler", "param_groups").contains(key)) {
                throw new IllegalArgumentException(
                        "the PyTorch state has the unknown key "
                                + key
                                + "; it may hold spec, scheduler and param_groups");
            }
        }
        Object spec = o.get("spec");
        if (spec != null && !(spec instanceof String)) {
            throw new IllegalArgumentException(
                    "the PyTorch state key spec must be a string, but was " + spec);
        }
        if (!(o.get("scheduler") instanceof Map)) {
            throw new IllegalArgumentException(
                    "the PyTorch state key scheduler must be a dict, but was "
                            + o.get("scheduler"));
        }
        List<Map<String, Object>> groups = new ArrayList<>();
        if (!(o.get("param_groups") instanceof List<?> l) || l.isEmpty()) {
            throw new IllegalArgumentException(
                    "the PyTorch state key param_groups must be a non-empty list, but was "
                            + o.get("param_groups"));
        }
        for (Object g : l) {
            if (!(g instanceof Map)) {
                throw new IllegalArgumentException(
                        "each of the PyTorch state's param_groups must be a dict, but one was "
                                + g);
            }
            groups.add((Map<String, Object>) g);
        }
        return of((String) spec, (Map<String, Object>) o.get("scheduler"), groups);
    }

    /**
     * Reads a state from a JSON file in UTF-8.
     *
     * @param file the file
     * @return the state
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if it is no such JSON
     */
    public static PyTorchState fromJson(Path file) throws IOException {
        return fromJson(Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * Returns the schedule's spec, as the JSON gave it.
     *
     * @return the spec, or empty
     */
    public Optional<String> getSpec() {
        return Optional.ofNullable(spec);
    }

    /**
     * Returns the scheduler's {@code state_dict()}.
     *
     * @return the state, unmodifiable
     */
    public Map<String, Object> getScheduler() {
        return scheduler;
    }

    /**
     * Returns the optimizer's parameter groups (without {@code params}).
     *
     * @return the groups, unmodifiable
     */
    public List<Map<String, Object>> getParamGroups() {
        return paramGroups;
    }

    /**
     * Returns the number of {@code scheduler.step()} calls the state is at: the scheduler's {@code
     * last_epoch} (the first child's for a ChainedScheduler, which has none).
     *
     * @return the steps taken
     * @throws IllegalArgumentException if the state has no integer {@code last_epoch}
     */
    public long getSteps() {
        return steps("scheduler", scheduler);
    }

    @SuppressWarnings("unchecked")
    private static long steps(String path, Map<String, Object> sd) {
        if (!sd.containsKey("last_epoch")
                && sd.get("_schedulers") instanceof List<?> l
                && !l.isEmpty()
                && l.get(0) instanceof Map) {
            return steps(path + "._schedulers[0]", (Map<String, Object>) l.get(0));
        }
        return new StateDict(path, sd).integer("last_epoch", 0, Integer.MAX_VALUE);
    }

    /**
     * Returns the state as JSON, as Python's {@code json.dumps} writes it (floats as Python's
     * {@code repr}).
     *
     * @return the JSON text
     */
    public String toJson() {
        Map<String, Object> o = new LinkedHashMap<>();
        if (spec != null) {
            o.put("spec", spec);
        }
        o.put("scheduler", scheduler);
        o.put("param_groups", paramGroups);
        return json(o);
    }

    /** {@inheritDoc} */
    @Override
    public boolean equals(Object o) {
        return o instanceof PyTorchState s
                && Objects.equals(spec, s.spec)
                && scheduler.equals(s.scheduler)
                && paramGroups.equals(s.paramGroups);
    }

    /** {@inheritDoc} */
    @Override
    public int hashCode() {
        return Objects.hash(spec, scheduler, paramGroups);
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return toJson();
    }

    /** Python's {@code json.dumps} of a state value. */
    static String json(Object v) {
        StringBuilder sb = new StringBuilder();
        write(sb, v);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Double d) {
            sb.append(
                    d.isNaN()
                            ? "NaN"
                            : d.isInfinite() ? (d > 0 ? "Infinity" : "-Infinity") : PyRepr.repr(d));
        } else if (v instanceof Boolean b) {
            sb.append(b ? "true" : "false");
        } else if (v instanceof String s) {
            sb.append(new JsonPrimitive(s));
        } else if (v instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                sb.append(i == 0 ? "" : ", ");
                write(sb, l.get(i));
            }
            sb.append(']');
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(first ? "" : ", ");
                first = false;
                write(sb, String.valueOf(e.getKey()));
                sb.append(": ");
                write(sb, e.getValue());
            }
            sb.append('}');
        } else {
            sb.append(v); // Long
        }
    }

    private static Object value(JsonElement e) {
        if (e.isJsonNull()) {
            return null;
        }
        if (e.isJsonObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> x : ((JsonObject) e).entrySet()) {
                m.put(x.getKey(), value(x.getValue()));
            }
            return m;
        }
        if (e.isJsonArray()) {
            List<Object> l = new ArrayList<>();
            for (JsonElement x : (JsonArray) e) {
                l.add(value(x));
            }
            return l;
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return p.getAsBoolean();
        }
        if (p.isString()) {
            String text = p.getAsString();
            // Python's json writes inf and nan unquoted, which the lenient reader gives as text.
            return switch (text) {
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> text;
            };
        }
        String text = p.getAsString();
        if (text.matches("-?[0-9]+")) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException(
                        "the PyTorch state holds the integer " + text + ", beyond a long");
            }
        }
        return Double.parseDouble(text); // Python's repr, Infinity or NaN: parsed exactly
    }

    private static Object freeze(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(String.valueOf(e.getKey()), freeze(e.getValue()));
            }
            return Collections.unmodifiableMap(out);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object x : l) {
                out.add(freeze(x));
            }
            return Collections.unmodifiableList(out);
        }
        if (v instanceof Integer i) {
            return i.longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v == null
                || v instanceof Long
                || v instanceof Double
                || v instanceof String
                || v instanceof Boolean) {
            return v;
        }
        throw new IllegalArgumentException(
                "a PyTorch state holds numbers, strings, booleans, None, lists and dicts, but not "
                        + v.getClass().getSimpleName()
                        + " "
                        + v);
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
