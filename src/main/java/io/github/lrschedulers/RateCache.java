package io.github.lrschedulers;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The rates of an {@link LrTracker} at scheduler steps: the simulations that compute them, and a
 * cache of the rate and momentum of every group at the step read last, as the floats DJL applies.
 *
 * <p>A call for the cached step costs a volatile read. Otherwise a simulation moves to the step:
 * near it (at most {@link #NEAR_STEPS} steps forward from one of the two shared simulations, or
 * from the start) the shared one moves there under the lock; farther, a simulation of the call's
 * own replays outside the lock, checking for interruption, and then takes the place of the least
 * recently used shared one. So a call never waits for a far replay of another thread.
 *
 * <p>The thread that calls first (the training thread, as a rule) keeps a simulation of its own,
 * which no other thread sees, and moves it forward without the lock (up to {@link #OWN_STEPS} steps
 * at a time), so that updates in order cost no atomic operation. For other moves it lends it to the
 * shared ones under the lock and takes back the one that moved.
 *
 * <p>Thread-safe. A step's rates depend only on the step (and the metrics reported for the steps
 * before it), so any thread may ask for any step, in any order.
 */
final class RateCache {

    private static final VarHandle OWNER;

    static {
        try {
            OWNER = MethodHandles.lookup().findVarHandle(RateCache.class, "owner", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * The most scheduler steps a call replays while holding the lock: a call that needs more runs
     * on a simulation of its own, outside the lock, so that it never holds up another call.
     */
    static final int NEAR_STEPS = 1 << 14; // 16,384, as LrTracker's class javadoc says

    /** A cache entry that matches no step: step -1. */
    private static final long EMPTY = 0xFFFFFFFF_00000000L;

    private final Schedule schedule;
    private final double[] baseLrs;
    private final double baseMomentum;
    private final EpochRecords records;

    private final Object lock = new Object(); // guards sims
    // Each group's float at a step, packed as (step << 32) | floatBits.
    private final AtomicLongArray lrCache;
    private final AtomicLongArray momentumCache;

    /**
     * Two simulations, guarded by the lock, the most recently used first: a training run keeps its
     * own while a preview (or a checkpoint's look at an earlier update) uses the other. Either may
     * be null after a failed step.
     */
    private final Sim[] sims = new Sim[2];

    /** Where new simulations start from at and after its step, or null: from the constructor. */
    private volatile Origin origin;

    /**
     * The most steps the owner thread moves its own simulation without the lock; farther, under the
     * lock, the nearest simulation below the step moves, its own or a shared one.
     */
    private static final int OWN_STEPS = 64;

    /**
     * The id of the thread that called first, 0 before: an id, as a tracker must not keep a thread
     * reachable (OpenJDK's ids are positive, from a counter, never reused).
     */
    @SuppressWarnings("unused") // through OWNER
    private volatile long owner;

    /**
     * The owner thread's simulation, which only that thread reads and writes, outside the lock; it
     * joins the shared ones while the owner holds the lock. Null when it has none.
     */
    private Sim mine;

    /**
     * Counts the restarts from a PyTorch state ({@link #startFrom}): the owner's simulation of an
     * older count is dropped, never shared.
     */
    private volatile int generation;

    /** The count {@link #mine} was taken at; only the owner thread reads and writes it. */
    private int mineGeneration;

    /**
     * Creates the cache and runs the schedule's PyTorch constructor on the base rates.
     *
     * @param schedule the schedule
     * @param baseLrs the base rate of each group, not modified later
     * @param baseMomentum the optimizer's momentum
     * @param records where ReduceLROnPlateau's metrics come from
     * @throws IllegalArgumentException if PyTorch rejects the configuration
     */
    RateCache(Schedule schedule, double[] baseLrs, double baseMomentum, EpochRecords records) {
        this.schedule = schedule;
        this.baseLrs = baseLrs;
        this.baseMomentum = baseMomentum;
        this.records = records;
        this.lrCache = new AtomicLongArray(baseLrs.length);
        this.momentumCache = new AtomicLongArray(baseLrs.length);
        for (int g = 0; g < baseLrs.length; g++) {
            lrCache.set(g, EMPTY);
            momentumCache.set(g, EMPTY);
        }
        this.sims[0] = newSim(0);
    }

    /** Returns a new simulation at the latest start at or below a step. */
    private Sim newSim(int step) {
        Origin o = origin;
        if (o == null || step < o.step() && o.replayBefore()) {
            return new Sim(schedule, baseLrs, baseMomentum, records::metric);
        }
        if (step < o.step()) {
            throw new IllegalStateException(
                    String.format(
                            "scheduler step %d is before the imported PyTorch state, which is at"
                                    + " step %d: the tracker gives the updates from there on",
                            step, o.step()));
        }
        return loaded(o);
    }

    /** Returns a new simulation moved to an origin's state. */
    private Sim loaded(Origin o) {
        int offset = o.replayBefore() ? 0 : o.step();
        Sim s = new Sim(schedule, baseLrs, baseMomentum, i -> records.metric(i - offset));
        s.load(o.state());
        return s;
    }

    /** Returns the step the simulation that reaches a step starts from. */
    private int startOf(int step) {
        Origin o = origin;
        return o != null && step >= o.step() ? o.step() : 0;
    }

    /**
     * Returns a group's rate at a step as a float; the step path, free of allocation when cached.
     */
    float lr(int group, int step) {
        long c = lrCache.getAcquire(group);
        if ((int) (c >>> 32) == step) {
            return Float.intBitsToFloat((int) c);
        }
        return (float) read(step, group, false);
    }

    /** Returns a group's momentum at a step as a float, as fast as {@link #lr(int, int)}. */
    float momentum(int group, int step) {
        long c = momentumCache.getAcquire(group);
        if ((int) (c >>> 32) == step) {
            return Float.intBitsToFloat((int) c);
        }
        return (float) read(step, group, true);
    }

    /** Returns a group's rate at a step, as the double PyTorch computes. */
    double exactLr(int group, int step) {
        return read(step, group, false);
    }

    /** Returns a group's momentum at a step, as the double PyTorch computes. */
    double exactMomentum(int group, int step) {
        return read(step, group, true);
    }

    /** Returns the scheduler's state at a step that the rates do not show, by name. */
    Map<String, String> describe(int step) {
        boolean owns = owns();
        Sim at = owns ? ownNear(step) : null;
        if (at != null) {
            return at.describe();
        }
        synchronized (lock) {
            if (owns) {
                deposit();
            }
            Sim near = moveNear(step);
            if (near != null) {
                if (owns) {
                    take();
                }
                return near.describe();
            }
        }
        Sim own = replayFar(step);
        Map<String, String> state = own.describe();
        share(step, own, owns);
        return state;
    }

    /**
     * Moves a simulation to a step and reads a group's rate or momentum; caches every group's.
     *
     * @throws CancellationException if the thread is interrupted during a far replay
     */
    private double read(int step, int group, boolean momentum) {
        boolean owns = owns();
        Sim at = owns ? ownNear(step) : null;
        if (at != null) {
            return momentum ? at.momentum[group] : at.lr[group];
        }
        synchronized (lock) {
            if (owns) {
                deposit();
            }
            Sim near = moveNear(step);
            if (near != null) {
                if (owns) {
                    take();
                }
                return momentum ? near.momentum[group] : near.lr[group];
            }
        }
        Sim own = replayFar(step);
        double value = momentum ? own.momentum[group] : own.lr[group];
        share(step, own, owns);
        return value;
    }

    /** Returns whether the calling thread is the owner, which the first to call becomes. */
    private boolean owns() {
        long id = Thread.currentThread().getId();
        long o = owner;
        return o == id || o == 0 && OWNER.compareAndSet(this, 0L, id);
    }

    /**
     * The owner thread's simulation moved forward to a step at most {@link #OWN_STEPS} ahead,
     * without the lock, with the rates cached; null if it is not that near.
     */
    private Sim ownNear(int step) {
        Sim m = mine;
        if (m == null
                || mineGeneration != generation
                || m.steps() > step
                || step - m.steps() > OWN_STEPS) {
            return null;
        }
        try {
            m.advanceTo(step);
        } catch (RuntimeException e) {
            mine = null;
            throw e;
        }
        cacheRates(step, m);
        return m;
    }

    /**
     * The owner's simulation joins the shared ones, in a free slot or the least recently used; call
     * from the owner thread with the lock held.
     */
    private void deposit() {
        if (mine != null && mineGeneration == generation) {
            sims[sims[sims.length - 1] == null || sims[0] != null ? sims.length - 1 : 0] = mine;
        }
        mine = null;
    }

    /**
     * The owner takes the most recently used shared simulation as its own; call from the owner
     * thread with the lock held.
     */
    private void take() {
        mine = sims[0];
        mineGeneration = generation;
        System.arraycopy(sims, 1, sims, 0, sims.length - 1);
        sims[sims.length - 1] = null;
    }

    /**
     * Moves the shared simulation nearest below a step (or a new one, near the start) to it, makes
     * it the most recently used, and caches its rates; call with the lock held.
     *
     * @return the simulation at the step, or null if the step is far from every one
     */
    private Sim moveNear(int step) {
        Sim near = null;
        int slot = -1;
        for (int i = 0; i < sims.length; i++) {
            Sim s = sims[i];
            if (s != null
                    && s.steps() <= step
                    && step - s.steps() <= NEAR_STEPS
                    && (near == null || s.steps() > near.steps())) {
                near = s;
                slot = i;
            }
        }
        if (near == null && step - startOf(step) <= NEAR_STEPS) {
            near = newSim(step);
            slot = sims.length - 1;
            sims[slot] = near;
        }
        if (near == null) {
            return null;
        }
        if (slot != 0) { // the most recently used first
            sims[slot] = sims[0];
            sims[0] = near;
        }
        try {
            near.advanceTo(step);
        } catch (RuntimeException e) {
            sims[0] = null;
            throw e;
        }
        cacheRates(step, near);
        return near;
    }

    /**
     * Replays a simulation no other thread sees to a step, in slices of about 10 to 50 ms (slices
     * that take less grow, so closed forms still jump in a few slices), checking for interruption
     * between.
     *
     * @throws CancellationException if the thread is interrupted
     */
    private Sim replayFar(int step) {
        Sim s = newSim(step);
        long slice = NEAR_STEPS;
        while (s.steps() < step) {
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt(); // the caller may still need to see it
                throw new CancellationException(
                        "the replay to scheduler step "
                                + step
                                + " was interrupted at step "
                                + s.steps());
            }
            long start = System.nanoTime();
            s.advanceTo((int) Math.min(step, s.steps() + slice));
            long took = System.nanoTime() - start;
            if (took < 10_000_000L) {
                slice = Math.min(Integer.MAX_VALUE, slice * 2);
            } else if (took > 50_000_000L) {
                slice = Math.max(NEAR_STEPS, slice / 2);
            }
        }
        return s;
    }

    /**
     * Makes a replayed simulation the owner's, if the owner replayed it, else the least recently
     * used shared one, and caches its rates.
     */
    private void share(int step, Sim own, boolean owns) {
        synchronized (lock) {
            if (owns) {
                mine = own;
                mineGeneration = generation;
            } else {
                sims[sims.length - 1] = own;
            }
            cacheRates(step, own);
        }
    }

    /**
     * Caches every group's rate and momentum of a simulation; call with the lock held, or from the
     * owner thread with its own simulation.
     */
    private void cacheRates(int step, Sim s) {
        for (int g = 0; g < baseLrs.length; g++) {
            // An entry holds its step and value in one long, so a release store suffices: a reader
            // that sees the step sees its value (a volatile store would cost a fence per group).
            lrCache.setRelease(g, pack(step, s.lr[g]));
            momentumCache.setRelease(g, pack(step, s.momentum[g]));
        }
    }

    private static long pack(int step, double value) {
        return ((long) step << 32) | (Float.floatToRawIntBits((float) value) & 0xFFFFFFFFL);
    }

    /**
     * Where new simulations start: a PyTorch state at a step; before it, from the constructor if
     * {@code replayBefore} (a checkpoint of this run), else nowhere (an imported state, whose
     * metric {@code i} is that of step {@code step + i}).
     */
    private record Origin(PyTorchState state, int step, boolean replayBefore) {}

    /**
     * Makes new simulations start from a PyTorch state instead of replaying from the constructor;
     * the state is checked against the configuration first.
     *
     * @param state the state
     * @param replayBefore whether steps before it replay from the constructor (a checkpoint of this
     *     run, whose metrics are all reported) or are refused (an imported state, whose metrics are
     *     reported from its step on)
     * @throws IllegalArgumentException if the state is not one of this configuration
     * @throws UnsupportedOperationException if the schedule has no PyTorch state
     */
    void startFrom(PyTorchState state, boolean replayBefore) {
        Origin o = new Origin(state, (int) state.getSteps(), replayBefore);
        Sim s = loaded(o);
        synchronized (lock) {
            origin = o;
            sims[1] = replayBefore ? sims[0] : null;
            sims[0] = s;
            generation++;
            for (int g = 0; g < baseLrs.length; g++) {
                lrCache.set(g, EMPTY);
                momentumCache.set(g, EMPTY);
            }
        }
    }

    /** Returns the PyTorch state at a step. */
    PyTorchState state(int step) {
        synchronized (lock) {
            Sim near = moveNear(step);
            if (near != null) {
                return near.state();
            }
        }
        Sim own = replayFar(step);
        PyTorchState state = own.state();
        share(step, own, false);
        return state;
    }
}
