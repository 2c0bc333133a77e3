package io.github.lrschedulers.spec;

import io.github.lrschedulers.ChainedScheduler;
import io.github.lrschedulers.ConstantLr;
import io.github.lrschedulers.CosineAnnealingLr;
import io.github.lrschedulers.CosineAnnealingWarmRestarts;
import io.github.lrschedulers.CyclicLr;
import io.github.lrschedulers.ExponentialLr;
import io.github.lrschedulers.LambdaLr;
import io.github.lrschedulers.LinearLr;
import io.github.lrschedulers.LrLambda;
import io.github.lrschedulers.MultiStepLr;
import io.github.lrschedulers.MultiplicativeLr;
import io.github.lrschedulers.OneCycleLr;
import io.github.lrschedulers.PolynomialLr;
import io.github.lrschedulers.ReduceLrOnPlateau;
import io.github.lrschedulers.Schedule;
import io.github.lrschedulers.ScheduleDefinition;
import io.github.lrschedulers.ScheduleRegistry;
import io.github.lrschedulers.SequentialLr;
import io.github.lrschedulers.StepLr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Parses a PyTorch scheduler constructor call, without the optimizer, into a {@link Schedule}.
 *
 * <p>Examples: {@code OneCycleLR(max_lr=0.1, total_steps=1000)}, {@code StepLR(30, 0.1)}, {@code
 * LambdaLR(lr_lambda=lambda epoch: 0.95 ** epoch)}, {@code SequentialLR(schedulers=[
 * LinearLR(start_factor=0.1, total_iters=5), CosineAnnealingLR(T_max=95)], milestones=[5])}.
 *
 * <p>Arguments are positional, in PyTorch's order after the optimizer, or by keyword, with
 * PyTorch's names and defaults; {@code last_epoch} is accepted only as its default -1 (resume with
 * the tracker instead). Values: ints and floats ({@code 1e-3}, {@code inf}, constant expressions
 * such as {@code 1/3}), strings in either quote, {@code True}/{@code False}/{@code None}, lists or
 * tuples (one value per parameter group, milestones, schedulers), nested scheduler calls, and
 * {@link PyLambda} lambdas for {@code lr_lambda} and CyclicLR's {@code scale_fn}.
 *
 * <p>Every value goes through the same builder, and so the same checks, as Java code; a spec that
 * PyTorch rejects at construction is rejected with a {@link SpecParseException} (an {@link
 * IllegalArgumentException}) naming the position, the argument, the rule and the value. {@link
 * Schedule#toString()} prints a spec that this parser turns back into an equal schedule.
 */
public final class ScheduleSpec {

    private static final Map<String, Binder> BINDERS = new LinkedHashMap<>();

    static {
        bind(
                "LambdaLR",
                List.of("lr_lambda", "last_epoch"),
                a ->
                        a.perGroupLambdas(
                                "lr_lambda",
                                f -> LambdaLr.builder().setLrLambda(f).build(),
                                fs -> LambdaLr.builder().setLrLambdas(fs).build()));
        bind(
                "MultiplicativeLR",
                List.of("lr_lambda", "last_epoch"),
                a ->
                        a.perGroupLambdas(
                                "lr_lambda",
                                f -> MultiplicativeLr.builder().setLrLambda(f).build(),
                                fs -> MultiplicativeLr.builder().setLrLambdas(fs).build()));
        bind(
                "StepLR",
                List.of("step_size", "gamma", "last_epoch"),
                a -> {
                    StepLr.Builder b = StepLr.builder().setStepSize(a.integer("step_size"));
                    a.ifNumber("gamma", b::optGamma);
                    return b.build();
                });
        bind(
                "MultiStepLR",
                List.of("milestones", "gamma", "last_epoch"),
                a -> {
                    MultiStepLr.Builder b =
                            MultiStepLr.builder().setMilestones(a.integers("milestones"));
                    a.ifNumber("gamma", b::optGamma);
                    return b.build();
                });
        bind(
                "ConstantLR",
                List.of("factor", "total_iters", "last_epoch"),
                a -> {
                    ConstantLr.Builder b = ConstantLr.builder();
                    a.ifNumber("factor", b::optFactor);
                    a.ifInteger("total_iters", b::optTotalIters);
                    return b.build();
                });
        bind(
                "LinearLR",
                List.of("start_factor", "end_factor", "total_iters", "last_epoch"),
                a -> {
                    LinearLr.Builder b = LinearLr.builder();
                    a.ifNumber("start_factor", b::optStartFactor);
                    a.ifNumber("end_factor", b::optEndFactor);
                    a.ifInteger("total_iters", b::optTotalIters);
                    return b.build();
                });
        bind(
                "ExponentialLR",
                List.of("gamma", "last_epoch"),
                a -> ExponentialLr.builder().setGamma(a.number("gamma")).build());
        bind(
                "SequentialLR",
                List.of("schedulers", "milestones", "last_epoch"),
                a ->
                        SequentialLr.builder()
                                .setSchedulers(a.schedules("schedulers"))
                                .setMilestones(a.integers("milestones"))
                                .build());
        bind(
                "PolynomialLR",
                List.of("total_iters", "power", "last_epoch"),
                a -> {
                    PolynomialLr.Builder b = PolynomialLr.builder();
                    a.ifInteger("total_iters", b::optTotalIters);
                    a.ifNumber("power", b::optPower);
                    return b.build();
                });
        bind(
                "CosineAnnealingLR",
                List.of("T_max", "eta_min", "last_epoch"),
                a -> {
                    CosineAnnealingLr.Builder b =
                            CosineAnnealingLr.builder().setTMax(a.integer("T_max"));
                    a.ifNumber("eta_min", b::optEtaMin);
                    return b.build();
                });
        bind(
                "ChainedScheduler",
                List.of("schedulers", "optimizer"),
                a -> {
                    a.none("optimizer");
                    return ChainedScheduler.builder()
                            .setSchedulers(a.schedules("schedulers"))
                            .build();
                });
        bind(
                "ReduceLROnPlateau",
                List.of(
                        "mode",
                        "factor",
                        "patience",
                        "threshold",
                        "threshold_mode",
                        "cooldown",
                        "min_lr",
                        "eps"),
                ScheduleSpec::plateau);
        bind(
                "CyclicLR",
                List.of(
                        "base_lr",
                        "max_lr",
                        "step_size_up",
                        "step_size_down",
                        "mode",
                        "gamma",
                        "scale_fn",
                        "scale_mode",
                        "cycle_momentum",
                        "base_momentum",
                        "max_momentum",
                        "last_epoch"),
                ScheduleSpec::cyclic);
        bind(
                "CosineAnnealingWarmRestarts",
                List.of("T_0", "T_mult", "eta_min", "last_epoch"),
                a -> {
                    CosineAnnealingWarmRestarts.Builder b =
                            CosineAnnealingWarmRestarts.builder().setT0(a.strictInt("T_0"));
                    if (a.has("T_mult")) {
                        b.optTMult(a.strictInt("T_mult"));
                    }
                    a.ifNumber("eta_min", b::optEtaMin);
                    return b.build();
                });
        bind(
                "OneCycleLR",
                List.of(
                        "max_lr",
                        "total_steps",
                        "epochs",
                        "steps_per_epoch",
                        "pct_start",
                        "anneal_strategy",
                        "cycle_momentum",
                        "base_momentum",
                        "max_momentum",
                        "div_factor",
                        "final_div_factor",
                        "three_phase",
                        "last_epoch"),
                ScheduleSpec::oneCycle);
    }

    private ScheduleSpec() {}

    /**
     * Parses a spec string into a schedule.
     *
     * @param spec a PyTorch scheduler constructor call without the optimizer
     * @return the schedule
     * @throws SpecParseException if the string is not a valid spec, or PyTorch would reject the
     *     configuration at construction
     */
    public static Schedule parse(String spec) {
        SpecNode.Call call = SpecNode.parse(spec);
        return new Context(spec, Map.of()).schedule(call);
    }

    /**
     * Parses a spec string that may also call the given schedules, besides those of the {@link
     * ScheduleRegistry}: user-defined ones known to this parse only.
     *
     * @param spec a scheduler constructor call without the optimizer
     * @param extra definitions this parse knows in addition (they take precedence)
     * @return the schedule
     * @throws SpecParseException if the string is not a valid spec, or the configuration is
     *     rejected at construction
     */
    public static Schedule parse(String spec, Collection<ScheduleDefinition<?>> extra) {
        Map<String, ScheduleDefinition<?>> known = new HashMap<>();
        for (ScheduleDefinition<?> d : extra) {
            known.put(d.getName(), d);
        }
        SpecNode.Call call = SpecNode.parse(spec);
        return new Context(spec, known).schedule(call);
    }

    /**
     * Returns the PyTorch scheduler names this parser knows.
     *
     * @return the names
     */
    public static List<String> names() {
        return List.copyOf(BINDERS.keySet());
    }

    private static void bind(String name, List<String> params, Function<Args, Schedule> build) {
        BINDERS.put(name, new Binder(params, build));
    }

    private static Schedule plateau(Args a) {
        ReduceLrOnPlateau.Builder b = ReduceLrOnPlateau.builder();
        if (a.has("mode")) {
            String mode = a.string("mode");
            a.check(
                    mode.equals("min") || mode.equals("max"),
                    "mode",
                    "ReduceLROnPlateau mode must be 'min' or 'max', but was '" + mode + "'");
            b.optMode(mode.equals("min") ? ReduceLrOnPlateau.Mode.MIN : ReduceLrOnPlateau.Mode.MAX);
        }
        a.ifNumber("factor", b::optFactor);
        a.ifInteger("patience", b::optPatience);
        a.ifNumber("threshold", b::optThreshold);
        if (a.has("threshold_mode")) {
            String mode = a.string("threshold_mode");
            a.check(
                    mode.equals("rel") || mode.equals("abs"),
                    "threshold_mode",
                    "ReduceLROnPlateau threshold_mode must be 'rel' or 'abs', but was '"
                            + mode
                            + "'");
            b.optThresholdMode(
                    mode.equals("rel")
                            ? ReduceLrOnPlateau.ThresholdMode.REL
                            : ReduceLrOnPlateau.ThresholdMode.ABS);
        }
        a.ifInteger("cooldown", b::optCooldown);
        a.ifPerGroup("min_lr", b::optMinLr, b::optMinLrs);
        a.ifNumber("eps", b::optEps);
        return b.build();
    }

    private static Schedule cyclic(Args a) {
        CyclicLr.Builder b = CyclicLr.builder();
        a.perGroup("base_lr", b::setBaseLr, b::setBaseLrs);
        a.perGroup("max_lr", b::setMaxLr, b::setMaxLrs);
        a.ifInteger("step_size_up", b::optStepSizeUp);
        if (a.has("step_size_down") && !a.isNone("step_size_down")) {
            b.optStepSizeDown(a.integer("step_size_down"));
        }
        LrLambda scaleFn = null;
        if (a.has("scale_fn") && !a.isNone("scale_fn")) {
            scaleFn = a.lambda("scale_fn");
            b.optScaleFn(scaleFn);
        }
        if (a.has("mode")) {
            String mode = a.string("mode");
            CyclicLr.Mode m = null;
            for (CyclicLr.Mode v : CyclicLr.Mode.values()) {
                if (v.name().equalsIgnoreCase(mode) && mode.equals(mode.toLowerCase())) {
                    m = v;
                }
            }
            // PyTorch ignores the mode when scale_fn is given, and rejects an unknown one else.
            a.check(
                    m != null || scaleFn != null,
                    "mode",
                    "CyclicLR mode must be 'triangular', 'triangular2' or 'exp_range' when"
                            + " scale_fn is None, but was '"
                            + mode
                            + "'");
            if (m != null) {
                b.optMode(m);
            }
        }
        a.ifNumber("gamma", b::optGamma);
        if (a.has("scale_mode")) {
            // PyTorch evaluates scale_fn on the iteration for any scale_mode but 'cycle'.
            b.optScaleMode(
                    a.string("scale_mode").equals("cycle")
                            ? CyclicLr.ScaleMode.CYCLE
                            : CyclicLr.ScaleMode.ITERATIONS);
        }
        a.ifTruth("cycle_momentum", b::optCycleMomentum);
        a.ifPerGroup("base_momentum", b::optBaseMomentum, b::optBaseMomentums);
        a.ifPerGroup("max_momentum", b::optMaxMomentum, b::optMaxMomentums);
        return b.build();
    }

    private static Schedule oneCycle(Args a) {
        OneCycleLr.Builder b = OneCycleLr.builder();
        a.perGroup("max_lr", b::setMaxLr, b::setMaxLrs);
        for (String name : List.of("total_steps", "epochs", "steps_per_epoch")) {
            if (a.has(name) && !a.isNone(name)) {
                long v = a.strictInt(name);
                if (name.equals("total_steps")) {
                    b.optTotalSteps(v);
                } else if (name.equals("epochs")) {
                    b.optEpochs(v);
                } else {
                    b.optStepsPerEpoch(v);
                }
            }
        }
        if (a.has("pct_start")) {
            b.optPctStart(a.strictFloat("pct_start"));
        }
        if (a.has("anneal_strategy")) {
            String s = a.string("anneal_strategy");
            a.check(
                    s.equals("cos") || s.equals("linear"),
                    "anneal_strategy",
                    "OneCycleLR anneal_strategy must be 'cos' or 'linear', but was '" + s + "'");
            b.optAnnealStrategy(
                    s.equals("cos")
                            ? OneCycleLr.AnnealStrategy.COS
                            : OneCycleLr.AnnealStrategy.LINEAR);
        }
        a.ifTruth("cycle_momentum", b::optCycleMomentum);
        a.ifPerGroup("base_momentum", b::optBaseMomentum, b::optBaseMomentums);
        a.ifPerGroup("max_momentum", b::optMaxMomentum, b::optMaxMomentums);
        a.ifNumber("div_factor", b::optDivFactor);
        a.ifNumber("final_div_factor", b::optFinalDivFactor);
        a.ifTruth("three_phase", b::optThreePhase);
        return b.build();
    }

    /** How to bind one scheduler's arguments. */
    private static final class Binder {
        final List<String> params;
        final Function<Args, Schedule> build;

        Binder(List<String> params, Function<Args, Schedule> build) {
            this.params = params;
            this.build = build;
        }
    }

    /** The parse of one spec string. */
    static final class Context {
        final String source;
        final Map<String, ScheduleDefinition<?>> extra;

        Context(String source, Map<String, ScheduleDefinition<?>> extra) {
            this.source = source;
            this.extra = extra;
        }

        SpecParseException error(String message, int position) {
            return new SpecParseException(message, source, position);
        }

        Schedule schedule(SpecNode node) {
            if (!(node instanceof SpecNode.Call)) {
                throw error(
                        "expected a scheduler call such as StepLR(step_size=3), but found "
                                + node.toSource(),
                        node.position());
            }
            SpecNode.Call call = (SpecNode.Call) node;
            ScheduleDefinition<?> definition = extra.get(call.name());
            if (definition == null) {
                definition = ScheduleRegistry.find(call.name());
            }
            if (definition != null) {
                return new Binding(this, call, definition).schedule();
            }
            Binder binder = BINDERS.get(call.name());
            if (binder == null) {
                throw error(
                        "unknown scheduler '" + call.name() + "'; expected one of " + names(),
                        call.position());
            }
            Map<String, SpecNode> values = new HashMap<>();
            if (call.args().size() > binder.params.size()) {
                throw error(
                        call.name()
                                + " takes at most "
                                + binder.params.size()
                                + " positional arguments after the optimizer "
                                + binder.params
                                + ", but got "
                                + call.args().size(),
                        call.args().get(binder.params.size()).position());
            }
            for (int i = 0; i < call.args().size(); i++) {
                values.put(binder.params.get(i), call.args().get(i));
            }
            for (SpecNode.Kwarg k : call.kwargs()) {
                if (!binder.params.contains(k.name())) {
                    throw error(
                            "unknown argument '"
                                    + k.name()
                                    + "' for "
                                    + call.name()
                                    + "; expected one of "
                                    + binder.params,
                            k.position());
                }
                if (values.containsKey(k.name())) {
                    throw error(
                            call.name() + " got multiple values for argument '" + k.name() + "'",
                            k.position());
                }
                values.put(k.name(), k.value());
            }
            Args args = new Args(this, call, values);
            if (args.has("last_epoch")) {
                SpecNode v = values.get("last_epoch");
                args.check(
                        v instanceof SpecNode.Num
                                && ((SpecNode.Num) v).isInt()
                                && ((SpecNode.Num) v).intValue() == -1,
                        "last_epoch",
                        call.name()
                                + " last_epoch must be -1 (start from scratch; to resume, ask the"
                                + " tracker for any update), but was "
                                + v.toSource());
            }
            try {
                return binder.build.apply(args);
            } catch (SpecParseException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage(), call.position());
            }
        }
    }

    /** The bound arguments of one call, with typed access in Python's terms. */
    private static final class Args {
        final Context ctx;
        final SpecNode.Call call;
        final Map<String, SpecNode> values;

        Args(Context ctx, SpecNode.Call call, Map<String, SpecNode> values) {
            this.ctx = ctx;
            this.call = call;
            this.values = values;
        }

        boolean has(String name) {
            return values.containsKey(name);
        }

        void ifNumber(String name, java.util.function.DoubleConsumer set) {
            if (has(name)) {
                set.accept(number(name));
            }
        }

        void ifInteger(String name, java.util.function.LongConsumer set) {
            if (has(name)) {
                set.accept(integer(name));
            }
        }

        void ifTruth(String name, java.util.function.Consumer<Boolean> set) {
            if (has(name)) {
                set.accept(truth(name));
            }
        }

        /** A per-group argument: one number for every group, or a list of one per group. */
        void perGroup(
                String name,
                java.util.function.DoubleConsumer scalar,
                java.util.function.Consumer<double[]> list) {
            if (isList(name)) {
                list.accept(numbers(name));
            } else {
                scalar.accept(number(name));
            }
        }

        void ifPerGroup(
                String name,
                java.util.function.DoubleConsumer scalar,
                java.util.function.Consumer<double[]> list) {
            if (has(name)) {
                perGroup(name, scalar, list);
            }
        }

        void check(boolean ok, String name, String message) {
            if (!ok) {
                SpecNode v = values.get(name);
                throw ctx.error(message, v != null ? v.position() : call.position());
            }
        }

        SpecNode get(String name) {
            SpecNode v = values.get(name);
            if (v == null) {
                throw ctx.error(
                        call.name() + " is missing the required argument '" + name + "'",
                        call.position());
            }
            return v;
        }

        SpecParseException wrong(String name, SpecNode v, String expected) {
            return ctx.error(
                    call.name() + " " + name + " must be " + expected + ", but was " + v.toSource(),
                    v.position());
        }

        boolean isNone(String name) {
            return get(name) instanceof SpecNode.None;
        }

        boolean isList(String name) {
            return get(name) instanceof SpecNode.ListNode;
        }

        void none(String name) {
            if (has(name) && !isNone(name)) {
                throw wrong(name, get(name), "None (the tracker is the optimizer)");
            }
        }

        double number(String name) {
            return numberOf(name, get(name));
        }

        double numberOf(String name, SpecNode v) {
            if (v instanceof SpecNode.Num) {
                return ((SpecNode.Num) v).value();
            }
            if (v instanceof SpecNode.Bool) {
                return ((SpecNode.Bool) v).value() ? 1.0 : 0.0;
            }
            throw wrong(name, v, "a number");
        }

        long integer(String name) {
            return integerOf(name, get(name));
        }

        long integerOf(String name, SpecNode v) {
            if (v instanceof SpecNode.Num) {
                SpecNode.Num n = (SpecNode.Num) v;
                if (n.isInt()) {
                    return n.intValue();
                }
                double d = n.value();
                if (d == Math.rint(d) && Math.abs(d) < 0x1p62) {
                    return (long) d;
                }
            }
            throw wrong(name, v, "an integer");
        }

        long strictInt(String name) {
            SpecNode v = get(name);
            if (v instanceof SpecNode.Num && ((SpecNode.Num) v).isInt()) {
                return ((SpecNode.Num) v).intValue();
            }
            throw wrong(name, v, "an int (PyTorch checks isinstance(" + name + ", int))");
        }

        double strictFloat(String name) {
            SpecNode v = get(name);
            if (v instanceof SpecNode.Num && !((SpecNode.Num) v).isInt()) {
                return ((SpecNode.Num) v).value();
            }
            throw wrong(
                    name,
                    v,
                    "a float such as 0.3 (PyTorch checks isinstance(" + name + ", float))");
        }

        boolean truth(String name) {
            SpecNode v = get(name);
            if (v instanceof SpecNode.Bool) {
                return ((SpecNode.Bool) v).value();
            }
            if (v instanceof SpecNode.Num) {
                return ((SpecNode.Num) v).value() != 0;
            }
            if (v instanceof SpecNode.None) {
                return false;
            }
            throw wrong(name, v, "True or False");
        }

        String string(String name) {
            SpecNode v = get(name);
            if (v instanceof SpecNode.Str) {
                return ((SpecNode.Str) v).value();
            }
            throw wrong(name, v, "a string");
        }

        List<SpecNode> list(String name) {
            SpecNode v = get(name);
            if (v instanceof SpecNode.ListNode) {
                return ((SpecNode.ListNode) v).items();
            }
            throw wrong(name, v, "a list");
        }

        double[] numbers(String name) {
            List<SpecNode> items = list(name);
            double[] out = new double[items.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = numberOf(name, items.get(i));
            }
            return out;
        }

        long[] integers(String name) {
            List<SpecNode> items = list(name);
            long[] out = new long[items.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = integerOf(name, items.get(i));
            }
            return out;
        }

        LrLambda lambda(String name) {
            return lambdaOf(name, get(name));
        }

        LrLambda lambdaOf(String name, SpecNode v) {
            if (v instanceof SpecNode.Lambda) {
                return ((SpecNode.Lambda) v).fn();
            }
            throw wrong(name, v, "a function such as lambda epoch: 0.95 ** epoch");
        }

        Schedule perGroupLambdas(
                String name,
                Function<LrLambda, Schedule> one,
                Function<LrLambda[], Schedule> many) {
            SpecNode v = get(name);
            if (v instanceof SpecNode.ListNode) {
                List<SpecNode> items = ((SpecNode.ListNode) v).items();
                LrLambda[] fns = new LrLambda[items.size()];
                for (int i = 0; i < fns.length; i++) {
                    fns[i] = lambdaOf(name, items.get(i));
                }
                return many.apply(fns);
            }
            return one.apply(lambdaOf(name, v));
        }

        Schedule[] schedules(String name) {
            List<SpecNode> items = list(name);
            List<Schedule> out = new ArrayList<>();
            for (SpecNode item : items) {
                out.add(ctx.schedule(item));
            }
            return out.toArray(new Schedule[0]);
        }

        @Override
        public String toString() {
            return call.name() + Arrays.toString(values.keySet().toArray());
        }
    }
}
