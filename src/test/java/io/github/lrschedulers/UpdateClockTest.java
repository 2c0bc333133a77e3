package io.github.lrschedulers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The update clock: which scheduler step each of DJL's updates is at, in the three modes. */
class UpdateClockTest {

    @Test
    void perUpdateAndPerEpochOfKUpdates() {
        for (int k : new int[] {1, 2, 7}) {
            UpdateClock clock = new UpdateClock(k, false, new EpochRecords());
            for (int n = 1; n <= 50; n++) {
                assertEquals(Math.floorDiv(n - 1, k), clock.stepOf(n), "k " + k + ", update " + n);
            }
        }
    }

    @Test
    void atEpochEndsCountsTheEndsBeforeTheUpdate() {
        EpochRecords records = new EpochRecords();
        UpdateClock clock = new UpdateClock(1, true, records);
        // Uneven epochs, an empty one (two equal ends), a first epoch of no update.
        int[] ends = {0, 3, 3, 8, 9, 20};
        for (int recorded = 0; recorded <= ends.length; recorded++) {
            if (recorded > 0) {
                clock.epochEnded(ends[recorded - 1]);
            }
            for (int n = 1; n <= 25; n++) {
                int before = 0;
                for (int i = 0; i < recorded; i++) {
                    before += ends[i] <= n - 1 ? 1 : 0;
                }
                assertEquals(before, clock.stepOf(n), recorded + " ends, update " + n);
            }
        }
        assertEquals(ends.length, records.epochEndCount());
    }

    @Test
    void atEpochEndsTheTrackerGivesTheRateOfThatStep() {
        Schedule schedule = StepLr.builder().setStepSize(2).optGamma(0.5).build();
        LrTracker perStep = LrTracker.of(schedule, 0.1);
        LrTracker atEnds =
                LrTracker.builder()
                        .setSchedule(schedule)
                        .optBaseLr(0.1)
                        .optStepAtEpochEnds()
                        .build();
        int[] ends = {4, 5, 9, 9, 14};
        int epoch = 0;
        for (int n = 1; n <= 20; n++) {
            assertEquals(perStep.getLr(0, epoch + 1), atEnds.getLr(0, n), "update " + n);
            assertEquals(perStep.getNewValue(epoch + 1), atEnds.getNewValue(n), "update " + n);
            while (epoch < ends.length && ends[epoch] == n) {
                atEnds.epochEnded(n);
                epoch++;
            }
        }
    }

    @Test
    void latestUpdateIsTheHighestAsked() {
        UpdateClock clock = new UpdateClock(1, false, new EpochRecords());
        assertEquals(0, clock.latestUpdate());
        clock.asked(5);
        clock.asked(3);
        assertEquals(5, clock.latestUpdate());
    }

    @Test
    void rejections() {
        UpdateClock perUpdate = new UpdateClock(3, false, new EpochRecords());
        IllegalArgumentException zero =
                assertThrows(IllegalArgumentException.class, () -> perUpdate.stepOf(0));
        assertEquals(
                "numUpdate must be >= 1 (DJL's first update is 1), but was 0", zero.getMessage());
        IllegalStateException notAtEnds =
                assertThrows(IllegalStateException.class, () -> perUpdate.epochEnded(4));
        assertEquals(
                "epochEnded is for a tracker built with optStepAtEpochEnds(); this one steps every"
                        + " 3 updates",
                notAtEnds.getMessage());
        UpdateClock atEnds = new UpdateClock(1, true, new EpochRecords());
        atEnds.epochEnded(6);
        IllegalArgumentException back =
                assertThrows(IllegalArgumentException.class, () -> atEnds.epochEnded(5));
        assertEquals("updates must be >= the previous epoch end (6), but was 5", back.getMessage());
        UpdateClock fresh = new UpdateClock(1, true, new EpochRecords());
        IllegalArgumentException negative =
                assertThrows(IllegalArgumentException.class, () -> fresh.epochEnded(-1));
        assertEquals(
                "updates must be >= the previous epoch end (0), but was -1", negative.getMessage());
    }
}
