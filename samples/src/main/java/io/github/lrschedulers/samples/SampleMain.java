package io.github.lrschedulers.samples;

import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.io.PrintStream;

/**
 * The command line of a training sample: {@code --help}, exit codes, and errors in one line without
 * a stack trace.
 */
final class SampleMain {

    /** Exit code of a sample that trained, or found its run finished. */
    static final int EXIT_OK = 0;

    /** Exit code when the data or a checkpoint cannot be read or written. */
    static final int EXIT_FAILURE = 1;

    /** Exit code of bad options, or a schedule that cannot work with the planned run. */
    static final int EXIT_USAGE = 2;

    private SampleMain() {}

    /** What a sample does with its parsed options: train, or run the range test. */
    @FunctionalInterface
    interface Body {
        /**
         * Runs the sample.
         *
         * @param args the options
         * @param out where the results go
         * @throws IOException if data or output files cannot be read or written
         * @throws TranslateException if the data cannot be transformed
         */
        void run(SampleArguments args, PrintStream out) throws IOException, TranslateException;
    }

    /**
     * {@code --resume} of a run that is already finished: nothing was trained or written. The
     * samples print the message and exit with 0, so a retry loop around a run ends.
     */
    static final class RunFinishedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        RunFinishedException(String message) {
            super(message);
        }
    }

    /**
     * Runs a sample from its {@code main}: {@code --help} prints the options; bad options, a bad
     * spec or a schedule that would fail are one line on {@code err}, before DJL's engine starts or
     * data is prepared; missing data too. Failures during training propagate.
     *
     * @param name the sample's short name (the prefix of its messages, its output directory)
     * @param modelName the model's name, for the help text
     * @param argv the command line
     * @param out where the help text and the results go
     * @param err where errors go
     * @param train trains
     * @param findLr runs the range test ({@code --find-lr})
     * @return the exit code: {@link #EXIT_OK}, {@link #EXIT_USAGE} for bad options, {@link
     *     #EXIT_FAILURE} when data or a checkpoint cannot be read
     * @throws TranslateException if the data cannot be transformed
     */
    static int run(
            String name,
            String modelName,
            String[] argv,
            PrintStream out,
            PrintStream err,
            Body train,
            Body findLr)
            throws TranslateException {
        configureDjl();
        String prefix = name + ": ";
        try {
            SampleArguments args = SampleArguments.parse(argv, name);
            if (args.isHelp()) {
                out.print(
                        "usage: "
                                + name
                                + " [options]; trains "
                                + modelName
                                + " with a PyTorch learning-rate schedule\n"
                                + SampleArguments.help());
                out.flush();
                return EXIT_OK;
            }
            (args.isFindLr() ? findLr : train).run(args, out);
            return EXIT_OK;
        } catch (SampleArguments.InvalidOptionsException e) {
            err.println(prefix + e.getMessage());
            err.flush();
            return EXIT_USAGE;
        } catch (RunFinishedException e) {
            out.println(prefix + e.getMessage());
            out.flush();
            return EXIT_OK;
        } catch (IOException e) {
            err.println(
                    prefix
                            + "error: "
                            + String.valueOf(e.getMessage()).replaceAll("\\s*[\\r\\n]+\\s*", " "));
            err.flush();
            return EXIT_FAILURE;
        }
    }

    /**
     * Parses the options of a training run started from code, not from {@code main}.
     *
     * @param argv the command line
     * @param name the sample's short name
     * @param findLr runs the range test, which {@code --find-lr} asks for instead of training
     * @return the options
     * @throws RunFinishedException after the range test, as there is no training to return
     * @throws IOException if the range test cannot read or write files
     * @throws TranslateException if the data cannot be transformed
     */
    static SampleArguments trainingArguments(String[] argv, String name, Body findLr)
            throws IOException, TranslateException {
        SampleArguments args = SampleArguments.parse(argv, name);
        if (args.isFindLr()) {
            findLr.run(args, System.out);
            throw new RunFinishedException(
                    "--find-lr ran the range test instead of training; nothing was trained");
        }
        return args;
    }

    /**
     * Exits the JVM with a failing exit code; returns on {@link #EXIT_OK}, so that a finished
     * {@code main} ends as any other.
     *
     * @param code the exit code
     */
    static void exitOnFailure(int code) {
        if (code != EXIT_OK) {
            System.exit(code);
        }
    }

    /**
     * Sets, as system properties, what neither the environment nor the command line set: {@code
     * OPT_OUT_TRACKING=true} unless {@code OPT_OUT_TRACKING} is set (in either), {@code
     * ai.djl.offline=true} unless {@code DJL_OFFLINE} or {@code -Dai.djl.offline} is set, and
     * {@code java.awt.headless=true} (for the plots) unless set. Call before DJL's engine starts.
     */
    static void configureDjl() {
        if (System.getenv("OPT_OUT_TRACKING") == null
                && System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
        if (System.getenv("DJL_OFFLINE") == null && System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }
}
