package io.github.lrschedulers.mindspore;

import io.github.lrschedulers.ArgumentException;
import io.github.lrschedulers.internal.PyRepr;
import java.util.List;

/**
 * MindSpore's validators ({@code mindspore._checkparam}): the types and bounds its learning rates
 * check, an int where an int is wanted (a bool is none), a finite float where a float is wanted (an
 * int is none).
 */
final class MsChecks {

    private MsChecks() {}

    /** {@code check_positive_int}: an int (not a bool) {@code > 0}. */
    static long positiveInt(String prim, String arg, Object v) {
        return positiveInt(prim, arg, arg, v);
    }

    /** {@code check_positive_int} of an item, {@code shown} naming it (e.g. milestone[2]). */
    static long positiveInt(String prim, String arg, String shown, Object v) {
        if (!(v instanceof Long n) || n <= 0) {
            throw fail(prim, arg, shown, "an int > 0 (check_positive_int)", v);
        }
        return n;
    }

    /** {@code check_positive_float}: a finite float (not an int) {@code > 0}. */
    static double positiveFloat(String prim, String arg, Object v) {
        double d = finiteFloat(prim, arg, arg, v, "a float > 0 (check_positive_float)");
        if (!(d > 0)) {
            throw fail(prim, arg, arg, "a float > 0 (check_positive_float)", v);
        }
        return d;
    }

    /** {@code check_non_negative_float}: a finite float (not an int) {@code >= 0}. */
    static double nonNegativeFloat(String prim, String arg, Object v) {
        double d = finiteFloat(prim, arg, arg, v, "a float >= 0 (check_non_negative_float)");
        if (!(d >= 0)) {
            throw fail(prim, arg, arg, "a float >= 0 (check_non_negative_float)", v);
        }
        return d;
    }

    /** {@code check_is_float} of an item: a finite float (not an int). */
    static double isFloat(String prim, String arg, String shown, Object v) {
        return finiteFloat(prim, arg, shown, v, "a finite float (check_is_float)");
    }

    private static double finiteFloat(
            String prim, String arg, String shown, Object v, String rule) {
        if (!(v instanceof Double d) || !Double.isFinite(d)) {
            throw fail(prim, arg, shown, rule, v);
        }
        return d;
    }

    /** {@code check_value_type(arg, v, [bool])}: True or False, not an int. */
    static boolean bool(String prim, String arg, Object v) {
        if (!(v instanceof Boolean b)) {
            throw fail(prim, arg, arg, "a bool (check_value_type)", v);
        }
        return b;
    }

    /** {@code check_value_type(arg, v, (tuple, list))}. */
    static List<?> list(String prim, String arg, Object v) {
        if (!(v instanceof List<?> l)) {
            throw fail(prim, arg, arg, "a list (check_value_type)", v);
        }
        return l;
    }

    /** Fails with MindSpore's rule, the argument and its value, pointing the parser at it. */
    static ArgumentException fail(String prim, String arg, String shown, String rule, Object v) {
        return new ArgumentException(
                arg, prim + " " + shown + " must be " + rule + ", but was " + repr(v));
    }

    /** Python's {@code repr} of a literal argument. */
    static String repr(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof Double d) {
            return PyRepr.repr(d);
        }
        if (v instanceof Long n) {
            return PyRepr.repr(n);
        }
        if (v instanceof String s) {
            return PyRepr.quote(s);
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(repr(l.get(i)));
            }
            return sb.append(']').toString();
        }
        return String.valueOf(v);
    }
}
