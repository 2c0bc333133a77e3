package io.github.lrschedulers;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A PyTorch argument that is either one value for every parameter group or a list with one value
 * per group (PyTorch's {@code _format_param}).
 *
 * @param <T> the value type
 */
final class PerGroup<T> {

    private final List<T> values;
    private final boolean list;

    private PerGroup(List<T> values, boolean list) {
        this.values = values;
        this.list = list;
    }

    static <T> PerGroup<T> scalar(T value) {
        return new PerGroup<>(Collections.singletonList(Objects.requireNonNull(value)), false);
    }

    static <T> PerGroup<T> list(String argument, List<T> values) {
        Checks.argument(
                !values.isEmpty(), "%s must have at least one value, but was empty", argument);
        for (T v : values) {
            Objects.requireNonNull(v, argument);
        }
        return new PerGroup<>(List.copyOf(values), true);
    }

    static PerGroup<Double> doubles(double value) {
        return scalar(value);
    }

    static PerGroup<Double> doubles(String argument, double... values) {
        return list(argument, Arrays.stream(values).boxed().collect(Collectors.toList()));
    }

    int size() {
        return values.size();
    }

    List<T> values() {
        return values;
    }

    /**
     * Returns the value of each group, as PyTorch's {@code _format_param} does.
     *
     * @param scheduler the scheduler's PyTorch name, for the message
     * @param argument the argument's PyTorch name, for the message
     * @param groups the number of parameter groups
     * @return one value per group
     * @throws IllegalArgumentException if a list does not have one value per group
     */
    List<T> resolve(String scheduler, String argument, int groups) {
        if (!list) {
            return Collections.nCopies(groups, values.get(0));
        }
        Checks.argument(
                values.size() == groups,
                "%s %s must have one value per parameter group (%d), but has %d: %s",
                scheduler,
                argument,
                groups,
                values.size(),
                values);
        return values;
    }

    double[] resolveDoubles(String scheduler, String argument, int groups) {
        List<T> v = resolve(scheduler, argument, groups);
        double[] out = new double[groups];
        for (int i = 0; i < groups; i++) {
            out[i] = (Double) v.get(i);
        }
        return out;
    }

    /** Returns the value as a spec argument: the scalar, or the list. */
    Object toArgument() {
        return list ? values : values.get(0);
    }
}
