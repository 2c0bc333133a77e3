package io.github.lrschedulers.tools;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON reader as strict as Python's {@code json.loads}, with its error messages: double-quoted
 * strings and keys only, no comments, no trailing commas, nothing after the value, no control
 * characters in strings; {@code NaN}, {@code Infinity} and {@code -Infinity} are numbers, as Python
 * reads them. Duplicate keys keep the last value, as in Python.
 *
 * <p>Values are {@link Map} (in order), {@link List}, {@link String}, {@link Boolean}, {@link
 * BigInteger} (JSON's integers, as Python's {@code int}), {@link Double} (the others, as Python's
 * {@code float}) and {@link #NULL}.
 */
final class StrictJson {

    /** JSON's {@code null}. */
    static final Object NULL =
            new Object() {
                @Override
                public String toString() {
                    return "null";
                }
            };

    /** The deepest nesting of arrays and objects read. */
    static final int MAX_DEPTH = 256;

    private final String s;
    private int i;

    private StrictJson(String s) {
        this.s = s;
    }

    /**
     * Parses one JSON document.
     *
     * @param text the text
     * @return the value
     * @throws IllegalArgumentException with Python's message if the text is not JSON
     */
    static Object parse(String text) {
        StrictJson p = new StrictJson(text);
        p.skipWhitespace();
        Object v = p.value(0);
        p.skipWhitespace();
        if (p.i < text.length()) {
            throw p.error("Extra data", p.i);
        }
        return v;
    }

    private IllegalArgumentException error(String what, int at) {
        int line = 1;
        int lineStart = 0;
        for (int k = 0; k < at && k < s.length(); k++) {
            if (s.charAt(k) == '\n') {
                line++;
                lineStart = k + 1;
            }
        }
        return new IllegalArgumentException(
                what + ": line " + line + " column " + (at - lineStart + 1) + " (char " + at + ")");
    }

    private void skipWhitespace() {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            i++;
        }
    }

    private Object value(int depth) {
        if (i >= s.length()) {
            throw error("Expecting value", i);
        }
        char c = s.charAt(i);
        switch (c) {
            case '"':
                return string();
            case '{':
                return object(depth + 1);
            case '[':
                return array(depth + 1);
            default:
                break;
        }
        if (s.startsWith("null", i)) {
            i += 4;
            return NULL;
        }
        if (s.startsWith("true", i)) {
            i += 4;
            return Boolean.TRUE;
        }
        if (s.startsWith("false", i)) {
            i += 5;
            return Boolean.FALSE;
        }
        if (s.startsWith("NaN", i)) {
            i += 3;
            return Double.NaN;
        }
        if (s.startsWith("Infinity", i)) {
            i += 8;
            return Double.POSITIVE_INFINITY;
        }
        if (s.startsWith("-Infinity", i)) {
            i += 9;
            return Double.NEGATIVE_INFINITY;
        }
        return number();
    }

    /** Python's number pattern: {@code -?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?}. */
    private Object number() {
        int start = i;
        int k = i;
        if (k < s.length() && s.charAt(k) == '-') {
            k++;
        }
        if (k < s.length() && s.charAt(k) == '0') {
            k++;
        } else if (k < s.length() && s.charAt(k) >= '1' && s.charAt(k) <= '9') {
            k = digits(k);
        } else {
            throw error("Expecting value", start);
        }
        boolean integer = true;
        if (k + 1 < s.length() && s.charAt(k) == '.' && isDigit(s.charAt(k + 1))) {
            k = digits(k + 1);
            integer = false;
        }
        if (k < s.length() && (s.charAt(k) == 'e' || s.charAt(k) == 'E')) {
            int e = k + 1;
            if (e < s.length() && (s.charAt(e) == '+' || s.charAt(e) == '-')) {
                e++;
            }
            if (e < s.length() && isDigit(s.charAt(e))) {
                k = digits(e);
                integer = false;
            }
        }
        i = k;
        String text = s.substring(start, k);
        return integer ? new BigInteger(text) : Double.valueOf(Double.parseDouble(text));
    }

    private int digits(int k) {
        while (k < s.length() && isDigit(s.charAt(k))) {
            k++;
        }
        return k;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private String string() {
        int start = i;
        i++; // the opening quote
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (i >= s.length()) {
                throw error("Unterminated string starting at", start);
            }
            char c = s.charAt(i);
            if (c == '"') {
                i++;
                return sb.toString();
            }
            if (c < 0x20) {
                throw error("Invalid control character at", i);
            }
            if (c != '\\') {
                sb.append(c);
                i++;
                continue;
            }
            if (i + 1 >= s.length()) {
                throw error("Unterminated string starting at", start);
            }
            char e = s.charAt(i + 1);
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    if (i + 6 > s.length() || !isHex(s.substring(i + 2, i + 6))) {
                        throw error("Invalid \\uXXXX escape", i + 1);
                    }
                    sb.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
                    i += 4;
                }
                default -> throw error("Invalid \\escape", i);
            }
            i += 2;
        }
    }

    private static boolean isHex(String h) {
        for (int k = 0; k < h.length(); k++) {
            if (Character.digit(h.charAt(k), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private Map<String, Object> object(int depth) {
        checkDepth(depth);
        i++; // {
        Map<String, Object> map = new LinkedHashMap<>();
        skipWhitespace();
        if (i < s.length() && s.charAt(i) == '}') {
            i++;
            return map;
        }
        while (true) {
            if (i >= s.length() || s.charAt(i) != '"') {
                throw error("Expecting property name enclosed in double quotes", i);
            }
            String key = string();
            skipWhitespace();
            if (i >= s.length() || s.charAt(i) != ':') {
                throw error("Expecting ':' delimiter", i);
            }
            i++;
            skipWhitespace();
            map.put(key, value(depth)); // as Python: the last value, in the first key's place
            skipWhitespace();
            if (i < s.length() && s.charAt(i) == '}') {
                i++;
                return map;
            }
            if (i >= s.length() || s.charAt(i) != ',') {
                throw error("Expecting ',' delimiter", i);
            }
            i++;
            skipWhitespace();
        }
    }

    private List<Object> array(int depth) {
        checkDepth(depth);
        i++; // [
        List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (i < s.length() && s.charAt(i) == ']') {
            i++;
            return Collections.unmodifiableList(list);
        }
        while (true) {
            list.add(value(depth));
            skipWhitespace();
            if (i < s.length() && s.charAt(i) == ']') {
                i++;
                return Collections.unmodifiableList(list);
            }
            if (i >= s.length() || s.charAt(i) != ',') {
                throw error("Expecting ',' delimiter", i);
            }
            i++;
            skipWhitespace();
        }
    }

    private void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("Nesting deeper than " + MAX_DEPTH + " levels", i);
        }
    }
}
