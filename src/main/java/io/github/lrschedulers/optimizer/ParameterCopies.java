package io.github.lrschedulers.optimizer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The update count and optimizer state of every parameter copy, so that every copy of a parameter
 * gets the same update number within a trainer step.
 *
 * <p>DJL's {@code LocalParameterServer} calls {@code Optimizer.update} once per device copy, and
 * DJL's own optimizers count those calls per parameter: with N devices the update number, and so
 * every tracker, advances N times per step, and the copies of one parameter get different rates.
 * Counting per copy (the weight array, one per device) gives each step one number, on any number of
 * devices, without knowing N. A copy whose array is replaced (parameters loaded into a live model)
 * counts afresh: build a new optimizer with {@code optBeginNumUpdate} then.
 */
final class ParameterCopies {

    /** One copy of a parameter: its update count and its optimizer state. */
    static final class Copy {
        private final AtomicInteger count = new AtomicInteger();
        NDArray[] state;
    }

    private final int begin;
    private final String kind;
    private final Map<String, Map<String, Copy>> copies = new ConcurrentHashMap<>();
    private final Map<String, NDArray[]> firstStates = new ConcurrentHashMap<>();
    private final Map<String, NDArray[]> restored = new ConcurrentHashMap<>();

    ParameterCopies(int begin, String kind) {
        this.begin = begin;
        this.kind = kind;
    }

    /** Returns the copy a weight array is. */
    Copy of(String parameterId, NDArray weight) {
        return copies.computeIfAbsent(parameterId, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(weight.getUid(), k -> new Copy());
    }

    /** Returns the update number of this call: the copy's count, from {@code begin + 1}. */
    int next(Copy copy) {
        return begin + copy.count.incrementAndGet();
    }

    /**
     * Returns a copy's state, creating it at its first update: from a restored state if there is
     * one, else with {@code fresh}.
     */
    NDArray[] state(
            Copy copy, String parameterId, NDArray weight, Function<NDArray, NDArray[]> fresh) {
        NDArray[] state = copy.state;
        if (state == null) {
            NDArray[] from = restored.get(parameterId);
            if (from != null) {
                state = new NDArray[from.length];
                for (int i = 0; i < from.length; i++) {
                    state[i] = from[i].toDevice(weight.getDevice(), true);
                }
            } else {
                state = fresh.apply(weight);
            }
            for (NDArray a : state) {
                a.detach();
            }
            copy.state = state;
            firstStates.putIfAbsent(parameterId, state);
        }
        return state;
    }

    /** Returns whether a restored state awaits the copies of a parameter. */
    boolean restores(String parameterId) {
        return restored.containsKey(parameterId);
    }

    /** Writes the state of each parameter's first copy under the parameter's name. */
    void save(DataOutputStream os, Map<String, String> nameOfId) throws IOException {
        OptimizerState.write(os, kind, firstStates, nameOfId);
    }

    /** Reads a saved state; each copy starts from it at its first update. */
    void load(NDManager manager, DataInputStream is, Map<String, String> idOfName)
            throws IOException {
        restored.putAll(OptimizerState.read(is, kind, manager, idOfName));
    }
}
