package io.github.lrschedulers.tools;

import io.github.lrschedulers.LrCurve;
import io.github.lrschedulers.Schedule;
import io.github.lrschedulers.spec.PythonFloats;
import io.github.lrschedulers.spec.ScheduleSpec;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code lr-curve} tool: prints the learning rates a PyTorch scheduler spec gives, exactly as
 * the reference harness {@code torch_curve.py} (one case) or {@code torch_batch.py} ({@code
 * --batch}) prints them for real PyTorch, so that the outputs can be compared with {@code diff}.
 *
 * <pre>
 * java -jar lr-curve.jar SPEC STEPS [--lr 0.1[,0.01,...]] [--metrics m0,m1,...] [--momentum]
 *                                   [--steps-per-epoch K]
 * java -jar lr-curve.jar --batch &lt; cases.jsonl
 * </pre>
 *
 * <p>One case prints a line {@code k,lr_g0[,lr_g1...][,mom_g0...]} for each update {@code k = 0 ..
 * STEPS-1}, numbers as Python's {@code repr}. The optimizer is SGD with momentum 0.9 and one
 * parameter group per {@code --lr} value (default 0.1); the scheduler is stepped once per {@code K}
 * updates (default 1); ReduceLROnPlateau's step {@code i} gets {@code metrics[i]}, or the last
 * metric once they run out. Numbers are read as Python's {@code float()} and {@code int()} read
 * them. Unlike the harness, nothing is printed for a configuration rejected at a later step.
 *
 * <p>{@code --batch} reads JSON lines {@code {"spec", "steps", "lr", "metrics", "steps_per_epoch",
 * "momentum"}} (missing ones take the harness's defaults; {@code lr} and {@code metrics} are comma
 * strings as the harness reads them, or JSON arrays of numbers) and writes one JSON line per case,
 * in order and flushed: {@code {"lr": [[...], ...]}} plus {@code "momentum"} when asked, or {@code
 * {"error": "message"}} when the configuration is rejected or the line is not a case. A line is
 * read as strictly as Python's {@code json.loads} reads it ({@link StrictJson}); an unknown key is
 * an error naming it ({@code name} and {@code expected}, of the golden files, are ignored); blank
 * lines are skipped. A case asking for more than {@value #MAX_VALUES} values or {@value
 * #MAX_GROUPS} groups, or a line longer than {@value #MAX_LINE_CHARS} characters, is an error line
 * and the batch goes on. Error messages quote at most a few hundred characters of the input.
 *
 * <p>Exit codes: 0 on success, 2 when the library rejects the configuration ({@code error: ...} on
 * standard error), 64 on a usage error, 1 on an unexpected failure.
 */
public final class LrCurveTool {

    /** Exit code of a successful run. */
    static final int EXIT_OK = 0;

    /** Exit code of an unexpected failure: an exception the library does not document. */
    static final int EXIT_FAILURE = 1;

    /** Exit code when the library rejects the configuration. */
    static final int EXIT_REJECTED = 2;

    /** Exit code of a usage error (BSD's {@code EX_USAGE}). */
    static final int EXIT_USAGE = 64;

    /** The momentum of the harness's SGD optimizer. */
    static final double MOMENTUM = 0.9;

    static final String USAGE =
            "usage: lr-curve SPEC STEPS [--lr LR[,LR...]] [--metrics M[,M...]] [--momentum]\n"
                    + "                [--steps-per-epoch K]\n"
                    + "       lr-curve --batch < cases.jsonl\n"
                    + "\n"
                    + "Prints the learning rate of every update k = 0..STEPS-1 as \"k,lr[,lr...]\"\n"
                    + "(one value per parameter group, then the momentums with --momentum),\n"
                    + "exactly as the PyTorch reference harness torch_curve.py prints them.\n"
                    + "\n"
                    + "  SPEC                 a PyTorch scheduler call without the optimizer,\n"
                    + "                       e.g. \"OneCycleLR(max_lr=0.1, total_steps=100)\"\n"
                    + "                       lengths relative to the run (total_steps=1.0*run,\n"
                    + "                       T_max=3*epoch) resolve for STEPS updates in epochs\n"
                    + "                       of K (--steps-per-epoch) updates\n"
                    + "  STEPS                the number of optimizer updates\n"
                    + "  --lr LR[,LR...]      the lr of each parameter group (default: 0.1)\n"
                    + "  --metrics M[,M...]   the metric of each ReduceLROnPlateau step; the last\n"
                    + "                       one repeats\n"
                    + "  --momentum           also print each group's momentum (SGD, 0.9)\n"
                    + "  --steps-per-epoch K  step the scheduler once per K updates (default: 1)\n"
                    + "  --batch              read JSON lines {\"spec\", \"steps\", \"lr\", \"metrics\",\n"
                    + "                       \"steps_per_epoch\", \"momentum\"} on stdin (lr and\n"
                    + "                       metrics as \"0.1,0.01\" or [0.1, 0.01]) and write\n"
                    + "                       {\"lr\": [[...]], \"momentum\": [[...]]} or {\"error\": ...}\n"
                    + "                       per line, as torch_batch.py does; JSON as strict as\n"
                    + "                       Python's json.loads, unknown keys rejected\n"
                    + "\n"
                    + "Exit status: 0 ok, 2 configuration rejected, 64 usage error.\n";

    /** The keys of a {@code --batch} case. */
    static final List<String> KEYS =
            List.of("spec", "steps", "lr", "metrics", "steps_per_epoch", "momentum");

    /** Keys of the golden files' cases that the tool reads past: a name, and PyTorch's answer. */
    static final List<String> IGNORED_KEYS = List.of("name", "expected");

    /** The most parameter groups a case may have. */
    static final int MAX_GROUPS = 10_000;

    /** The most values (updates times groups, momentums included) one case may ask for. */
    static final long MAX_VALUES = 5_000_000;

    /** The longest {@code --batch} line read, in characters; a longer one is an error line. */
    static final int MAX_LINE_CHARS = 16 << 20;

    /** The longest piece of input an error message quotes. */
    static final int MAX_QUOTE_CHARS = 200;

    private static final List<String> VALUE_OPTIONS =
            List.of("--lr", "--metrics", "--steps-per-epoch");
    private static final List<String> FLAG_OPTIONS = List.of("--momentum", "--batch", "--help");

    /** A negative number, which argparse takes as a value rather than an option. */
    private static final Pattern NEGATIVE_NUMBER = Pattern.compile("-[0-9]+|-[0-9]*\\.[0-9]+");

    private LrCurveTool() {}

    /**
     * Runs the tool and exits with its exit code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        PrintStream out =
                new PrintStream(
                        new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                        false,
                        StandardCharsets.UTF_8);
        int code = run(args, System.in, out, System.err);
        out.flush();
        System.exit(code);
    }

    /**
     * Runs the tool.
     *
     * @param args the command line
     * @param in the input of {@code --batch}
     * @param out where the curves go
     * @param err where errors and the usage text go
     * @return the exit code
     */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (UsageException e) {
            err.println("lr-curve: " + e.getMessage());
            err.print(USAGE);
            err.flush();
            return EXIT_USAGE;
        }
        if (o.help) {
            out.print(USAGE);
            out.flush();
            return EXIT_OK;
        }
        if (o.batch) {
            return batch(in, out, err);
        }
        LrCurve curve;
        try {
            checkSize(o.steps, o.lrs.length, o.momentum);
            Schedule schedule = ScheduleSpec.parse(o.spec);
            curve = LrCurve.compute(schedule, o.lrs, o.steps, o.stepsPerEpoch, o.metrics, MOMENTUM);
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("error: " + truncateMessage(String.valueOf(e.getMessage())));
            err.flush();
            return EXIT_REJECTED;
        }
        int groups = o.lrs.length;
        StringBuilder sb = new StringBuilder(64);
        for (int k = 0; k < curve.getUpdates(); k++) {
            sb.setLength(0);
            sb.append(k);
            for (int g = 0; g < groups; g++) {
                sb.append(',').append(PythonFloats.repr(curve.getLr(k, g)));
            }
            if (o.momentum) {
                for (int g = 0; g < groups; g++) {
                    sb.append(',').append(PythonFloats.repr(curve.getMomentum(k, g)));
                }
            }
            sb.append('\n');
            out.print(sb);
        }
        out.flush();
        return EXIT_OK;
    }

    private static int batch(InputStream in, PrintStream out, PrintStream err) {
        int code = EXIT_OK;
        BoundedLines lines =
                new BoundedLines(
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)),
                        MAX_LINE_CHARS);
        StringBuilder sb = new StringBuilder(1024);
        try {
            for (String line = lines.next(); line != null; line = lines.next()) {
                sb.setLength(0);
                if (line == BoundedLines.TOO_LONG) {
                    appendError(
                            sb,
                            "line "
                                    + lines.number()
                                    + " is longer than "
                                    + MAX_LINE_CHARS
                                    + " characters");
                    out.print(sb.append('\n'));
                    out.flush();
                    continue;
                }
                if (line.isBlank()) {
                    continue;
                }
                LrCurve curve = null;
                Case c = null;
                try {
                    c = Case.parse(line);
                    curve =
                            LrCurve.compute(
                                    ScheduleSpec.parse(c.spec),
                                    c.lrs,
                                    c.steps,
                                    c.stepsPerEpoch,
                                    c.metrics,
                                    MOMENTUM);
                } catch (IllegalArgumentException | IllegalStateException e) {
                    // NumberFormatException and the spec parser's errors are among these.
                    appendError(sb, e.getMessage());
                } catch (OutOfMemoryError e) {
                    // The limits keep a case far below the heap; should one still not fit, it is
                    // this case's error, and its arrays are garbage now.
                    curve = null;
                    appendError(sb, "out of memory computing this case: ask for fewer updates");
                } catch (RuntimeException | StackOverflowError e) {
                    // A library bug: report it for this case, and fail the run at the end.
                    err.println(
                            "lr-curve: internal error on input line "
                                    + lines.number()
                                    + " (please report it with that line): "
                                    + truncate(String.valueOf(e)));
                    appendError(sb, "internal error; the details are on standard error");
                    code = EXIT_FAILURE;
                }
                if (curve != null) {
                    writeCurve(out, sb, curve, c.lrs.length, c.momentum);
                } else {
                    out.print(sb.append('\n'));
                }
                out.flush();
            }
        } catch (IOException e) {
            err.println("error: reading the input failed: " + e.getMessage());
            return EXIT_FAILURE;
        }
        return code;
    }

    /** Writes a curve as one JSON line, in pieces: a case may hold millions of values. */
    private static void writeCurve(
            PrintStream out, StringBuilder sb, LrCurve curve, int groups, boolean momentum) {
        sb.setLength(0);
        sb.append("{\"lr\": ");
        writeMatrix(out, sb, curve, groups, false);
        if (momentum) {
            sb.append(", \"momentum\": ");
            writeMatrix(out, sb, curve, groups, true);
        }
        sb.append("}\n");
        out.print(sb);
        sb.setLength(0);
    }

    private static void writeMatrix(
            PrintStream out, StringBuilder sb, LrCurve curve, int groups, boolean momentum) {
        sb.append('[');
        for (int k = 0; k < curve.getUpdates(); k++) {
            if (k > 0) {
                sb.append(", ");
            }
            sb.append('[');
            for (int g = 0; g < groups; g++) {
                if (g > 0) {
                    sb.append(", ");
                }
                PyText.appendJsonFloat(sb, momentum ? curve.getMomentum(k, g) : curve.getLr(k, g));
            }
            sb.append(']');
            if (sb.length() > 1 << 16) {
                out.print(sb);
                sb.setLength(0);
            }
        }
        sb.append(']');
    }

    /**
     * Rejects a case whose output would hold more than {@link #MAX_VALUES} values.
     *
     * @throws IllegalArgumentException naming the numbers
     */
    static void checkSize(long steps, int groups, boolean momentum) {
        long values = steps * groups * (momentum ? 2 : 1);
        if (values > MAX_VALUES) {
            throw new IllegalArgumentException(
                    "steps "
                            + steps
                            + " with "
                            + groups
                            + (groups == 1 ? " group" : " groups")
                            + (momentum ? " and momentum" : "")
                            + " asks for "
                            + values
                            + " values, more than the "
                            + MAX_VALUES
                            + " one case may have: split it");
        }
    }

    /**
     * Shortens a quoted piece of input for an error message.
     *
     * @param text the text
     * @return the text, or its first {@link #MAX_QUOTE_CHARS} characters and how many more
     */
    static String truncate(String text) {
        if (text.length() <= MAX_QUOTE_CHARS) {
            return text;
        }
        return text.substring(0, MAX_QUOTE_CHARS)
                + "... ("
                + (text.length() - MAX_QUOTE_CHARS)
                + " more characters)";
    }

    /**
     * Lines of a reader as Python's text mode splits them ({@code \n}, {@code \r\n}, {@code \r}),
     * never holding more than a maximum: a longer line is read past and returned as {@link
     * #TOO_LONG}.
     */
    static final class BoundedLines {

        /** Returned for a line longer than the maximum (compared by identity). */
        @SuppressWarnings("StringOperationCanBeSimplified")
        static final String TOO_LONG = new String("<too long>");

        private final Reader in;
        private final int max;
        private final StringBuilder line = new StringBuilder();
        private int number;
        private int pending = -2;

        BoundedLines(Reader in, int max) {
            this.in = in;
            this.max = max;
        }

        /** The number of the last line returned, from 1. */
        int number() {
            return number;
        }

        private int read() throws IOException {
            if (pending != -2) {
                int c = pending;
                pending = -2;
                return c;
            }
            return in.read();
        }

        /**
         * Returns the next line without its end, {@link #TOO_LONG}, or {@code null} at the end.
         *
         * @return the line
         * @throws IOException if reading fails
         */
        String next() throws IOException {
            line.setLength(0);
            boolean tooLong = false;
            int c = read();
            if (c < 0) {
                return null;
            }
            number++;
            while (c >= 0 && c != '\n' && c != '\r') {
                if (line.length() < max) {
                    line.append((char) c);
                } else {
                    tooLong = true;
                }
                c = read();
            }
            if (c == '\r') {
                int d = read();
                if (d != '\n') {
                    pending = d;
                }
            }
            if (tooLong) {
                line.setLength(0);
                return TOO_LONG;
            }
            return line.toString();
        }
    }

    private static void appendError(StringBuilder sb, String message) {
        sb.append("{\"error\": ");
        PyText.appendJsonString(sb, truncateMessage(String.valueOf(message)));
        sb.append('}');
    }

    /** Shortens an error message that quotes a huge input (a spec with a long list, say). */
    private static String truncateMessage(String message) {
        int max = 4 * MAX_QUOTE_CHARS;
        if (message.length() <= max) {
            return message;
        }
        return message.substring(0, max) + "... (" + (message.length() - max) + " more characters)";
    }

    /** A usage error. */
    private static final class UsageException extends Exception {

        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** The command line, read as torch_curve.py's argparse reads it. */
    private static final class Options {
        String spec;
        int steps;
        double[] lrs = {0.1};
        double[] metrics = {};
        boolean momentum;
        int stepsPerEpoch = 1;
        boolean batch;
        boolean help;

        static Options parse(String[] args) throws UsageException {
            Options o = new Options();
            List<String> positional = new ArrayList<>();
            String lr = null;
            String metrics = null;
            String stepsPerEpoch = null;
            boolean sawOptions = false;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--")) {
                    positional.addAll(List.of(args).subList(i + 1, args.length));
                    break;
                }
                if (a.equals("-h")) {
                    o.help = true;
                    continue;
                }
                if (!a.startsWith("-") || a.equals("-") || NEGATIVE_NUMBER.matcher(a).matches()) {
                    positional.add(a);
                    continue;
                }
                int eq = a.indexOf('=');
                String name = option(eq < 0 ? a : a.substring(0, eq));
                if (FLAG_OPTIONS.contains(name)) {
                    if (eq >= 0) {
                        throw new UsageException(name + " takes no value");
                    }
                    if (name.equals("--momentum")) {
                        o.momentum = true;
                        sawOptions = true;
                    } else if (name.equals("--batch")) {
                        o.batch = true;
                    } else {
                        o.help = true;
                    }
                    continue;
                }
                String value;
                if (eq >= 0) {
                    value = a.substring(eq + 1);
                } else if (i + 1 < args.length && isValue(args[i + 1])) {
                    value = args[++i];
                } else {
                    throw new UsageException(name + " needs a value");
                }
                sawOptions = true;
                if (name.equals("--lr")) {
                    lr = value;
                } else if (name.equals("--metrics")) {
                    metrics = value;
                } else {
                    stepsPerEpoch = value;
                }
            }
            if (o.help) {
                return o;
            }
            if (o.batch) {
                if (!positional.isEmpty() || sawOptions) {
                    throw new UsageException(
                            "--batch takes no other arguments: each case is a JSON line on stdin");
                }
                return o;
            }
            if (positional.size() != 2) {
                throw new UsageException(
                        positional.size() < 2
                                ? "SPEC and STEPS are required"
                                : "unexpected arguments: "
                                        + positional.subList(2, positional.size()));
            }
            o.spec = positional.get(0);
            try {
                // As Python's range(steps): a negative count gives no updates.
                o.steps = Math.max(0, PyText.parseInt(positional.get(1)));
                if (lr != null) {
                    o.lrs = PyText.parseFloats(lr, false);
                }
                if (metrics != null) {
                    o.metrics = PyText.parseFloats(metrics, true);
                }
                if (stepsPerEpoch != null) {
                    o.stepsPerEpoch = PyText.parseInt(stepsPerEpoch);
                }
            } catch (NumberFormatException e) {
                throw new UsageException(e.getMessage());
            }
            if (o.stepsPerEpoch < 1) {
                throw new UsageException(
                        "--steps-per-epoch must be >= 1, but was " + o.stepsPerEpoch);
            }
            return o;
        }

        private static boolean isValue(String next) {
            return !next.startsWith("-")
                    || next.equals("-")
                    || NEGATIVE_NUMBER.matcher(next).matches();
        }

        /** Resolves an option or a unique prefix of one, as argparse does. */
        private static String option(String given) throws UsageException {
            List<String> matches = new ArrayList<>();
            for (String name : concat(VALUE_OPTIONS, FLAG_OPTIONS)) {
                if (name.equals(given)) {
                    return name;
                }
                if (given.length() > 2 && name.startsWith(given)) {
                    matches.add(name);
                }
            }
            if (matches.size() == 1) {
                return matches.get(0);
            }
            throw new UsageException(
                    matches.isEmpty()
                            ? "unknown option " + given
                            : "ambiguous option " + given + ": could match " + matches);
        }

        private static List<String> concat(List<String> a, List<String> b) {
            List<String> all = new ArrayList<>(a);
            all.addAll(b);
            return all;
        }
    }

    /** One JSON line of {@code --batch}, read as torch_batch.py reads it. */
    private static final class Case {
        String spec;
        int steps;
        double[] lrs;
        double[] metrics;
        int stepsPerEpoch;
        boolean momentum;

        static Case parse(String line) {
            Object json;
            try {
                json = StrictJson.parse(line);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("malformed JSON: " + e.getMessage(), e);
            }
            if (!(json instanceof Map<?, ?> o)) {
                throw new IllegalArgumentException(
                        "a case must be a JSON object, but was " + truncate(line));
            }
            for (Object key : o.keySet()) {
                if (!KEYS.contains(key) && !IGNORED_KEYS.contains(key)) {
                    throw new IllegalArgumentException(
                            "unknown key "
                                    + truncate(PyText.repr((String) key))
                                    + "; a case has "
                                    + String.join(", ", KEYS)
                                    + " ("
                                    + String.join(" and ", IGNORED_KEYS)
                                    + " are ignored)");
                }
            }
            Case c = new Case();
            if (!(o.get("spec") instanceof String spec)) {
                throw new IllegalArgumentException("a case needs \"spec\" as a string");
            }
            c.spec = spec;
            if (!o.containsKey("steps")) {
                throw new IllegalArgumentException("a case needs \"steps\"");
            }
            c.steps = Math.max(0, pyInt(o.get("steps"), "steps"));
            c.lrs = o.containsKey("lr") ? floats(o.get("lr"), "lr", false) : new double[] {0.1};
            if (c.lrs.length > MAX_GROUPS) {
                throw new IllegalArgumentException(
                        "lr has "
                                + c.lrs.length
                                + " rates, but at most "
                                + MAX_GROUPS
                                + " parameter groups are computed");
            }
            c.metrics =
                    o.containsKey("metrics")
                            ? floats(o.get("metrics"), "metrics", true)
                            : new double[0];
            Object spe = o.get("steps_per_epoch");
            c.stepsPerEpoch = spe == null || !truthy(spe) ? 1 : pyInt(spe, "steps_per_epoch");
            c.momentum = o.containsKey("momentum") && truthy(o.get("momentum"));
            checkSize(c.steps, c.lrs.length, c.momentum);
            return c;
        }

        /**
         * The harness's {@code [float(x) for x in str(v).split(",")]}, and JSON arrays of numbers
         * (or of strings float() reads).
         */
        private static double[] floats(Object v, String name, boolean skipEmpty) {
            if (!(v instanceof List<?> list)) {
                return PyText.parseFloats(pyStr(v), skipEmpty);
            }
            if (!skipEmpty && list.isEmpty()) {
                throw new IllegalArgumentException(name + " must have at least one rate");
            }
            double[] out = new double[list.size()];
            for (int k = 0; k < out.length; k++) {
                Object x = list.get(k);
                if (x instanceof BigInteger n) {
                    out[k] = n.doubleValue();
                } else if (x instanceof Double d) {
                    out[k] = d;
                } else if (x instanceof String t) {
                    out[k] = PyText.parseFloat(t);
                } else {
                    throw new IllegalArgumentException(
                            name
                                    + "["
                                    + k
                                    + "] must be a number, but was "
                                    + truncate(String.valueOf(x)));
                }
            }
            return out;
        }

        /** Python's {@code int(x)} of a decoded JSON value. */
        private static int pyInt(Object v, String name) {
            BigInteger n;
            if (v instanceof String t) {
                return PyText.parseInt(t);
            } else if (v instanceof Boolean b) {
                return b ? 1 : 0;
            } else if (v instanceof BigInteger b) {
                n = b;
            } else if (v instanceof Double d && Double.isFinite(d)) {
                n = new BigDecimal(d).setScale(0, RoundingMode.DOWN).toBigIntegerExact();
            } else {
                throw new IllegalArgumentException(
                        name + " must be an int, but was " + truncate(String.valueOf(v)));
            }
            if (n.bitLength() > 31) {
                throw new IllegalArgumentException(
                        name + " is out of range: " + truncate(n.toString()));
            }
            return n.intValue();
        }

        /** Python's {@code str(x)} of a decoded JSON value, as far as float() can read it. */
        private static String pyStr(Object v) {
            if (v == StrictJson.NULL) {
                return "None";
            }
            if (v instanceof Boolean b) {
                return b ? "True" : "False";
            }
            if (v instanceof Double d) {
                return PythonFloats.repr(d);
            }
            if (v instanceof Map) {
                return "{...}";
            }
            return v.toString();
        }

        /** Python's truth value of a decoded JSON value. */
        private static boolean truthy(Object v) {
            if (v == StrictJson.NULL) {
                return false;
            }
            if (v instanceof List<?> l) {
                return !l.isEmpty();
            }
            if (v instanceof Map<?, ?> m) {
                return !m.isEmpty();
            }
            if (v instanceof Boolean b) {
                return b;
            }
            if (v instanceof BigInteger n) {
                return n.signum() != 0;
            }
            if (v instanceof Double d) {
                return d != 0.0;
            }
            return !((String) v).isEmpty();
        }
    }
}
