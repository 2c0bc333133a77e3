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

    private final Object lock = new Object(); // guards sim
    private Sim sim;

    ChangeReasons(Schedule schedule, double[] baseLrs, double baseMomentum, EpochRecords records) {
        this.schedule = schedule;
        this.baseLrs = baseLrs;
        this.baseMomentum = baseMomentum;
        this.records = records;
    }

    /**
     * Returns the reasons of a scheduler step for a group: the discrete events of the step, if its
     * rate differs from the step before's; empty otherwise and for step 0.
     */
    List<LrReason> at(int group, int step) {
        if (step <= 0) {
            return List.of();
        }
        synchronized (lock) {
            Sim s = at(step - 1);
            return next(s, group);
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
                if (!next(s, group).isEmpty()) {
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
     * Moves a simulation one step and returns its reasons for a group. Advancing by one step either
     * skips a step that provably changes nothing or takes it, so a changed rate was stepped.
     */
    private List<LrReason> next(Sim s, int group) {
        double before = s.lr[group];
        try {
            s.advanceTo(s.steps() + 1);
        } catch (RuntimeException e) {
            sim = null;
            throw e;
        }
        if (Double.doubleToLongBits(s.lr[group]) == Double.doubleToLongBits(before)) {
            return List.of();
        }
        List<LrReason> out = new ArrayList<>();
        s.reasons(group, out);
        return List.copyOf(out);
    }
}
