package io.github.lrschedulers;

import io.github.lrschedulers.internal.PyRepr;
import java.util.List;

/** The one validation path of builders and the spec parser. */
final class Checks {

    private Checks() {}

    static void argument(boolean ok, String template, Object... args) {
        if (!ok) {
            throw new IllegalArgumentException(String.format(template, args));
        }
    }

    /**
     * Checks that a composition of {@code schedulers} stays within {@link Schedule#MAX_NESTING}
     * levels, so that it can be run, hashed and printed without deep recursion and its spec parses
     * back.
     *
     * @param name the composition's PyTorch name
     * @param schedulers its children
     * @throws IllegalArgumentException if it would nest deeper
     */
    static void nesting(String name, List<Schedule> schedulers) {
        int depth = 1 + Schedule.childNesting(schedulers);
        argument(
                depth <= Schedule.MAX_NESTING,
                "%s schedulers must nest at most %d levels deep (Schedule.MAX_NESTING), but this"
                        + " %s would nest %d levels deep",
                name,
                Schedule.MAX_NESTING,
                name,
                depth);
    }

    static String num(double v) {
        return PyRepr.repr(v);
    }
}
