package io.github.lrschedulers.spec;

import io.github.lrschedulers.internal.PyRepr;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Python's text form of floats: {@code float(str)} and {@code repr(float)}, so that tools can read
 * and write numbers exactly as PyTorch's reference scripts do.
 */
public final class PythonFloats {

    private static final String DIGITS = "[0-9](?:_?[0-9])*";
    private static final Pattern FLOAT =
            Pattern.compile(
                    "[+-]?(?:"
                            + DIGITS
                            + "(?:\\.(?:"
                            + DIGITS
                            + ")?)?|\\."
                            + DIGITS
                            + ")(?:[eE][+-]?"
                            + DIGITS
                            + ")?");

    private PythonFloats() {}

    /**
     * Parses a string as Python's {@code float(s)} does: surrounding white space, an optional sign,
     * digits with single underscores, {@code inf}, {@code infinity} and {@code nan} in any case.
     *
     * @param s the string
     * @return the float
     * @throws NumberFormatException with Python's message if the string is not a float
     */
    public static double parse(String s) {
        String t = s.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        boolean negative = lower.startsWith("-");
        String body = negative || lower.startsWith("+") ? lower.substring(1) : lower;
        switch (body) {
            case "inf":
            case "infinity":
                return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            case "nan":
                return negative ? Double.longBitsToDouble(0xfff8000000000000L) : Double.NaN;
            default:
                break;
        }
        if (!FLOAT.matcher(t).matches()) {
            throw new NumberFormatException(
                    "could not convert string to float: " + new SpecNode.Str(s, 0).toSource());
        }
        return Double.parseDouble(t.replace("_", ""));
    }

    /**
     * Returns Python's {@code repr} of a float: the shortest digits that parse back to it, e.g.
     * {@code 0.1}, {@code 1e-05}, {@code 100.0}, {@code inf}, {@code nan}.
     *
     * @param d the float
     * @return its repr
     */
    public static String repr(double d) {
        return PyRepr.repr(d);
    }
}
