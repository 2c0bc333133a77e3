package io.github.lrschedulers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The one definition of a schedule: its name, its arguments (upstream order, kinds, defaults) and
 * how to make it from bound arguments. The Java builder, the spec parser ({@link
 * io.github.lrschedulers.spec.ScheduleSpec}), {@link Schedule#toString()}, {@link
 * Schedule#getArguments()}, {@link Schedule#equals(Object)} and the README's table all derive from
 * it.
 *
 * <p>Each schedule class holds its definition in a {@code public static final DEFINITION} field;
 * the built-in ones are found by {@link ScheduleRegistry}, user-defined ones are registered there.
 * The factory (usually the schedule's constructor) validates the arguments; that is the one
 * validation path of the builder and the spec parser.
 *
 * @param <S> the schedule class
 */
public final class ScheduleDefinition<S extends Schedule> {

    private final Class<S> type;
    private final String name;
    private final String upstream;
    private final int upstreamIndex;
    private final String stepOrigin;
    private final String dtype;
    private final List<Param> params;
    private final Map<String, Param> byName;
    private final Function<Arguments, S> factory;

    private ScheduleDefinition(Builder<S> b) {
        this.type = b.type;
        this.name = b.name;
        this.upstream = b.upstream;
        this.upstreamIndex = b.upstreamIndex;
        this.stepOrigin = b.stepOrigin;
        this.dtype = b.dtype;
        this.params = List.copyOf(b.params);
        Map<String, Param> map = new LinkedHashMap<>();
        for (Param p : params) {
            map.put(p.getName(), p);
        }
        this.byName = Collections.unmodifiableMap(map);
        this.factory = b.factory;
    }

    /**
     * Starts a definition.
     *
     * @param type the schedule class
     * @param name the name in spec strings, as upstream names the class or function, e.g. {@code
     *     StepLR}
     * @param factory makes the schedule from bound arguments, validating them (throws {@link
     *     IllegalArgumentException} naming the argument, the rule and the value)
     * @param <S> the schedule class
     * @return a builder
     */
    public static <S extends Schedule> Builder<S> builder(
            Class<S> type, String name, Function<Arguments, S> factory) {
        return new Builder<>(type, name, factory);
    }

    /**
     * Returns the name in spec strings, e.g. {@code StepLR}.
     *
     * @return the name
     */
    public String getName() {
        return name;
    }

    /**
     * Returns the schedule class.
     *
     * @return the class
     */
    public Class<S> getType() {
        return type;
    }

    /**
     * Returns where the schedule comes from, e.g. {@code torch.optim.lr_scheduler}.
     *
     * @return the upstream module, or an empty string for a user's own schedule
     */
    public String getUpstream() {
        return upstream;
    }

    /**
     * Returns which step of the upstream schedule an optimizer update gets, e.g. {@code "step n -
     * 1"} for update {@code n} (PyTorch: the rate after {@code n - 1} calls of {@code step()};
     * Keras: the step counter before its increment).
     *
     * @return the step origin, as the README's table shows it
     */
    public String getStepOrigin() {
        return stepOrigin;
    }

    /**
     * Returns the precision upstream computes in: {@code float64} (Python floats) or {@code
     * float32} (tensors), the arithmetic this library reproduces.
     *
     * @return the dtype
     */
    public String getDtype() {
        return dtype;
    }

    /**
     * Returns the name of the upstream library, as messages name it: {@code PyTorch} for {@code
     * torch.*}, {@code Keras}, {@code TensorFlow}, {@code MindSpore}, ...; {@code the scheduler}
     * for a user's own schedule.
     *
     * @return the library's name
     */
    public String getLibrary() {
        String root = upstream.isEmpty() ? "" : upstream.split("\\.", 2)[0];
        switch (root) {
            case "":
                return "the scheduler";
            case "torch":
                return "PyTorch";
            case "keras":
                return "Keras";
            case "tf":
                return "TensorFlow";
            case "object_detection":
                return "TensorFlow's Object Detection API";
            case "mindspore":
                return "MindSpore";
            default:
                return root;
        }
    }

    /** Returns the position of the class in its upstream source, for listing in that order. */
    int getUpstreamIndex() {
        return upstreamIndex;
    }

    /**
     * Returns the arguments of the constructor, in upstream order after the optimizer.
     *
     * @return the params
     */
    public List<Param> getParams() {
        return params;
    }

    /**
     * Returns one param.
     *
     * @param name the argument's name
     * @return the param, or {@code null} if there is none of that name
     */
    public Param getParam(String name) {
        return byName.get(name);
    }

    /**
     * Makes the schedule from arguments given by name; absent ones take their defaults. This is
     * what the Java builder and the spec parser both end in.
     *
     * @param given the arguments given, by name (values of the kinds of {@link Arguments})
     * @return the schedule
     * @throws IllegalArgumentException if an argument is unknown, a required one is missing, or the
     *     schedule rejects a value
     */
    public S create(Map<String, ?> given) {
        return create(given, Map.of());
    }

    S create(Map<String, ?> given, Map<String, Object> options) {
        Map<String, Object> values = values(given);
        if (RunRelativeSchedule.isRelative(values.values())) {
            throw new IllegalArgumentException(
                    name
                            + " has lengths relative to the run ("
                            + RunRelativeSchedule.relativeArguments(values)
                            + "), which a tracker resolves once it knows the run's length: build"
                            + " it with buildForRun() or parse it with ScheduleSpec.parse");
        }
        return factory.apply(new Arguments(this, values, options));
    }

    /** Binds the arguments given by name, defaults included, checking names and lengths. */
    private Map<String, Object> values(Map<String, ?> given) {
        for (String key : given.keySet()) {
            Param p = byName.get(key);
            if (p == null || !p.isStored()) {
                throw new IllegalArgumentException(
                        "unknown argument '"
                                + key
                                + "' for "
                                + name
                                + "; expected one of "
                                + storedNames());
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Param p : params) {
            if (!p.isStored()) {
                continue;
            }
            if (given.containsKey(p.getName())) {
                values.put(p.getName(), given.get(p.getName()));
            } else if (p.isRequired()) {
                throw new IllegalArgumentException(name + " " + p.getName() + " must be set");
            } else {
                values.put(p.getName(), p.getDefaultValue());
            }
            checkLength(p, values.get(p.getName()));
        }
        return values;
    }

    private List<String> storedNames() {
        List<String> out = new ArrayList<>();
        for (Param p : params) {
            if (p.isStored()) {
                out.add(p.getName());
            }
        }
        return out;
    }

    /**
     * Returns the Java call that starts this schedule with its required arguments, as the README's
     * table shows it, e.g. {@code StepLr.builder().setStepSize(…)}.
     *
     * @return the call
     */
    public String getJavaEntryPoint() {
        StringBuilder sb = new StringBuilder(type.getSimpleName()).append(".builder()");
        for (Param p : params) {
            if (p.isRequired()) {
                sb.append(".set").append(p.getJavaName()).append("(…)");
            }
        }
        return sb.toString();
    }

    /**
     * Returns the builder methods that take one value per parameter group, e.g. {@code setMaxLrs}.
     *
     * @return the method names
     */
    public List<String> getPerGroupSetters() {
        List<String> out = new ArrayList<>();
        for (Param p : params) {
            if (p.isPerGroup()) {
                out.add((p.isRequired() ? "set" : "opt") + p.getJavaName() + "s");
            }
        }
        return out;
    }

    /**
     * Makes the schedule from arguments given by name, as {@link #create(Map)} does, except that
     * lengths may be {@link Length}s relative to the run, an epoch or updates: the schedule is then
     * a {@link RunRelativeSchedule}, which a tracker resolves once it knows the run's length, and
     * whose values are checked then. The spec parser ends here.
     *
     * @param given the arguments given, by name; a length argument may be a {@link Length}, or a
     *     list holding some
     * @return the schedule, or a {@link RunRelativeSchedule} if a length (or a child schedule) is
     *     relative
     * @throws IllegalArgumentException if an argument is unknown, a required one is missing, a
     *     {@link Length} is given to an argument that is no length, or the schedule rejects a value
     */
    public Schedule createForRun(Map<String, ?> given) {
        return createForRun(given, Map.of());
    }

    Schedule createForRun(Map<String, ?> given, Map<String, Object> options) {
        Map<String, Object> values = values(given);
        if (RunRelativeSchedule.isRelative(values.values())) {
            return RunRelativeSchedule.of(new Arguments(this, values, options), options);
        }
        return createBound(values, options);
    }

    /**
     * Makes the schedule from values already bound (defaults included), as {@link
     * RunRelativeSchedule#resolve} does once its lengths are numbers.
     */
    S createBound(Map<String, Object> values, Map<String, Object> options) {
        return factory.apply(new Arguments(this, values, options));
    }

    /**
     * Returns the names of the arguments that are lengths ({@link Param#isLength()}).
     *
     * @return the names, in the definition's order
     */
    public List<String> getLengthNames() {
        List<String> out = new ArrayList<>();
        for (Param p : params) {
            if (p.isLength()) {
                out.add(p.getName());
            }
        }
        return out;
    }

    private void checkLength(Param p, Object value) {
        if (!p.isLength() && RunRelativeSchedule.hasLength(value)) {
            throw new ArgumentException(
                    p.getName(),
                    name
                            + " "
                            + p.getName()
                            + " is no length, so it takes no run, epoch or update units, but was "
                            + value
                            + "; the lengths of "
                            + name
                            + " are "
                            + getLengthNames());
        }
    }

    @Override
    public String toString() {
        return name + params;
    }

    /**
     * The builder of a {@link ScheduleDefinition}: the arguments in upstream order.
     *
     * @param <S> the schedule class
     */
    public static final class Builder<S extends Schedule> {

        private final Class<S> type;
        private final String name;
        private final Function<Arguments, S> factory;
        private final List<Param> params = new ArrayList<>();
        private String upstream = "";
        private int upstreamIndex = Integer.MAX_VALUE;
        private String stepOrigin = "step n - 1";
        private String dtype = "float64";

        private Builder(Class<S> type, String name, Function<Arguments, S> factory) {
            this.type = Objects.requireNonNull(type, "type");
            this.name = Objects.requireNonNull(name, "name");
            this.factory = Objects.requireNonNull(factory, "factory");
        }

        /**
         * Sets where the schedule comes from and its position there, for listing in upstream order.
         *
         * @param module the upstream module, e.g. {@code torch.optim.lr_scheduler}
         * @param index the position of the class in that module's source
         * @return this builder
         */
        public Builder<S> optUpstream(String module, int index) {
            this.upstream = Objects.requireNonNull(module, "module");
            this.upstreamIndex = index;
            return this;
        }

        /**
         * Sets which upstream step optimizer update {@code n} gets. Default: {@code "step n - 1"},
         * as PyTorch's schedulers stepped once per update.
         *
         * @param stepOrigin the step origin, as the README's table shows it
         * @return this builder
         */
        public Builder<S> optStepOrigin(String stepOrigin) {
            this.stepOrigin = Objects.requireNonNull(stepOrigin, "stepOrigin");
            return this;
        }

        /**
         * Sets the precision upstream computes in. Default: {@code "float64"} (Python floats).
         *
         * @param dtype {@code float64} or {@code float32}
         * @return this builder
         */
        public Builder<S> optDtype(String dtype) {
            this.dtype = Objects.requireNonNull(dtype, "dtype");
            return this;
        }

        /**
         * Adds a required argument.
         *
         * @param name the name as upstream spells it
         * @param kind the kind of value
         * @param description what it means
         * @return this builder
         */
        public Builder<S> addRequired(String name, Param.Kind kind, String description) {
            return add(new Param(name, kind, true, false, null, description));
        }

        /**
         * Adds an optional argument with a default.
         *
         * @param name the name as upstream spells it
         * @param kind the kind of value
         * @param defaultValue the upstream default (of the kind's Java type)
         * @param description what it means
         * @return this builder
         */
        public Builder<S> addOptional(
                String name, Param.Kind kind, Object defaultValue, String description) {
            return add(new Param(name, kind, false, false, defaultValue, description));
        }

        /**
         * Adds an optional argument whose default is None; None is also accepted explicitly.
         *
         * @param name the name as upstream spells it
         * @param kind the kind of value
         * @param description what it means
         * @return this builder
         */
        public Builder<S> addOptionalNone(String name, Param.Kind kind, String description) {
            return add(new Param(name, kind, false, true, null, description));
        }

        /**
         * Adds PyTorch's {@code last_epoch}, accepted as -1 only (a tracker resumes by asking for
         * any update).
         *
         * @return this builder
         */
        public Builder<S> addLastEpoch() {
            return add(
                    new Param(
                            "last_epoch",
                            Param.Kind.LAST_EPOCH,
                            false,
                            false,
                            null,
                            "PyTorch's resume index: -1 only"));
        }

        /**
         * Adds an optimizer argument that upstream's signature has after others (ChainedScheduler's
         * {@code optimizer}): accepted as None only.
         *
         * @param name the name
         * @return this builder
         */
        public Builder<S> addOptimizer(String name) {
            return add(
                    new Param(
                            name,
                            Param.Kind.OPTIMIZER,
                            false,
                            true,
                            null,
                            "the optimizer: None only, the tracker is the optimizer"));
        }

        private Builder<S> add(Param p) {
            for (Param q : params) {
                if (q.getName().equals(p.getName())) {
                    throw new IllegalArgumentException(
                            name + " has two arguments named '" + p.getName() + "'");
                }
            }
            params.add(p);
            return this;
        }

        /**
         * Marks arguments already added as lengths of the schedule ({@link Param#isLength()}),
         * counted in its steps: they then also take a {@link Length} relative to the run, an epoch
         * or updates.
         *
         * @param names the arguments' names
         * @return this builder
         * @throws IllegalArgumentException if there is no argument of a name
         */
        public Builder<S> optLengths(String... names) {
            for (String n : names) {
                int i = indexOf(n);
                if (i < 0) {
                    throw new IllegalArgumentException(
                            name + " has no argument '" + n + "' to mark as a length");
                }
                params.set(i, params.get(i).asLength());
            }
            return this;
        }

        private int indexOf(String n) {
            for (int i = 0; i < params.size(); i++) {
                if (params.get(i).getName().equals(n)) {
                    return i;
                }
            }
            return -1;
        }

        /**
         * Builds the definition.
         *
         * @return the definition
         */
        public ScheduleDefinition<S> build() {
            return new ScheduleDefinition<>(this);
        }
    }
}
