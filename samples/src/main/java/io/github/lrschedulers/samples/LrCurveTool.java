package io.github.lrschedulers.samples;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
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
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
 * "momentum"}} (other fields are ignored; missing ones take the harness's defaults) and writes one
 * JSON line per case, in order and flushed: {@code {"lr": [[...], ...]}} plus {@code "momentum"}
 * when asked, or {@code {"error": "message"}} when the configuration is rejected or the line is not
 * a JSON object. Blank lines are skipped.
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
                    + "  STEPS                the number of optimizer updates\n"
                    + "  --lr LR[,LR...]      the lr of each parameter group (default: 0.1)\n"
                    + "  --metrics M[,M...]   the metric of each ReduceLROnPlateau step; the last\n"
                    + "                       one repeats\n"
                    + "  --momentum           also print each group's momentum (SGD, 0.9)\n"
                    + "  --steps-per-epoch K  step the scheduler once per K updates (default: 1)\n"
                    + "  --batch              read JSON lines {\"spec\", \"steps\", \"lr\", \"metrics\",\n"
                    + "                       \"steps_per_epoch\", \"momentum\"} on stdin and write\n"
                    + "                       {\"lr\": [[...]], \"momentum\": [[...]]} or {\"error\": ...}\n"
                    + "                       per line, as torch_batch.py does\n"
                    + "\n"
                    + "Exit status: 0 ok, 2 configuration rejected, 64 usage error.\n";

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
            Schedule schedule = ScheduleSpec.parse(o.spec);
            curve = LrCurve.compute(schedule, o.lrs, o.steps, o.stepsPerEpoch, o.metrics, MOMENTUM);
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("error: " + e.getMessage());
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
        BufferedReader reader =
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        StringBuilder sb = new StringBuilder(1024);
        try {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                sb.setLength(0);
                try {
                    Case c = Case.parse(line);
                    LrCurve curve =
                            LrCurve.compute(
                                    ScheduleSpec.parse(c.spec),
                                    c.lrs,
                                    c.steps,
                                    c.stepsPerEpoch,
                                    c.metrics,
                                    MOMENTUM);
                    appendCurve(sb, curve, c.lrs.length, c.momentum);
                } catch (IllegalArgumentException | IllegalStateException e) {
                    // NumberFormatException and Gson's JsonParseException are among these.
                    appendError(sb, e.getMessage());
                } catch (RuntimeException e) {
                    // A library bug: report it for this case, and fail the run at the end.
                    e.printStackTrace(err);
                    appendError(sb, "internal error: " + e);
                    code = EXIT_FAILURE;
                }
                sb.append('\n');
                out.print(sb);
                out.flush();
            }
        } catch (IOException e) {
            err.println("error: reading the input failed: " + e.getMessage());
            return EXIT_FAILURE;
        }
        return code;
    }

    private static void appendCurve(StringBuilder sb, LrCurve curve, int groups, boolean momentum) {
        sb.append("{\"lr\": ");
        appendMatrix(sb, curve, groups, false);
        if (momentum) {
            sb.append(", \"momentum\": ");
            appendMatrix(sb, curve, groups, true);
        }
        sb.append('}');
    }

    private static void appendMatrix(
            StringBuilder sb, LrCurve curve, int groups, boolean momentum) {
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
        }
        sb.append(']');
    }

    private static void appendError(StringBuilder sb, String message) {
        sb.append("{\"error\": ");
        PyText.appendJsonString(sb, String.valueOf(message));
        sb.append('}');
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
            JsonElement json;
            try {
                json = JsonParser.parseString(line);
            } catch (JsonParseException e) {
                throw new IllegalArgumentException("malformed JSON line: " + e.getMessage(), e);
            }
            if (!json.isJsonObject()) {
                throw new IllegalArgumentException("a case must be a JSON object, but was " + line);
            }
            JsonObject o = json.getAsJsonObject();
            Case c = new Case();
            c.spec = requiredString(o, "spec");
            if (!o.has("steps")) {
                throw new IllegalArgumentException("a case needs \"steps\"");
            }
            c.steps = Math.max(0, pyInt(o.get("steps"), "steps"));
            c.lrs = PyText.parseFloats(o.has("lr") ? pyStr(o.get("lr")) : "0.1", false);
            c.metrics = PyText.parseFloats(o.has("metrics") ? pyStr(o.get("metrics")) : "", true);
            JsonElement spe = o.get("steps_per_epoch");
            c.stepsPerEpoch = spe == null || !truthy(spe) ? 1 : pyInt(spe, "steps_per_epoch");
            c.momentum = o.has("momentum") && truthy(o.get("momentum"));
            return c;
        }

        private static String requiredString(JsonObject o, String name) {
            JsonElement e = o.get(name);
            if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
                throw new IllegalArgumentException("a case needs \"" + name + "\" as a string");
            }
            return e.getAsString();
        }

        /** Python's {@code int(x)} of a decoded JSON value. */
        private static int pyInt(JsonElement e, String name) {
            if (e.isJsonPrimitive()) {
                JsonPrimitive p = e.getAsJsonPrimitive();
                if (p.isString()) {
                    return PyText.parseInt(p.getAsString());
                }
                if (p.isBoolean()) {
                    return p.getAsBoolean() ? 1 : 0;
                }
                double d = p.getAsDouble();
                if (Double.isFinite(d)) {
                    BigDecimal whole =
                            new BigDecimal(p.getAsString()).setScale(0, RoundingMode.DOWN);
                    try {
                        return whole.intValueExact();
                    } catch (ArithmeticException x) {
                        throw new IllegalArgumentException(name + " is out of range: " + whole, x);
                    }
                }
            }
            throw new IllegalArgumentException(name + " must be an int, but was " + e);
        }

        /** Python's {@code str(x)} of a decoded JSON value, as far as float() can read it. */
        private static String pyStr(JsonElement e) {
            if (e.isJsonNull()) {
                return "None";
            }
            if (e.isJsonPrimitive()) {
                JsonPrimitive p = e.getAsJsonPrimitive();
                if (p.isBoolean()) {
                    return p.getAsBoolean() ? "True" : "False";
                }
                if (p.isNumber()) {
                    return PythonFloats.repr(p.getAsDouble());
                }
                return p.getAsString();
            }
            return e.toString();
        }

        /** Python's truth value of a decoded JSON value. */
        private static boolean truthy(JsonElement e) {
            if (e.isJsonNull()) {
                return false;
            }
            if (e.isJsonArray()) {
                return ((JsonArray) e).size() > 0;
            }
            if (e.isJsonObject()) {
                return ((JsonObject) e).size() > 0;
            }
            JsonPrimitive p = e.getAsJsonPrimitive();
            if (p.isBoolean()) {
                return p.getAsBoolean();
            }
            if (p.isNumber()) {
                return p.getAsDouble() != 0.0;
            }
            return !p.getAsString().isEmpty();
        }
    }
}
