package io.github.lrschedulers.optimizer;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts updates per parameter copy, so that every copy of a parameter gets the same update number
 * within a trainer step.
 *
 * <p>DJL's {@code LocalParameterServer} calls {@code Optimizer.update} once per device copy, and
 * DJL's own optimizers count those calls per parameter: with N devices the update number, and so
 * every tracker, advances N times per step, and the copies of one parameter get different rates.
 * Counting per copy (the weight array, one per device) gives each step one number, on any number of
 * devices, without knowing N. A copy whose array is replaced (parameters loaded into a live model)
 * counts afresh: build a new optimizer with {@code optBeginNumUpdate} then.
 */
final class UpdateCounter {

    private final int begin;
    private final Map<String, Map<String, AtomicInteger>> counts = new ConcurrentHashMap<>();

    UpdateCounter(int begin) {
        this.begin = begin;
    }

    /** Returns the update number of this call: the copy's count, from {@code begin + 1}. */
    int next(String parameterId, NDArray weight) {
        return begin
                + counts.computeIfAbsent(parameterId, k -> new ConcurrentHashMap<>())
                        .computeIfAbsent(weight.getUid(), k -> new AtomicInteger())
                        .incrementAndGet();
    }

    /** Returns the key of a state of one parameter copy. */
    static String key(String parameterId, NDArray weight) {
        return parameterId + '\u0000' + weight.getUid();
    }
}
