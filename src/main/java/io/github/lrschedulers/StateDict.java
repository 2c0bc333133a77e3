package io.github.lrschedulers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One level of a PyTorch {@code state_dict()} as {@link PyTorchState} holds it, read with checks:
 * every message names the key (by its path from the state's root), the rule and the value.
 */
final class StateDict {

    /**
     * The keys that change as a scheduler steps; every other key is configuration, which the
     * schedule itself determines and an imported state must match.
     */
    static final Set<String> DYNAMIC =
            Set.of(
                    "last_epoch",
                    "_step_count",
                    "_last_lr",
                    "best",
                    "num_bad_epochs",
                    "cooldown_counter",
                    "T_i",
                    "T_cur",
                    "use_beta1"); // true in the state of a scheduler on Adam (betas)

    private final String path;
    private final Map<String, Object> map;

    StateDict(String path, Map<String, Object> map) {
        this.path = path;
        this.map = map;
    }

    /** Returns the state of child {@code i} of {@code _schedulers}. */
    @SuppressWarnings("unchecked")
    StateDict child(int i) {
        List<Object> kids = (List<Object>) map.get("_schedulers");
        return new StateDict(path + "._schedulers[" + i + "]", (Map<String, Object>) kids.get(i));
    }

    /** Returns an integer value in {@code [min, max]}. */
    long integer(String key, long min, long max) {
        Object v = map.get(key);
        if (!(v instanceof Long) || (Long) v < min || (Long) v > max) {
            throw new IllegalArgumentException(
                    String.format(
                            "PyTorch state key %s.%s must be an integer in [%d, %d], but was %s",
                            path, key, min, max, v));
        }
        return (Long) v;
    }

    /** Returns a number that is not NaN (infinite if {@code finite} is false). */
    double number(String key, boolean finite) {
        return toNumber(path + "." + key, map.get(key), finite);
    }

    /** Returns a list of {@code n} finite numbers. */
    double[] numbers(String key, int n) {
        return numbers(path + "." + key, map.get(key), n);
    }

    static double[] numbers(String where, Object v, int n) {
        if (!(v instanceof List<?> l) || l.size() != n) {
            throw new IllegalArgumentException(
                    String.format(
                            "PyTorch state key %s must be a list of %d numbers (one per parameter"
                                    + " group), but was %s",
                            where, n, v));
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = toNumber(where + "[" + i + "]", l.get(i), true);
        }
        return out;
    }

    static double toNumber(String where, Object v, boolean finite) {
        if (!(v instanceof Number)
                || v instanceof Double d && (d.isNaN() || finite && d.isInfinite())) {
            throw new IllegalArgumentException(
                    String.format(
                            "PyTorch state key %s must be a %snumber, but was %s",
                            where, finite ? "finite " : "non-NaN ", v));
        }
        return ((Number) v).doubleValue();
    }

    /** Python floats of a double array, as a state holds them. */
    static List<Object> list(double[] values) {
        List<Object> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(v);
        }
        return out;
    }

    /**
     * Checks that a state has exactly the keys of the expected one and the same configuration
     * (every key but the {@link #DYNAMIC} ones, children included).
     *
     * @throws IllegalArgumentException naming the first key that differs
     */
    @SuppressWarnings("unchecked")
    static void checkConfiguration(
            String path, Map<String, Object> expected, Object given, String schedule) {
        if (!(given instanceof Map)) {
            throw new IllegalArgumentException(
                    String.format(
                            "PyTorch state key %s must be a scheduler's state_dict() (a dict), but"
                                    + " was %s",
                            path, given));
        }
        Map<String, Object> g = (Map<String, Object>) given;
        if (!g.keySet().equals(expected.keySet())) {
            Set<String> missing = new TreeSet<>(expected.keySet());
            missing.removeAll(g.keySet());
            Set<String> unknown = new TreeSet<>(g.keySet());
            unknown.removeAll(expected.keySet());
            throw new IllegalArgumentException(
                    String.format(
                            "PyTorch state %s must hold the keys of %s's state_dict(), but misses"
                                    + " %s and has unknown %s: is it the state of another"
                                    + " scheduler class?",
                            path, schedule, missing, unknown));
        }
        for (Map.Entry<String, Object> e : expected.entrySet()) {
            String key = e.getKey();
            String where = path + "." + key;
            if (DYNAMIC.contains(key)) {
                continue;
            }
            if (key.equals("_schedulers")) {
                List<Object> want = (List<Object>) e.getValue();
                Object have = g.get(key);
                if (!(have instanceof List<?> l) || l.size() != want.size()) {
                    throw new IllegalArgumentException(
                            String.format(
                                    "PyTorch state key %s must be a list of %d states, but was %s",
                                    where, want.size(), have));
                }
                for (int i = 0; i < want.size(); i++) {
                    checkConfiguration(
                            where + "[" + i + "]",
                            (Map<String, Object>) want.get(i),
                            l.get(i),
                            schedule);
                }
            } else if (!same(e.getValue(), g.get(key))) {
                throw new IllegalArgumentException(
                        String.format(
                                "PyTorch state key %s must be %s, as the configuration %s gives,"
                                        + " but was %s",
                                where, PyTorchState.json(e.getValue()), schedule, g.get(key)));
            }
        }
    }

    /**
     * Whether two state values are equal: numbers by their double value, bit for bit (a Python int
     * equals the float of the same value), lists and dicts element by element.
     */
    static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            if (a instanceof Long && b instanceof Long) {
                return a.equals(b);
            }
            return Double.doubleToLongBits(x.doubleValue())
                    == Double.doubleToLongBits(y.doubleValue());
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (!x.keySet().equals(y.keySet())) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!same(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }
}
