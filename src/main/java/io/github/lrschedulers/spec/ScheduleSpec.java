package io.github.lrschedulers.spec;

import io.github.lrschedulers.Schedule;
import io.github.lrschedulers.ScheduleConfigReader;
import io.github.lrschedulers.ScheduleDefinition;
import io.github.lrschedulers.ScheduleRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

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
 * <p>The names and arguments come from each schedule's {@link
 * io.github.lrschedulers.ScheduleDefinition} in the {@link ScheduleRegistry} (user-defined ones
 * included); the values go through that definition, and so the same checks, as the Java builder's
 * do. A spec that PyTorch rejects at construction is rejected with a {@link SpecParseException} (an
 * {@link IllegalArgumentException}) naming the position, the argument, the rule and the value.
 * {@link Schedule#toString()} prints a spec that this parser turns back into an equal schedule.
 *
 * <p>A spec may also be a schedule that another library serialized, as a dict or JSON, such as
 * {@code keras.optimizers.schedules.serialize(s)}'s {@code {"class_name": "CosineDecay", "config":
 * {...}}}: the {@link ScheduleConfigReader} of the family that claims the dict turns it into the
 * spec of the same schedule, which is parsed as above.
 */
public final class ScheduleSpec {

    private ScheduleSpec() {}

    /**
     * Parses a spec string into a schedule.
     *
     * @param spec a scheduler constructor call without the optimizer
     * @return the schedule
     * @throws SpecParseException if the string is not a valid spec, or the configuration is
     *     rejected at construction
     */
    public static Schedule parse(String spec) {
        return parse(spec, List.of());
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
        SpecNode top = SpecParser.parseCallOrDict(spec);
        if (top instanceof SpecNode.Dict dict) {
            String read = readConfig(spec, dict);
            try {
                return parse(read, extra);
            } catch (SpecParseException e) {
                throw new SpecParseException(
                        "the dict reads as the spec " + read + ": " + e.getMessage(),
                        spec,
                        dict.position());
            }
        }
        return new Context(spec, known).schedule(top);
    }

    /**
     * Returns the spec of a schedule that another library serialized as a dict, from the {@link
     * ScheduleConfigReader} of the family that claims it.
     */
    private static String readConfig(String spec, SpecNode.Dict dict) {
        Map<String, Object> serialized = config(spec, dict);
        List<String> specs = new ArrayList<>();
        try {
            for (ScheduleConfigReader reader : ServiceLoader.load(ScheduleConfigReader.class)) {
                reader.toSpec(serialized).ifPresent(specs::add);
            }
        } catch (IllegalArgumentException e) {
            throw new SpecParseException(e.getMessage(), spec, dict.position());
        }
        if (specs.size() != 1) {
            throw new SpecParseException(
                    specs.isEmpty()
                            ? "expected a call such as StepLR(...) or a serialized schedule such as"
                                    + " Keras's {\"class_name\": \"CosineDecay\", \"config\":"
                                    + " {...}}, but no schedule library claims this dict"
                            : "a serialized schedule must be claimed by one schedule library, but"
                                    + " reads as each of "
                                    + specs,
                    spec,
                    dict.position());
        }
        return specs.get(0);
    }

    /** A dict of literals as Python holds it (a repeated key keeps its last value). */
    private static Map<String, Object> config(String spec, SpecNode.Dict dict) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (SpecNode.DictEntry e : dict.entries()) {
            if (!(e.key() instanceof SpecNode.Str key)) {
                throw new SpecParseException(
                        "a serialized schedule's keys must be strings, but found "
                                + e.key().toSource(),
                        spec,
                        e.position());
            }
            out.put(key.value(), literal(spec, e.value()));
        }
        return out;
    }

    private static Object literal(String spec, SpecNode v) {
        if (v instanceof SpecNode.Num n) {
            return n.isInt() ? (Object) n.intValue() : (Object) n.value();
        }
        if (v instanceof SpecNode.Bool b) {
            return b.value();
        }
        if (v instanceof SpecNode.Str s) {
            return s.value();
        }
        if (v instanceof SpecNode.None) {
            return null;
        }
        if (v instanceof SpecNode.Dict d) {
            return config(spec, d);
        }
        if (v instanceof SpecNode.ListNode list) {
            List<Object> out = new ArrayList<>();
            for (SpecNode item : list.items()) {
                out.add(literal(spec, item));
            }
            return out;
        }
        throw new SpecParseException(
                "a serialized schedule holds literals only, but found " + v.describe(),
                spec,
                v.position());
    }

    /**
     * Returns the scheduler names this parser knows: those of the {@link ScheduleRegistry}.
     *
     * @return the names
     */
    public static List<String> names() {
        List<String> out = new ArrayList<>();
        for (ScheduleDefinition<?> d : ScheduleRegistry.getDefinitions()) {
            out.add(d.getName());
        }
        return out;
    }

    /**
     * Returns the names to suggest for an unknown one: those under the longest namespace it shares
     * with known names (e.g. every {@code keras.optimizers.schedules.} name for a misspelt Keras
     * schedule), or the names without a namespace (PyTorch's and users') for a plain name.
     */
    static List<String> namesLike(String name) {
        List<String> all = names();
        String prefix = name;
        while (true) {
            int dot = prefix.lastIndexOf('.');
            prefix = dot < 0 ? "" : prefix.substring(0, dot + 1);
            List<String> out = new ArrayList<>();
            for (String n : all) {
                boolean inNamespace = prefix.isEmpty() ? n.indexOf('.') < 0 : n.startsWith(prefix);
                if (inNamespace) {
                    out.add(n);
                }
            }
            if (!out.isEmpty() || prefix.isEmpty()) {
                return out;
            }
            prefix = prefix.substring(0, prefix.length() - 1);
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
            if (definition == null) {
                throw error(
                        "unknown scheduler '"
                                + call.name()
                                + "'; expected one of "
                                + namesLike(call.name()),
                        call.position());
            }
            return new Binding(this, call, definition).schedule();
        }
    }
}
