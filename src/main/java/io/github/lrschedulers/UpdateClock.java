package io.github.lrschedulers;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The clock of an {@link LrTracker}: which scheduler step DJL's update {@code n} (from 1) is at,
 * and the latest update the optimizer has asked for.
 *
 * <p>Update {@code n} is at step {@code n - 1} when stepping per update (always for a schedule
 * {@linkplain Schedule#isReadAtUpdateCounter() read at the update counter}, as {@link LrCurve}
 * does), {@code floor((n - 1) / K)} when stepping per epoch of {@code K} updates, and the number of
 * epochs that ended before it when stepping at recorded epoch ends. Thread-safe.
 */
final class UpdateClock {

    private static final VarHandle OWNER;
    private static final VarHandle OWNER_LATEST;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            OWNER = lookup.findVarHandle(UpdateClock.class, "owner", long.class);
            OWNER_LATEST = lookup.findVarHandle(UpdateClock.class, "ownerLatest", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int stepsPerEpoch;
    private final boolean atEpochEnds;
    private final boolean perUpdate;
    private final EpochRecords records;

    // The latest update asked for is the greater of two: the one the thread that asked first (the
    // training thread, as a rule) asked for, which only that thread writes, so that it costs no
    // atomic operation, and the one the other threads asked for. The owner by its id (0: none), as
    // RateCache's.
    @SuppressWarnings("unused") // through OWNER
    private volatile long owner;

    private volatile int ownerLatest;
    private final AtomicInteger othersLatest = new AtomicInteger();

    /**
     * Creates a clock at update 0.
     *
     * @param stepsPerEpoch the updates per scheduler step, 1 when stepping per update
     * @param atEpochEnds whether to step at the epoch ends of {@code records} instead
     * @param records where the epoch ends are recorded
     */
    UpdateClock(int stepsPerEpoch, boolean atEpochEnds, EpochRecords records) {
        this(stepsPerEpoch, atEpochEnds, records, false);
    }

    /**
     * Creates a clock at update 0.
     *
     * @param stepsPerEpoch the updates per scheduler step, 1 when stepping per update
     * @param atEpochEnds whether to step at the epoch ends of {@code records} instead
     * @param records where the epoch ends are recorded
     * @param readAtCounter whether the schedule is read at the update counter: a step per update
     *     whatever the two above (epoch ends are still recorded)
     */
    UpdateClock(
            int stepsPerEpoch, boolean atEpochEnds, EpochRecords records, boolean readAtCounter) {
        this.stepsPerEpoch = stepsPerEpoch;
        this.atEpochEnds = atEpochEnds;
        this.records = records;
        this.perUpdate = readAtCounter || (stepsPerEpoch == 1 && !atEpochEnds);
    }

    /**
     * Returns the scheduler step of an update.
     *
     * @throws IllegalArgumentException if {@code numUpdate < 1}
     */
    int stepOf(int numUpdate) {
        if (numUpdate < 1) {
            throw new IllegalArgumentException(
                    "numUpdate must be >= 1 (DJL's first update is 1), but was " + numUpdate);
        }
        if (perUpdate) {
            return numUpdate - 1; // a step per update: no division on the hot path
        }
        if (atEpochEnds) {
            return records.endsBefore(numUpdate);
        }
        return (numUpdate - 1) / stepsPerEpoch;
    }

    /** Notes that the optimizer asked for an update. */
    void asked(int numUpdate) {
        if (numUpdate <= ownerLatest) {
            return; // nothing new, whoever asks
        }
        long id = Thread.currentThread().getId();
        long o = owner;
        if (o == id || o == 0 && OWNER.compareAndSet(this, 0L, id)) {
            OWNER_LATEST.setRelease(this, numUpdate); // only the owner writes it
        } else if (numUpdate > othersLatest.get()) {
            othersLatest.accumulateAndGet(numUpdate, Math::max);
        }
    }

    /** Returns the highest update the optimizer has asked for, 0 before the first. */
    int latestUpdate() {
        return Math.max(ownerLatest, othersLatest.get());
    }

    /**
     * Records that an epoch ended after {@code updates} updates.
     *
     * @throws IllegalStateException if this clock does not step at epoch ends
     * @throws IllegalArgumentException if {@code updates} is below an earlier epoch end
     */
    void epochEnded(int updates) {
        if (!atEpochEnds) {
            throw new IllegalStateException(
                    "epochEnded is for a tracker built with optStepAtEpochEnds(); this one steps"
                            + " every "
                            + stepsPerEpoch
                            + " updates");
        }
        records.addEpochEnd(updates);
    }

    int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    boolean atEpochEnds() {
        return atEpochEnds;
    }
}
