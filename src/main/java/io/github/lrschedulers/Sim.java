package io.github.lrschedulers;

import io.github.lrschedulers.internal.PyError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A simulated PyTorch optimizer with its parameter groups and the scheduler tree built on it.
 *
 * <p>This mirrors exactly what PyTorch keeps in {@code optimizer.param_groups} ({@code lr}, {@code
 * initial_lr}, {@code max_lr}, {@code min_lr}, {@code momentum}, {@code max_momentum}, {@code
 * base_momentum}), which schedulers of a composition share. Construction runs the PyTorch
 * constructors in source order; {@link #step()} is one {@code scheduler.step()}. Not thread-safe.
 */
final class Sim {

    /** Where ReduceLROnPlateau's metric of each step comes from. */
    interface Metrics {
        /**
         * Returns the metric passed to scheduler step {@code index} (0-based).
         *
         * @param index the step
         * @return the metric
         * @throws IllegalStateException if it is not known
         */
        double get(int index);
    }

    final Schedule schedule;
    final int groups;
    final double[] lr;
    final double[] initialLr;
    final boolean[] hasInitialLr;
    final double[] maxLr;
    final double[] minLr;
    final double[] momentum;
    final double[] maxMomentum;
    final double[] baseMomentum;
    private final Map<String, double[]> groupKeys = new HashMap<>();
    private final Metrics metrics;
    private final Live root;
    private int steps;

    /**
     * Builds the scheduler on an optimizer with the given rates, as its PyTorch constructor does.
     *
     * @throws IllegalArgumentException if PyTorch rejects the configuration
     */
    Sim(Schedule schedule, double[] baseLrs, double baseMomentum, Metrics metrics) {
        this.schedule = schedule;
        this.groups = baseLrs.length;
        this.lr = baseLrs.clone();
        this.initialLr = new double[groups];
        this.hasInitialLr = new boolean[groups];
        this.maxLr = new double[groups];
        this.minLr = new double[groups];
        this.momentum = new double[groups];
        Arrays.fill(momentum, baseMomentum);
        this.maxMomentum = new double[groups];
        this.baseMomentum = new double[groups];
        this.metrics = metrics;
        try {
            root = schedule.instantiate(this);
        } catch (PyError e) {
            throw new IllegalArgumentException(
                    schedule + " is rejected by PyTorch at construction: " + e.getMessage(), e);
        }
    }

    /**
     * Returns the values of a key of {@code optimizer.param_groups} that a scheduler writes for
     * itself or for others (SWALR's {@code swa_lr}), one per group, shared by the schedulers of a
     * composition as PyTorch's groups are; 0 until a scheduler sets them.
     *
     * @param key the key, as PyTorch names it
     * @return the values, one per group, to read and write
     */
    double[] groupKey(String key) {
        return groupKeys.computeIfAbsent(key, k -> new double[groups]);
    }

    /** Returns the state not derived from the rates, e.g. ReduceLROnPlateau's best. */
    Map<String, String> describe() {
        Map<String, String> out = new TreeMap<>();
        root.describe("", out);
        return out;
    }

    /**
     * Adds the discrete events of the last step that set a group's rate; call right after {@link
     * #step()}.
     */
    void reasons(int group, List<LrReason> out) {
        root.reasons(group, out);
    }

    /** Returns the metric of the step being taken, for ReduceLROnPlateau. */
    double currentMetric() {
        return metrics.get(steps);
    }

    /** Returns the number of scheduler steps taken. */
    int steps() {
        return steps;
    }

    /**
     * Advances to a number of scheduler steps, exactly as stepping one by one would, skipping the
     * steps that provably change nothing, jumping over closed forms and running recursions in their
     * own loops.
     *
     * @param target the number of steps
     */
    void advanceTo(int target) {
        while (steps < target) {
            int remaining = target - steps;
            if (remaining > 1 && root.jump(remaining - 1)) {
                steps = target - 1;
            } else {
                long quiet = Math.min(root.quietSteps(), remaining);
                if (quiet > 0) {
                    root.skip(quiet);
                    steps += (int) quiet;
                    continue;
                }
                long ran = root.run(remaining);
                if (ran > 0) {
                    steps += (int) ran;
                    continue;
                }
            }
            step();
        }
    }

    /**
     * Performs one {@code scheduler.step()} (with the metric for ReduceLROnPlateau).
     *
     * @throws IllegalArgumentException if PyTorch raises at this step
     * @throws IllegalStateException if the step goes past the last step a schedule is defined for,
     *     or a plateau metric is missing
     */
    void step() {
        try {
            root.step();
        } catch (Overstep e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (PyError e) {
            throw new IllegalArgumentException(
                    schedule
                            + " fails at scheduler step "
                            + (steps + 1)
                            + ", as in PyTorch: "
                            + e.getMessage(),
                    e);
        }
        steps++;
    }

    /**
     * Returns the scheduler's PyTorch state: its {@code state_dict()} and the optimizer's parameter
     * groups.
     *
     * @throws UnsupportedOperationException if the schedule has no PyTorch state
     */
    PyTorchState state() {
        Map<String, Object> sd = new LinkedHashMap<>();
        root.exportState(sd);
        List<Map<String, Object>> out = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        root.groupKeys(keys);
        for (int g = 0; g < groups; g++) {
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("lr", lr[g]);
            if (!schedule.isPlateau()) { // PyTorch's ReduceLROnPlateau sets no initial_lr
                group.put("initial_lr", initialLr[g]);
            }
            group.put("momentum", momentum[g]);
            for (String key : keys) {
                group.put(key, groupArray(key)[g]);
            }
            out.add(group);
        }
        return PyTorchState.of(schedule.toString(), sd, out);
    }

    private double[] groupArray(String key) {
        switch (key) {
            case "max_lr":
                return maxLr;
            case "min_lr":
                return minLr;
            case "max_momentum":
                return maxMomentum;
            case "base_momentum":
                return baseMomentum;
            default:
                return groupKey(key);
        }
    }

    /**
     * Moves this new simulation to a PyTorch state: checks that its configuration is this
     * schedule's (every key of the scheduler's state that does not change as it steps, and the
     * parameter groups' keys the schedule sets), then takes the rest.
     *
     * @param state the state
     * @throws IllegalArgumentException naming the key, the rule and the value, if the state is not
     *     one of this schedule on this many groups
     * @throws UnsupportedOperationException if the schedule has no PyTorch state
     */
    void load(PyTorchState state) {
        PyTorchState fresh = state();
        String name = schedule.toString();
        StateDict.checkConfiguration("scheduler", fresh.getScheduler(), state.getScheduler(), name);
        List<Map<String, Object>> given = state.getParamGroups();
        if (given.size() != groups) {
            throw new IllegalArgumentException(
                    String.format(
                            "PyTorch state key param_groups must hold %d groups, as the tracker"
                                    + " has, but holds %d",
                            groups, given.size()));
        }
        double[] lrs = new double[groups];
        double[] momentums = momentum.clone();
        for (int g = 0; g < groups; g++) {
            Map<String, Object> want = fresh.getParamGroups().get(g);
            Map<String, Object> have = given.get(g);
            String path = "param_groups[" + g + "]";
            for (Map.Entry<String, Object> e : want.entrySet()) {
                String key = e.getKey();
                if (key.equals("lr")) {
                    lrs[g] = StateDict.toNumber(path + ".lr", have.get("lr"), true);
                } else if (key.equals("momentum")) {
                    if (have.containsKey("momentum")) {
                        momentums[g] = StateDict.toNumber(path + ".momentum", have.get(key), true);
                    } else if (have.containsKey("betas")) {
                        momentums[g] = StateDict.numbers(path + ".betas", have.get("betas"), 2)[0];
                    }
                } else if (!StateDict.same(e.getValue(), have.get(key))) {
                    throw new IllegalArgumentException(
                            String.format(
                                    "PyTorch state key %s.%s must be %s, as the configuration %s"
                                            + " gives, but was %s",
                                    path, key, e.getValue(), name, have.get(key)));
                }
            }
        }
        long taken = state.getSteps();
        root.importState(new StateDict("scheduler", state.getScheduler()));
        System.arraycopy(lrs, 0, lr, 0, groups);
        System.arraycopy(momentums, 0, momentum, 0, groups);
        steps = (int) taken;
    }
}
