package io.github.lrschedulers.listener;

import io.github.lrschedulers.internal.OutputFiles;
import io.github.lrschedulers.internal.PyRepr;
import io.github.lrschedulers.spec.PythonFloats;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The learning rate of each parameter group, with the losses and accuracies of each epoch, as
 * recorded during a training run: {@link Row rows} at chosen updates, and the rate of every update.
 *
 * <p>Rows come in two kinds. An <i>update row</i> holds the rates of one optimizer update and
 * {@code NaN} metrics; an <i>epoch row</i> holds the rates of an epoch's last update and the
 * epoch's metrics ({@code NaN} where unknown, e.g. without validation). {@link LrLoggingListener}
 * records an update row every {@code n} updates and an epoch row at each epoch end, in update order
 * and one row per update: the epoch row of an update takes the place of its update row.
 *
 * <p>Besides the rows, the history keeps the rate of every update as the float the optimizer
 * applies ({@link #addUpdateRates(int, double...)}, 4 bytes per group and update), so that a plot
 * ({@link LrPlot}) draws the whole curve whatever the rows sample.
 *
 * <p>Appending is thread-safe; {@link #rows()} returns a snapshot. The CSV format ({@link
 * #writeCsv(Path)}) holds the rows, with the header
 *
 * <pre>{@code
 * update,epoch,lr_g0[,lr_g1...],momentum_g0[,momentum_g1...],train_loss,validate_loss,train_accuracy,validate_accuracy,reason
 * }</pre>
 *
 * <p>and prints numbers as Python's {@code repr} does ({@code nan} for unknown values), so every
 * double reads back exactly ({@link #readCsv(Path)}) and the file loads with pandas as it is. The
 * {@code reason} is why the rate changed since the row before ({@link
 * io.github.lrschedulers.LrTracker#getReasons(int, int)}), empty when it did not change for a
 * discrete event, quoted as CSV quotes text with commas or quotes. Files written before the column
 * existed read back with empty reasons.
 */
public final class LrHistory {

    /** The column names after the rates and momenta. */
    private static final List<String> METRICS =
            List.of("train_loss", "validate_loss", "train_accuracy", "validate_accuracy");

    /** The last column: why the rate changed. */
    private static final String REASON = "reason";

    private final int groups;
    private final List<Row> rows = new ArrayList<>();

    /** The rate of update {@code u} of group {@code g} at {@code (u - 1) * groups + g}. */
    private float[] rates = new float[0];

    private int updates;

    /**
     * Creates an empty history.
     *
     * @param groups the number of parameter groups, at least 1
     * @throws IllegalArgumentException if {@code groups < 1}
     */
    public LrHistory(int groups) {
        if (groups < 1) {
            throw new IllegalArgumentException("groups must be >= 1, but was " + groups);
        }
        this.groups = groups;
    }

    /**
     * Returns the number of parameter groups: the length of each row's rates and momenta.
     *
     * @return the number of groups
     */
    public int getGroups() {
        return groups;
    }

    /**
     * Appends a row.
     *
     * @param row the row
     * @throws IllegalArgumentException if the row's number of groups is not this history's
     */
    public void add(Row row) {
        Objects.requireNonNull(row, "row");
        if (row.lr.length != groups) {
            throw new IllegalArgumentException(
                    "row must have " + groups + " groups, but has " + row.lr.length);
        }
        synchronized (rows) {
            rows.add(row);
        }
    }

    /**
     * Returns the rows recorded so far, in the order they were added.
     *
     * @return an immutable snapshot of the rows
     */
    public List<Row> rows() {
        synchronized (rows) {
            return List.copyOf(rows);
        }
    }

    /**
     * Returns the number of rows.
     *
     * @return the number of rows
     */
    public int size() {
        synchronized (rows) {
            return rows.size();
        }
    }

    /**
     * Returns whether no row has been recorded.
     *
     * @return {@code true} if there are no rows
     */
    public boolean isEmpty() {
        return size() == 0;
    }

    /**
     * Returns the row added last.
     *
     * @return the last row
     * @throws NoSuchElementException if the history is empty
     */
    public Row last() {
        synchronized (rows) {
            if (rows.isEmpty()) {
                throw new NoSuchElementException("the history is empty");
            }
            return rows.get(rows.size() - 1);
        }
    }

    /**
     * Records the learning rate of each group at an update, as the float the optimizer applies.
     * Updates are recorded in order from 1; recording an update again replaces its rates.
     *
     * @param update the update, from 1, at most {@link #getUpdateCount()} {@code + 1}
     * @param lr the learning rate of each group
     * @throws IllegalArgumentException if {@code update} is out of that range or {@code lr} does
     *     not have one value per group
     */
    public void addUpdateRates(int update, double... lr) {
        Objects.requireNonNull(lr, "lr");
        if (lr.length != groups) {
            throw new IllegalArgumentException(
                    "lr must have " + groups + " groups, but has " + lr.length);
        }
        synchronized (rows) {
            if (update < 1 || update > updates + 1) {
                throw new IllegalArgumentException(
                        "update must be in [1, " + (updates + 1) + "], but was " + update);
            }
            if (update > updates) {
                if ((long) update * groups > rates.length) {
                    long capacity = Math.max(16L * groups, 2L * rates.length);
                    rates = Arrays.copyOf(rates, (int) Math.min(capacity, Integer.MAX_VALUE - 8));
                }
                updates = update;
            }
            for (int g = 0; g < groups; g++) {
                rates[(update - 1) * groups + g] = (float) lr[g];
            }
        }
    }

    /**
     * Forgets the rates of the updates after the given one.
     *
     * @param update the last update to keep
     */
    void keepUpdateRatesUpTo(int update) {
        synchronized (rows) {
            updates = Math.max(0, Math.min(updates, update));
        }
    }

    /**
     * Returns the number of updates whose rates are recorded: updates 1 to this number.
     *
     * @return the number of updates recorded by {@link #addUpdateRates(int, double...)}
     */
    public int getUpdateCount() {
        synchronized (rows) {
            return updates;
        }
    }

    /**
     * Returns the learning rate of a group at every recorded update.
     *
     * @param group the parameter group
     * @return the rates, the rate of update {@code u} at index {@code u - 1}
     * @throws IndexOutOfBoundsException if there is no such group
     */
    public float[] getUpdateRates(int group) {
        Objects.checkIndex(group, groups);
        synchronized (rows) {
            float[] out = new float[updates];
            for (int i = 0; i < updates; i++) {
                out[i] = rates[i * groups + group];
            }
            return out;
        }
    }

    /**
     * Returns the CSV header of a history with the given number of groups.
     *
     * @param groups the number of parameter groups
     * @return the header line, without a line break
     */
    public static String csvHeader(int groups) {
        List<String> columns = new ArrayList<>();
        columns.add("update");
        columns.add("epoch");
        for (int g = 0; g < groups; g++) {
            columns.add("lr_g" + g);
        }
        for (int g = 0; g < groups; g++) {
            columns.add("momentum_g" + g);
        }
        columns.addAll(METRICS);
        columns.add(REASON);
        return String.join(",", columns);
    }

    /**
     * Writes the rows as CSV (see the class description), replacing the file if it exists. The file
     * is written whole or not at all: into a temporary file beside it, then moved into place.
     *
     * @param file the file to write
     * @throws IOException if the file cannot be written
     */
    public void writeCsv(Path file) throws IOException {
        List<Row> snapshot = rows();
        OutputFiles.write(
                file,
                out -> {
                    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                    w.write(csvHeader(groups));
                    w.write('\n');
                    for (Row r : snapshot) {
                        w.write(csvLine(r));
                        w.write('\n');
                    }
                    w.flush();
                });
    }

    /**
     * Returns a row as a CSV line of {@link #writeCsv(Path)}, without a line break.
     *
     * @param r the row
     * @return the line
     */
    static String csvLine(Row r) {
        StringBuilder sb = new StringBuilder();
        sb.append(PyRepr.repr(r.update)).append(',').append(PyRepr.repr(r.epoch));
        for (double v : r.lr) {
            sb.append(',').append(PyRepr.repr(v));
        }
        for (double v : r.momentum) {
            sb.append(',').append(PyRepr.repr(v));
        }
        for (double v : r.metrics()) {
            sb.append(',').append(PyRepr.repr(v));
        }
        sb.append(',');
        String reason = r.reason().replace('\n', ' ');
        if (reason.contains(",") || reason.contains("\"")) {
            sb.append('"').append(reason.replace("\"", "\"\"")).append('"');
        } else {
            sb.append(reason);
        }
        return sb.toString();
    }

    /**
     * Reads a history written by {@link #writeCsv(Path)}.
     *
     * @param file the CSV file
     * @return the history, with equal rows
     * @throws IOException if the file cannot be read or is not in this format; the message names
     *     the line
     */
    public static LrHistory readCsv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new IOException(file + ": empty file, expected the header " + csvHeader(1));
        }
        String header = lines.get(0);
        int groups = 0;
        while (header.contains(",lr_g" + groups + ",")) {
            groups++;
        }
        String current = csvHeader(groups);
        boolean withReason = header.equals(current);
        if (groups == 0
                || !withReason && !header.equals(current.substring(0, current.lastIndexOf(',')))) {
            throw new IOException(
                    file + ":1: header must be like " + csvHeader(1) + ", but was " + header);
        }
        LrHistory history = new LrHistory(groups);
        int columns = 2 + 2 * groups + METRICS.size() + (withReason ? 1 : 0);
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty()) {
                continue;
            }
            // The reason is last: whatever follows the numbers' commas.
            String[] cells = line.split(",", withReason ? columns : -1);
            if (cells.length != columns) {
                throw new IOException(
                        file
                                + ":"
                                + (i + 1)
                                + ": expected "
                                + columns
                                + " values, but found "
                                + cells.length);
            }
            try {
                double[] lr = new double[groups];
                double[] momentum = new double[groups];
                for (int g = 0; g < groups; g++) {
                    lr[g] = PythonFloats.parse(cells[2 + g]);
                    momentum[g] = PythonFloats.parse(cells[2 + groups + g]);
                }
                int m = 2 + 2 * groups;
                history.add(
                        new Row(
                                Integer.parseInt(cells[0]),
                                Integer.parseInt(cells[1]),
                                lr,
                                momentum,
                                PythonFloats.parse(cells[m]),
                                PythonFloats.parse(cells[m + 1]),
                                PythonFloats.parse(cells[m + 2]),
                                PythonFloats.parse(cells[m + 3]),
                                withReason ? unquote(cells[m + 4]) : ""));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return history;
    }

    /** Reads a CSV cell of text, quoted or not. */
    private static String unquote(String cell) {
        if (cell.length() >= 2 && cell.startsWith("\"") && cell.endsWith("\"")) {
            return cell.substring(1, cell.length() - 1).replace("\"\"", "\"");
        }
        if (cell.contains("\"")) {
            throw new IllegalArgumentException("a reason with a quote must be quoted: " + cell);
        }
        return cell;
    }

    /**
     * One recorded point: the rates and momenta of an update, with the metrics of its epoch if the
     * row ends an epoch.
     *
     * @param update the optimizer update, from 1 (DJL's numbering; 0 before the first update)
     * @param epoch the epoch the update belongs to, from 1
     * @param lr the learning rate of each parameter group
     * @param momentum the momentum of each parameter group, {@code NaN} if not recorded
     * @param trainLoss the epoch's training loss, {@code NaN} if unknown or an update row
     * @param validateLoss the epoch's validation loss, {@code NaN} if unknown or an update row
     * @param trainAccuracy the epoch's training accuracy, {@code NaN} if unknown or an update row
     * @param validateAccuracy the epoch's validation accuracy, {@code NaN} if unknown or an update
     *     row
     * @param reason why the rate changed since the row before, for discrete events of the schedule
     *     ({@link io.github.lrschedulers.LrTracker#getReasons(int, int)}); empty if it did not
     */
    public record Row(
            int update,
            int epoch,
            double[] lr,
            double[] momentum,
            double trainLoss,
            double validateLoss,
            double trainAccuracy,
            double validateAccuracy,
            String reason) {

        /**
         * Creates a row, copying the arrays.
         *
         * @throws IllegalArgumentException if {@code lr} is empty or {@code momentum} has another
         *     length
         */
        public Row {
            Objects.requireNonNull(lr, "lr");
            Objects.requireNonNull(momentum, "momentum");
            if (lr.length == 0 || momentum.length != lr.length) {
                throw new IllegalArgumentException(
                        "lr and momentum must have one value per group, but had "
                                + lr.length
                                + " and "
                                + momentum.length);
            }
            lr = lr.clone();
            momentum = momentum.clone();
            Objects.requireNonNull(reason, "reason");
        }

        /**
         * Creates a row without a reason.
         *
         * @param update the optimizer update, from 1
         * @param epoch the epoch the update belongs to, from 1
         * @param lr the learning rate of each parameter group
         * @param momentum the momentum of each parameter group, {@code NaN} if not recorded
         * @param trainLoss the epoch's training loss, {@code NaN} if unknown
         * @param validateLoss the epoch's validation loss, {@code NaN} if unknown
         * @param trainAccuracy the epoch's training accuracy, {@code NaN} if unknown
         * @param validateAccuracy the epoch's validation accuracy, {@code NaN} if unknown
         * @throws IllegalArgumentException if {@code lr} is empty or {@code momentum} has another
         *     length
         */
        public Row(
                int update,
                int epoch,
                double[] lr,
                double[] momentum,
                double trainLoss,
                double validateLoss,
                double trainAccuracy,
                double validateAccuracy) {
            this(
                    update,
                    epoch,
                    lr,
                    momentum,
                    trainLoss,
                    validateLoss,
                    trainAccuracy,
                    validateAccuracy,
                    "");
        }

        /**
         * Returns the learning rate of each parameter group.
         *
         * @return a copy of the rates
         */
        @Override
        public double[] lr() {
            return lr.clone();
        }

        /**
         * Returns the momentum of each parameter group.
         *
         * @return a copy of the momenta
         */
        @Override
        public double[] momentum() {
            return momentum.clone();
        }

        /**
         * Returns the learning rate of one parameter group.
         *
         * @param group the group
         * @return the rate
         */
        public double lr(int group) {
            return lr[group];
        }

        private double[] metrics() {
            return new double[] {trainLoss, validateLoss, trainAccuracy, validateAccuracy};
        }

        /** {@inheritDoc} */
        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof Row)) {
                return false;
            }
            Row r = (Row) o;
            return update == r.update
                    && epoch == r.epoch
                    && Arrays.equals(lr, r.lr)
                    && Arrays.equals(momentum, r.momentum)
                    && Arrays.equals(metrics(), r.metrics())
                    && reason.equals(r.reason);
        }

        /** {@inheritDoc} */
        @Override
        public int hashCode() {
            return Objects.hash(
                    update,
                    epoch,
                    Arrays.hashCode(lr),
                    Arrays.hashCode(momentum),
                    Arrays.hashCode(metrics()),
                    reason);
        }

        /** {@inheritDoc} */
        @Override
        public String toString() {
            return "Row(update="
                    + update
                    + ", epoch="
                    + epoch
                    + ", lr="
                    + Arrays.toString(lr)
                    + ", momentum="
                    + Arrays.toString(momentum)
                    + ", trainLoss="
                    + trainLoss
                    + ", validateLoss="
                    + validateLoss
                    + ", trainAccuracy="
                    + trainAccuracy
                    + ", validateAccuracy="
                    + validateAccuracy
                    + ", reason="
                    + reason
                    + ")";
        }
    }
}
