package io.github.lrschedulers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The base of every schedule's builder: typed {@code set…}/{@code opt…} methods put arguments by
 * their upstream name, and {@link #build()} makes the schedule through its {@link
 * ScheduleDefinition}, the same path the spec parser takes.
 *
 * @param <S> the schedule class
 * @param <B> the builder class
 */
public abstract class ScheduleBuilder<S extends Schedule, B extends ScheduleBuilder<S, B>> {

    private final ScheduleDefinition<S> definition;
    private final Map<String, Object> values = new HashMap<>();
    private final Map<String, Object> options = new HashMap<>();

    /**
     * Creates a builder of a definition.
     *
     * @param definition the definition
     */
    protected ScheduleBuilder(ScheduleDefinition<S> definition) {
        this.definition = Objects.requireNonNull(definition, "definition");
    }

    /**
     * Sets an argument by its upstream name.
     *
     * @param name the argument's name
     * @param value the value, of the Java type of its {@link Param.Kind}
     * @return this builder
     */
    @SuppressWarnings("unchecked")
    protected final B set(String name, Object value) {
        Param p = definition.getParam(name);
        if (p == null || !p.isStored()) {
            throw new IllegalArgumentException(
                    definition.getName() + " has no argument '" + name + "'");
        }
        values.put(name, value);
        return (B) this;
    }

    /**
     * Sets a per-group argument to one value per parameter group.
     *
     * @param name the argument's name
     * @param perGroup the values, one per group
     * @return this builder
     * @throws IllegalArgumentException if there is no value
     */
    protected final B setEach(String name, double... perGroup) {
        return setEach(name, Arrays.stream(perGroup).boxed().collect(Collectors.toList()));
    }

    /**
     * Sets a per-group argument to one value per parameter group.
     *
     * @param name the argument's name
     * @param perGroup the values, one per group
     * @return this builder
     * @throws IllegalArgumentException if there is no value
     */
    protected final B setEach(String name, List<?> perGroup) {
        return set(name, PerGroup.list(definition.getName() + " " + name, perGroup).values());
    }

    /**
     * Sets a Java-only option of the builder, one that upstream's signature does not have and that
     * the schedule's equality and spec ignore (e.g. allowing ReduceLROnPlateau in a composition).
     *
     * @param name the option's name
     * @param value its value
     * @return this builder
     */
    @SuppressWarnings("unchecked")
    protected final B setOption(String name, Object value) {
        options.put(name, value);
        return (B) this;
    }

    /**
     * Sets a length argument (one its definition marks {@link Param#isLength()}) to a {@link
     * Length} relative to the run, an epoch or updates; build with {@link #buildForRun()}.
     *
     * @param name the argument's upstream name, e.g. {@code total_steps}
     * @param length the length
     * @return this builder
     * @throws IllegalArgumentException if the argument is not a length of the schedule
     */
    public final B setLength(String name, Length length) {
        Param p = lengthParam(name);
        if (p.getKind() == Param.Kind.INTEGER_LIST || p.getKind() == Param.Kind.NUMBER_LIST) {
            throw new IllegalArgumentException(
                    definition.getName() + " " + name + " is a list: set it with setLengths");
        }
        return set(name, Objects.requireNonNull(length, "length"));
    }

    /**
     * Sets a list argument that is a length (e.g. milestones) to lengths relative to the run, an
     * epoch or updates, and numbers of steps; build with {@link #buildForRun()}.
     *
     * @param name the argument's upstream name, e.g. {@code milestones}
     * @param values the items: {@link Length}s, or numbers of steps ({@code Long} for ints)
     * @return this builder
     * @throws IllegalArgumentException if the argument is not a list of lengths of the schedule
     */
    public final B setLengths(String name, List<?> values) {
        Param p = lengthParam(name);
        if (!isList(p)) {
            throw new IllegalArgumentException(
                    definition.getName() + " " + name + " is no list: set it with setLength");
        }
        List<Object> items = new ArrayList<>();
        for (Object v : values) {
            items.add(v instanceof Integer i ? (Object) i.longValue() : v);
        }
        return set(name, items);
    }

    private static boolean isList(Param p) {
        return p.getKind() == Param.Kind.INTEGER_LIST
                || p.getKind() == Param.Kind.NUMBER_LIST
                || p.getKind() == Param.Kind.LITERAL;
    }

    private Param lengthParam(String name) {
        Param p = definition.getParam(name);
        if (p == null || !p.isLength()) {
            throw new IllegalArgumentException(
                    definition.getName()
                            + " has no length argument '"
                            + name
                            + "'; its lengths are "
                            + definition.getLengthNames());
        }
        return p;
    }

    /**
     * Builds the schedule, whose lengths may be {@link Length}s relative to the run: then it is a
     * {@link RunRelativeSchedule}, which a tracker resolves once it knows the run's length (and
     * checks then); else the same schedule as {@link #build()}.
     *
     * @return the schedule
     * @throws IllegalArgumentException if a required argument is missing or a value is rejected
     */
    public final Schedule buildForRun() {
        return definition.createForRun(values, options);
    }

    /**
     * Builds the schedule.
     *
     * @return the schedule
     * @throws IllegalArgumentException if a required argument is missing or a value is rejected,
     *     with a message naming the argument, the rule and the value, or a length is relative to
     *     the run (use {@link #buildForRun()})
     */
    public S build() {
        return definition.create(values, options);
    }
}
