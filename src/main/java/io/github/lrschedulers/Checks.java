package io.github.lrschedulers;

import io.github.lrschedulers.internal.PyRepr;

/** The one validation path of builders and the spec parser. */
final class Checks {

    private Checks() {}

    static void argument(boolean ok, String template, Object... args) {
        if (!ok) {
            throw new IllegalArgumentException(String.format(template, args));
        }
    }

    static String num(double v) {
        return PyRepr.repr(v);
    }
}
