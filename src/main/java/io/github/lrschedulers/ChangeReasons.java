package io.github.lrschedulers;

import java.util.ArrayList;
import java.util.List;

/**
 * The reasons of an {@link LrTracker}'s rate changes: a simulation of its own that steps one
 * scheduler step at a time and asks the schedule what discrete event set each rate.
 *
 * <p>Separate from the {@link RateCache}, so that reasons cost nothing to training that does not
 * ask for them. Moving forward costs a step per step; asking for an earlier step replays from the
 * start. Thread-safe.
 */
final class ChangeReasons {

    private final Schedule schedule;
    private final double[] baseLrs;
    private final double baseMomentum;
    private final EpochRecords records;

    private final Object lock = new Object(); // guards sim and the cached reasons
    private Sim sim;

    /** The step whose reasons are cached, -1 if none; then every group's, from {@link #next}. */
    private int cachedStep = -1;

    private List<List<LrReason>> cached;

    ChangeReasons(Schedule schedule, double[] baseLrs, double baseMomentum, EpochRecords records) {
        this.schedule = schedule;
        this.baseLrs = baseLrs;
        this.baseMomentum = baseMomentum;
        this.records = records;
    }

    /**
     * Returns the reasons of a scheduler step for a group: the discrete events of the step, if its
     * rate differs from the step before's; empty otherwise and for step 0. Every group's reasons of
     * the step are computed at once, so that asking for each group costs one step.
     */
    List<LrReason> at(int group, int step) {
        if (step <= 0) {
            return List.of();
        }
        synchronized (lock) {
            if (step != cachedStep) {
                cached = next(at(step - 1));
                cachedStep = step;
            }
            return cached.get(group);
        }
    }

    /**
     * Returns the latest step, up to {@code step}, at which a group's rate changed for a reason; 0
     * if none did.
     */
    int lastChange(int group, int step) {
        synchronized (lock) {
            Sim s = at(0);
            int last = 0;
            while (s.steps() < step) {
                List<List<LrReason>> all = next(s);
                cached = all;
                cachedStep = s.steps();
                if (!all.get(group).isEmpty()) {
                    last = s.steps();
                }
            }
            return last;
        }
    }

    /** Returns the simulation at a step, replaying from the start if it is past it. */
    private Sim at(int step) {
        if (sim == null || sim.steps() > step) {
            sim = new Sim(schedule, baseLrs, baseMomentum, records::metric);
        }
        try {
            sim.advanceTo(step);
        } catch (RuntimeException e) {
            sim = null;
            throw e;
        }
        return sim;
    }

    /**
     * Moves a simulation one step and returns every group's reasons. Advancing by one step either
     * skips a step that provably changes nothing or takes it, so a changed rate was stepped.
     */
    private List<List<LrReason>> next(Sim s) {
        double[] before = s.lr.clone();
        try {
            s.advanceTo(s.steps() + 1);
        } catch (RuntimeException e) {
            sim = null;
            cachedStep = -1;
            throw e;
        }
        List<List<LrReason>> all = new ArrayList<>(before.length);
        for (int g = 0; g < before.length; g++) {
            if (Double.doubleToLongBits(s.lr[g]) == Double.doubleToLongBits(before[g])) {
                all.add(List.of());
            } else {
                List<LrReason> out = new ArrayList<>();
                s.reasons(g, out);
                all.add(List.copyOf(out));
            }
        }
        return all;
    }
}
