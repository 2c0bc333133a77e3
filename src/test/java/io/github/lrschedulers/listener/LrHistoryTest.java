package io.github.lrschedulers.listener;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LrHistoryTest {

    private static final double NAN = Double.NaN;

    @TempDir Path dir;

    private static LrHistory.Row row(int update, int epoch, double lr0, double lr1) {
        return new LrHistory.Row(
                update,
                epoch,
                new double[] {lr0, lr1},
                new double[] {0.9, NAN},
                NAN,
                NAN,
                NAN,
                NAN);
    }

    /** Doubles that a sloppy printer or parser would not bring back bit for bit. */
    private static double[] awkward() {
        return new double[] {
            0.1 + 0.2,
            1.0 / 3,
            Double.MIN_VALUE,
            Double.MIN_NORMAL,
            Double.MAX_VALUE,
            -0.0,
            0.0,
            1e16,
            1e-5,
            123456789.123456789,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            NAN,
            Math.nextUp(1.0),
            (double) 0.1f
        };
    }

    @Test
    void csvRoundTripIsExact() throws IOException {
        LrHistory h = new LrHistory(2);
        double[] awkward = awkward();
        Random random = new Random(42);
        for (int i = 0; i < awkward.length; i++) {
            double a = awkward[i];
            double b = awkward[awkward.length - 1 - i];
            h.add(new LrHistory.Row(i, 1, new double[] {a, b}, new double[] {b, a}, a, b, a, b));
        }
        for (int i = 0; i < 500; i++) {
            double[] v = new double[8];
            for (int k = 0; k < v.length; k++) {
                v[k] = Double.longBitsToDouble(random.nextLong());
            }
            h.add(
                    new LrHistory.Row(
                            1000 + i,
                            2 + i / 100,
                            new double[] {v[0], random.nextDouble()},
                            new double[] {v[1], v[2]},
                            v[3],
                            v[4],
                            v[5],
                            v[6]));
        }
        Path csv = dir.resolve("h.csv");
        h.writeCsv(csv);

        LrHistory back = LrHistory.readCsv(csv);
        assertEquals(2, back.getGroups());
        assertEquals(h.rows(), back.rows());
        assertEquals(
                Double.doubleToRawLongBits(-0.0),
                Double.doubleToRawLongBits(back.rows().get(5).lr(0)));
        assertEquals(0.0, back.rows().get(6).lr(0));
        assertEquals(
                Double.doubleToRawLongBits(0.0),
                Double.doubleToRawLongBits(back.rows().get(6).lr(0)));

        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals(
                "update,epoch,lr_g0,lr_g1,momentum_g0,momentum_g1,"
                        + "train_loss,validate_loss,train_accuracy,validate_accuracy,reason",
                lines.get(0));
        assertEquals(1 + h.size(), lines.size());
        // Python's repr: what pandas reads back.
        assertEquals(
                "0,1,0.30000000000000004,0.10000000149011612,0.10000000149011612,"
                        + "0.30000000000000004,0.30000000000000004,0.10000000149011612,"
                        + "0.30000000000000004,0.10000000149011612,",
                lines.get(1));
        assertTrue(lines.get(13).contains(",nan,"), lines.get(13));
        assertTrue(lines.get(11).startsWith("10,1,inf,1.7976931348623157e+308,"), lines.get(11));
        assertTrue(lines.get(12).startsWith("11,1,-inf,2.2250738585072014e-308,"), lines.get(12));
    }

    @Test
    void headerOfOneGroup() {
        assertEquals(
                "update,epoch,lr_g0,momentum_g0,train_loss,validate_loss,"
                        + "train_accuracy,validate_accuracy,reason",
                LrHistory.csvHeader(1));
    }

    @Test
    void readCsvNamesTheBadLine() throws IOException {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(
                csv, LrHistory.csvHeader(1) + "\n1,1,0.1,nan,nan,nan,nan,nan,\n1,1,0.1\n");
        IOException e = assertThrows(IOException.class, () -> LrHistory.readCsv(csv));
        assertTrue(e.getMessage().endsWith(":3: expected 9 values, but found 3"), e.getMessage());

        Files.writeString(csv, LrHistory.csvHeader(1) + "\n1,1,zero,nan,nan,nan,nan,nan,\n");
        e = assertThrows(IOException.class, () -> LrHistory.readCsv(csv));
        assertTrue(e.getMessage().contains(":2: "), e.getMessage());

        Files.writeString(csv, "step,lr\n1,0.1\n");
        e = assertThrows(IOException.class, () -> LrHistory.readCsv(csv));
        assertTrue(e.getMessage().contains(":1: header must be like"), e.getMessage());
    }

    @Test
    void rowsAreImmutable() {
        double[] lr = {0.1, 0.01};
        double[] momentum = {0.9, 0.8};
        LrHistory.Row r = new LrHistory.Row(3, 1, lr, momentum, 1, 2, 3, 4);
        lr[0] = 7;
        momentum[0] = 7;
        r.lr()[1] = 7;
        r.momentum()[1] = 7;
        assertArrayEquals(new double[] {0.1, 0.01}, r.lr());
        assertArrayEquals(new double[] {0.9, 0.8}, r.momentum());
        assertEquals(0.01, r.lr(1));
        assertEquals(r, new LrHistory.Row(3, 1, new double[] {0.1, 0.01}, momentum(), 1, 2, 3, 4));
        assertEquals(
                r.hashCode(),
                new LrHistory.Row(3, 1, new double[] {0.1, 0.01}, momentum(), 1, 2, 3, 4)
                        .hashCode());
        assertNotEquals(
                r, new LrHistory.Row(3, 1, new double[] {0.1, 0.01}, momentum(), 1, 2, 3, 5));

        LrHistory h = new LrHistory(2);
        h.add(r);
        assertThrows(UnsupportedOperationException.class, () -> h.rows().add(r));
    }

    private static double[] momentum() {
        return new double[] {0.9, 0.8};
    }

    @Test
    void rejectsInconsistentGroups() {
        LrHistory h = new LrHistory(2);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                h.add(
                                        new LrHistory.Row(
                                                1,
                                                1,
                                                new double[] {0.1},
                                                new double[] {NAN},
                                                NAN,
                                                NAN,
                                                NAN,
                                                NAN)));
        assertEquals("row must have 2 groups, but has 1", e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                new LrHistory.Row(
                                        1, 1, new double[] {0.1}, new double[0], 0, 0, 0, 0));
        assertEquals(
                "lr and momentum must have one value per group, but had 1 and 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LrHistory(0));
        assertEquals("groups must be >= 1, but was 0", e.getMessage());
    }

    @Test
    void lastIsTheRowAddedLast() {
        LrHistory h = new LrHistory(2);
        assertThrows(NoSuchElementException.class, h::last);
        assertTrue(h.isEmpty());
        h.add(row(1, 1, 0.1, 0.2));
        h.add(row(2, 1, 0.3, 0.4));
        assertEquals(row(2, 1, 0.3, 0.4), h.last());
        assertEquals(2, h.size());
    }

    @Test
    void concurrentAppendsKeepEveryRow() throws Exception {
        LrHistory h = new LrHistory(2);
        int threads = 8;
        int perThread = 2000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * perThread;
                futures.add(
                        pool.submit(
                                () -> {
                                    for (int i = 0; i < perThread; i++) {
                                        h.add(row(base + i, 1, i, -i));
                                    }
                                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        List<LrHistory.Row> rows = h.rows();
        assertEquals(threads * perThread, rows.size());
        boolean[] seen = new boolean[threads * perThread];
        for (LrHistory.Row r : rows) {
            assertTrue(!seen[r.update()], "row " + r.update() + " twice");
            seen[r.update()] = true;
        }
    }

    @Test
    void keepsTheRateOfEveryUpdateAsTheFloatTheOptimizerApplies() {
        LrHistory h = new LrHistory(2);
        assertEquals(0, h.getUpdateCount());
        assertArrayEquals(new float[0], h.getUpdateRates(1));
        for (int u = 1; u <= 100; u++) {
            h.addUpdateRates(u, 0.1 / u, 0.01 / u);
        }
        assertEquals(100, h.getUpdateCount());
        float[] g0 = h.getUpdateRates(0);
        float[] g1 = h.getUpdateRates(1);
        assertEquals(100, g0.length);
        for (int u = 1; u <= 100; u++) {
            assertEquals((float) (0.1 / u), g0[u - 1], "update " + u);
            assertEquals((float) (0.01 / u), g1[u - 1], "update " + u);
        }
        // The same update again replaces its rates; a copy is returned.
        h.addUpdateRates(100, 7, 8);
        g0[0] = 42;
        assertEquals(7f, h.getUpdateRates(0)[99]);
        assertEquals(0.1f, h.getUpdateRates(0)[0]);
        assertEquals(100, h.getUpdateCount());
        assertTrue(h.isEmpty(), "rates are not rows");

        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> h.addUpdateRates(102, 1, 1));
        assertEquals("update must be in [1, 101], but was 102", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> h.addUpdateRates(0, 1, 1));
        assertEquals("update must be in [1, 101], but was 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> h.addUpdateRates(101, 1));
        assertEquals("lr must have 2 groups, but has 1", e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> h.getUpdateRates(2));
    }

    @Test
    void writeCsvReplacesTheFileWholeAndLeavesNoTemporaryFile() throws IOException {
        Path csv = dir.resolve("h.csv");
        Files.writeString(csv, "an older, longer file\n".repeat(100));
        LrHistory h = new LrHistory(2);
        h.add(row(1, 1, 0.1, 0.2));
        h.writeCsv(csv);
        assertEquals(h.rows(), LrHistory.readCsv(csv).rows());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(csv), files.toList());
        }
    }
}
