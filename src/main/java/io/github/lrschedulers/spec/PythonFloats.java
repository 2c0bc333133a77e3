package io.github.lrschedulers.spec;

import io.github.lrschedulers.internal.Py;
import io.github.lrschedulers.internal.PyRepr;

/**
 * Python's text form of floats: {@code float(str)} and {@code repr(float)}, so that tools can read
 * and write numbers exactly as PyTorch's reference scripts do.
 */
public final class PythonFloats {

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
        return Py.parseFloat(s);
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
