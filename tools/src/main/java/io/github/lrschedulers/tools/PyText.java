package io.github.lrschedulers.tools;

import io.github.lrschedulers.spec.PythonFloats;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Python's text conversions the reference harness relies on: {@code float(str)}, {@code int(str)},
 * {@code repr(str)} and {@code json.dumps} of floats and strings.
 */
final class PyText {

    private static final String DIGITS = "[0-9](?:_?[0-9])*";

    /** Python's decimal int literal, as {@code int()} accepts it. */
    private static final Pattern INT = Pattern.compile("[+-]?" + DIGITS);

    private PyText() {}

    /**
     * Parses a float as Python's {@code float(s)} does: surrounding whitespace, a sign, digits with
     * single underscores between them, an exponent, {@code inf}, {@code infinity}, {@code nan} in
     * any case; no hexadecimal and no Java suffixes ({@code 1d}).
     *
     * @param s the text
     * @return the nearest double
     * @throws NumberFormatException with Python's message if Python rejects the text
     */
    static double parseFloat(String s) {
        return PythonFloats.parse(s);
    }

    /**
     * Parses comma-separated floats as the harness does ({@code [float(x) for x in s.split(",")]}).
     *
     * @param s the text
     * @param skipEmpty whether to drop empty items, as the harness does for metrics
     * @return the values
     * @throws NumberFormatException if an item is not a float
     */
    static double[] parseFloats(String s, boolean skipEmpty) {
        List<Double> values = new ArrayList<>();
        for (String item : s.split(",", -1)) {
            if (skipEmpty && item.isEmpty()) {
                continue;
            }
            values.add(parseFloat(item));
        }
        double[] a = new double[values.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = values.get(i);
        }
        return a;
    }

    /**
     * Parses an int as Python's {@code int(s)} does, within Java's {@code int} range.
     *
     * @param s the text
     * @return the value
     * @throws NumberFormatException if Python rejects the text or it is out of range
     */
    static int parseInt(String s) {
        String t = s.strip();
        if (!INT.matcher(t).matches()) {
            throw new NumberFormatException("invalid literal for int() with base 10: " + repr(s));
        }
        try {
            return Integer.parseInt(t.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new NumberFormatException(
                    "int out of range ["
                            + Integer.MIN_VALUE
                            + ", "
                            + Integer.MAX_VALUE
                            + "]: "
                            + t);
        }
    }

    /**
     * Returns Python's {@code repr} of a string (ASCII-only strings are exact).
     *
     * @param s the string
     * @return the quoted string
     */
    static String repr(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder sb = new StringBuilder().append(quote);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == quote || c == '\\') {
                sb.append('\\').append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append(quote).toString();
    }

    /**
     * Appends a float as Python's {@code json.dumps} writes it: its {@code repr}, or {@code NaN},
     * {@code Infinity}, {@code -Infinity}.
     *
     * @param sb the destination
     * @param d the float
     */
    static void appendJsonFloat(StringBuilder sb, double d) {
        if (Double.isNaN(d)) {
            sb.append("NaN");
        } else if (Double.isInfinite(d)) {
            sb.append(d > 0 ? "Infinity" : "-Infinity");
        } else {
            sb.append(PythonFloats.repr(d));
        }
    }

    /**
     * Appends a string as Python's {@code json.dumps} writes it (with {@code ensure_ascii}).
     *
     * @param sb the destination
     * @param s the string
     */
    static void appendJsonString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    sb.append("\\\"");
                    break;
                case '\\':
                    sb.append("\\\\");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                case '\r':
                    sb.append("\\r");
                    break;
                case '\t':
                    sb.append("\\t");
                    break;
                case '\b':
                    sb.append("\\b");
                    break;
                case '\f':
                    sb.append("\\f");
                    break;
                default:
                    if (c < 0x20 || c > 0x7e) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }
}
