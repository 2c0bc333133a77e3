package io.github.lrschedulers;

import io.github.lrschedulers.internal.Py;
import io.github.lrschedulers.internal.PyError;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A scheduler bound to a simulated optimizer: the state and the step logic of PyTorch 2.x's {@code
 * LRScheduler}, which every scheduler class extends.
 *
 * <p>The fields and methods carry PyTorch's names in Java case: {@code lastEpoch} is {@code
 * last_epoch}, {@code stepCount} is {@code _step_count}, {@code initial} is {@code _is_initial},
 * {@link #updateLr(boolean)} is {@code _update_lr}, {@link #getLr(double[])} is {@code get_lr}. Not
 * thread-safe: a {@link Sim} is used by one thread at a time.
 */
abstract class Live {

    final Sim sim;
    final double[] out;
    long lastEpoch = -1;
    int stepCount;
    boolean initial;
    double[] baseLrs;

    Live(Sim sim) {
        this.sim = sim;
        this.out = new double[sim.groups];
    }

    /**
     * {@code LRScheduler.__init__(optimizer, last_epoch=-1)}: initial rates, then a first step.
     *
     * @return this scheduler
     */
    final Live init() {
        for (int g = 0; g < sim.groups; g++) {
            if (!sim.hasInitialLr[g]) {
                sim.initialLr[g] = sim.lr[g];
                sim.hasInitialLr[g] = true;
            }
        }
        baseLrs = sim.initialLr.clone();
        lastEpoch = -1;
        initialStep();
        return this;
    }

    /** {@code LRScheduler._initial_step}. */
    final void initialStep() {
        stepCount = 0;
        initial = true;
        try {
            step();
        } finally {
            initial = false;
        }
    }

    /** {@code step()} without arguments. */
    void step() {
        stepCount++;
        updateLr(false);
    }

    /**
     * {@code _update_lr(epoch)}: with {@code epochZero}, as {@code _update_lr(0)} from SequentialLR
     * at a milestone (the closed form where the class has one), else as {@code _update_lr(None)}.
     */
    final void updateLr(boolean epochZero) {
        if (epochZero) {
            lastEpoch = 0;
            if (!closedForm(out)) {
                getLr(out);
            }
        } else {
            lastEpoch++;
            getLr(out);
        }
        System.arraycopy(out, 0, sim.lr, 0, sim.groups);
    }

    /**
     * Returns how many of the next steps provably change nothing but the step counters and cannot
     * raise (e.g. StepLR between two decays), so that they can be skipped exactly.
     */
    long quietSteps() {
        return 0;
    }

    /**
     * Advances {@code k} steps without computing their rates, where this is exact: the rates and
     * momentums after the next real step depend only on the step count, and none of the skipped
     * steps can raise (closed forms such as OneCycleLR, CyclicLR without a custom scale_fn,
     * CosineAnnealingWarmRestarts). Returns false, changing nothing, where it is not exact.
     */
    boolean jump(long k) {
        return false;
    }

    /**
     * Takes up to {@code k} of the next steps exactly as {@link #step()} would, in a loop of its
     * own, where the class has one (a recursion's far replay); stops before a step that would take
     * another branch or raise, which {@link #step()} then takes.
     *
     * @return the steps taken, 0 where the class has no such loop
     */
    long run(long k) {
        return 0;
    }

    // The memo of cos: how many entries hold (0, 1 or 2), and the arguments by their raw bits, so
    // that no argument (a NaN included) can be taken for an empty entry.
    private int cosEntries;
    private long cosArg;
    private double cosValue;
    private long cosArg2;
    private double cosValue2;

    /**
     * Python's {@code math.cos}, remembering the last two arguments: recursions such as
     * CosineAnnealingLR's take the cosine of this step's and the last step's angle, and OneCycleLR
     * that of the same angle for the rate and the momentum.
     */
    final double cos(double x) {
        long bits = Double.doubleToRawLongBits(x);
        if (cosEntries > 0 && bits == cosArg) {
            return cosValue;
        }
        if (cosEntries > 1 && bits == cosArg2) {
            return cosValue2;
        }
        double c = Py.cos(x);
        cosArg2 = cosArg;
        cosValue2 = cosValue;
        cosArg = bits;
        cosValue = c;
        cosEntries = Math.min(2, cosEntries + 1);
        return c;
    }

    /** Whether multiplying every group's rate by {@code factor} leaves it as it is. */
    static boolean fixedUnder(Sim sim, double factor) {
        for (int g = 0; g < sim.groups; g++) {
            double lr = sim.lr[g];
            if (Double.doubleToLongBits(lr * factor) != Double.doubleToLongBits(lr)) {
                return false;
            }
        }
        return true;
    }

    /** Skips {@code k} steps of a scheduler whose rates depend only on its step count. */
    final void skip(long k) {
        lastEpoch += k;
        stepCount = (int) Math.min(Integer.MAX_VALUE, stepCount + k);
    }

    /** {@code get_lr()}: the rates of the current {@code lastEpoch}. */
    abstract void getLr(double[] out);

    /** {@code _get_closed_form_lr()}, where the class has one; returns false where not. */
    boolean closedForm(double[] out) {
        return false;
    }

    /** {@code SequentialLR.recursive_undo} on this scheduler. */
    void undo() {
        lastEpoch--;
    }

    /**
     * Adds the state that is not derived from the rates (ReduceLROnPlateau's best, bad epochs and
     * cooldown) to a description, for checkpoints.
     */
    void describe(String prefix, Map<String, String> out) {}

    /**
     * Adds the discrete events of this scheduler's last step (a milestone, a restart, a phase
     * change) that set a group's rate, right after the step; none by default, as for smooth steps.
     * Called only after a step that was taken, not skipped or jumped over, so an event may be read
     * off the state the step left.
     *
     * @param group the parameter group
     * @param out where to add the reasons
     */
    void reasons(int group, List<LrReason> out) {}

    /** {@code ReduceLROnPlateau.step(metrics)}; only the plateau scheduler takes a metric. */
    void stepWithMetric(double metric) {
        throw new IllegalStateException("only ReduceLROnPlateau takes a metric");
    }

    static PyError notImplemented() {
        return new PyError("NotImplementedError", "LRScheduler.get_lr");
    }

    /**
     * Writes PyTorch's {@code state_dict()} of this scheduler into {@code sd}, as PyTorch 2.13
     * holds it, for {@link PyTorchState}.
     *
     * @throws UnsupportedOperationException where the scheduler has no PyTorch state (a
     *     user-defined schedule, another library's)
     */
    void exportState(Map<String, Object> sd) {
        throw new UnsupportedOperationException(
                sim.schedule + " has no PyTorch state_dict(); only PyTorch's schedulers have one");
    }

    /**
     * Reads the keys of a PyTorch state that change as the scheduler steps ({@link
     * StateDict#DYNAMIC}); the configuration keys were checked before.
     */
    void importState(StateDict sd) {
        throw new UnsupportedOperationException(
                sim.schedule + " has no PyTorch state_dict(); only PyTorch's schedulers have one");
    }

    /**
     * Adds the keys of {@code param_groups} this scheduler sets besides {@code lr}, {@code
     * initial_lr} and {@code momentum} (OneCycleLR's {@code max_lr}, SWALR's {@code swa_lr}).
     */
    void groupKeys(Set<String> keys) {}

    /** {@code LRScheduler}'s keys of a state_dict, after the class's own. */
    final void exportBase(Map<String, Object> sd) {
        sd.put("base_lrs", StateDict.list(baseLrs));
        sd.put("last_epoch", lastEpoch);
        sd.put("_step_count", (long) stepCount);
        sd.put("_is_initial", false);
        sd.put("_get_lr_called_within_step", false);
        sd.put("_last_lr", StateDict.list(out));
    }

    /** Reads {@code LRScheduler}'s keys that change as the scheduler steps. */
    final void importBase(StateDict sd) {
        // -1: a SequentialLR's child that has not started (undone at construction).
        lastEpoch = sd.integer("last_epoch", -1, Integer.MAX_VALUE);
        stepCount = (int) sd.integer("_step_count", 0, Integer.MAX_VALUE);
        System.arraycopy(sd.numbers("_last_lr", sim.groups), 0, out, 0, sim.groups);
    }

    /** Puts arguments of a schedule, by name, as its class keeps them in its state. */
    static void exportArguments(Map<String, Object> sd, Schedule s, String... names) {
        Map<String, Object> args = s.getArguments();
        for (String name : names) {
            sd.put(name, args.get(name));
        }
    }
}
