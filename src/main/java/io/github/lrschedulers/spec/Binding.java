package io.github.lrschedulers.spec;

import io.github.lrschedulers.ArgumentException;
import io.github.lrschedulers.Length;
import io.github.lrschedulers.LrLambda;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.Schedule;
import io.github.lrschedulers.ScheduleDefinition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds the arguments of one scheduler call in a spec to its {@link ScheduleDefinition}: positional
 * arguments in the definition's order, keywords by name, each value checked against its {@link
 * Param.Kind} as Python would see it, then the definition makes the schedule (the validation the
 * Java builder goes through too). No code here knows any particular schedule.
 */
final class Binding {

    private final ScheduleSpec.Context ctx;
    private final SpecNode.Call call;
    private final ScheduleDefinition<?> definition;
    private final Map<String, SpecNode> nodes = new HashMap<>();

    /** The units of a length relative to the run, by their names in a spec. */
    private static final Map<String, Length.Unit> LENGTH_UNITS =
            Map.of(
                    "run", Length.Unit.RUN,
                    "epoch", Length.Unit.EPOCH,
                    "epochs", Length.Unit.EPOCH,
                    "update", Length.Unit.UPDATE,
                    "updates", Length.Unit.UPDATE);

    Binding(ScheduleSpec.Context ctx, SpecNode.Call call, ScheduleDefinition<?> definition) {
        this.ctx = ctx;
        this.call = call;
        this.definition = definition;
    }

    Schedule schedule() {
        List<Param> params = definition.getParams();
        List<String> names = new ArrayList<>();
        for (Param p : params) {
            names.add(p.getName());
        }
        if (call.args().size() > params.size()) {
            throw ctx.error(
                    call.name()
                            + " takes at most "
                            + params.size()
                            + " positional arguments after the optimizer "
                            + names
                            + ", but got "
                            + call.args().size(),
                    call.args().get(params.size()).position());
        }
        for (int i = 0; i < call.args().size(); i++) {
            nodes.put(names.get(i), call.args().get(i));
        }
        for (SpecNode.Kwarg k : call.kwargs()) {
            if (!names.contains(k.name())) {
                throw ctx.error(
                        "unknown argument '"
                                + k.name()
                                + "' for "
                                + call.name()
                                + "; expected one of "
                                + names,
                        k.position());
            }
            if (nodes.containsKey(k.name())) {
                throw ctx.error(
                        call.name() + " got multiple values for argument '" + k.name() + "'",
                        k.position());
            }
            nodes.put(k.name(), k.value());
        }
        Map<String, Object> given = new LinkedHashMap<>();
        for (Param p : params) {
            SpecNode v = nodes.get(p.getName());
            if (v == null) {
                if (p.isRequired()) {
                    throw ctx.error(
                            call.name() + " is missing the required argument '" + p.getName() + "'",
                            call.position());
                }
                continue;
            }
            Object value = value(p, v);
            if (value != Skip.SKIP) {
                given.put(p.getName(), value);
            }
        }
        try {
            return definition.createForRun(given);
        } catch (SpecParseException e) {
            throw e;
        } catch (ArgumentException e) {
            SpecNode v = nodes.get(e.getArgument());
            throw ctx.error(e.getMessage(), v != null ? v.position() : call.position());
        } catch (IllegalArgumentException e) {
            throw ctx.error(e.getMessage(), call.position());
        }
    }

    /** The marker of an argument that is accepted but not kept (last_epoch, an optimizer). */
    private enum Skip {
        SKIP
    }

    private Object value(Param p, SpecNode v) {
        String name = p.getName();
        if (p.getKind() == Param.Kind.LAST_EPOCH) {
            check(
                    v instanceof SpecNode.Num n && n.isInt() && n.intValue() == -1,
                    v,
                    call.name()
                            + " last_epoch must be -1 (start from scratch; to resume, ask the"
                            + " tracker for any update), but was "
                            + v.toSource());
            return Skip.SKIP;
        }
        if (p.getKind() == Param.Kind.OPTIMIZER) {
            if (!(v instanceof SpecNode.None)) {
                throw wrong(name, v, "None (the tracker is the optimizer)");
            }
            return Skip.SKIP;
        }
        Object length = length(p, v);
        if (length != null) {
            return length;
        }
        if (p.isNoneAllowed() && v instanceof SpecNode.None) {
            return null;
        }
        switch (p.getKind()) {
            case NUMBER:
                return number(name, v);
            case INTEGER:
                return integer(name, v);
            case INT:
                if (v instanceof SpecNode.Num n && n.isInt()) {
                    return n.intValue();
                }
                throw wrong(
                        name,
                        v,
                        "an int ("
                                + definition.getLibrary()
                                + " checks isinstance("
                                + name
                                + ", int))");
            case FLOAT:
                if (v instanceof SpecNode.Num n && !n.isInt()) {
                    return n.value();
                }
                throw wrong(name, v, "a float such as 0.3 (" + floatRule(name) + ")");
            case BOOLEAN:
                return truth(name, v);
            case STRING:
                if (v instanceof SpecNode.Str str) {
                    return str.value();
                }
                throw wrong(name, v, "a string");
            case NUMBERS_PER_GROUP:
                if (v instanceof SpecNode.ListNode list) {
                    List<Double> out = new ArrayList<>();
                    for (SpecNode item : list.items()) {
                        out.add(number(name, item));
                    }
                    return out;
                }
                return number(name, v);
            case INTEGER_LIST:
                {
                    List<Long> out = new ArrayList<>();
                    for (SpecNode item : list(name, v)) {
                        out.add(integer(name, item));
                    }
                    return out;
                }
            case NUMBER_LIST:
                {
                    List<Number> out = new ArrayList<>();
                    for (SpecNode item : list(name, v)) {
                        out.add(typedNumber(name, item));
                    }
                    return out;
                }
            case LITERAL:
                return literal(name, v);
            case FUNCTION:
                return function(name, v);
            case FUNCTIONS_PER_GROUP:
                if (v instanceof SpecNode.ListNode list) {
                    List<LrLambda> out = new ArrayList<>();
                    for (SpecNode item : list.items()) {
                        out.add(function(name, item));
                    }
                    return out;
                }
                return function(name, v);
            case DICT:
                if (v instanceof SpecNode.Dict dict) {
                    return dict(dict);
                }
                throw wrong(name, v, "a dict such as {'num_cycles': 1.5}");
            case SCHEDULES:
                {
                    List<Schedule> out = new ArrayList<>();
                    for (SpecNode item : list(name, v)) {
                        out.add(ctx.schedule(item));
                    }
                    return out;
                }
            case SCHEDULES_OR_NUMBERS:
                {
                    List<Object> out = new ArrayList<>();
                    for (SpecNode item : list(name, v)) {
                        if (item instanceof SpecNode.Num n) {
                            out.add(n.value());
                        } else if (item instanceof SpecNode.Call) {
                            out.add(ctx.schedule(item));
                        } else {
                            throw wrong(name + " items", item, "a schedule or a number");
                        }
                    }
                    return out;
                }
            case INTEGER_DICT:
                if (v instanceof SpecNode.Dict dict) {
                    Map<Long, Double> out = new LinkedHashMap<>();
                    for (SpecNode.DictEntry e : dict.entries()) {
                        out.put(integer(name + " keys", e.key()), number(name, e.value()));
                    }
                    return Collections.unmodifiableMap(out);
                }
                throw wrong(name, v, "a dict such as {100: 0.5}");
            case DICTS:
                {
                    List<Map<String, Object>> out = new ArrayList<>();
                    for (SpecNode item : list(name, v)) {
                        if (!(item instanceof SpecNode.Dict dict)) {
                            throw wrong(name + " items", item, "dicts such as dict(key=value)");
                        }
                        out.add(dict(dict));
                    }
                    return out;
                }
            default:
                throw new IllegalStateException("unknown kind " + p.getKind());
        }
    }

    /** A dict's value as Python sees it: a repeated key keeps its first place, its last value. */
    private Map<String, Object> dict(SpecNode.Dict dict) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (SpecNode.DictEntry e : dict.entries()) {
            if (!(e.key() instanceof SpecNode.Str key)) {
                throw ctx.error(
                        call.name() + " dict keys must be strings, but found " + e.key().toSource(),
                        e.position());
            }
            out.put(key.value(), literal(e.value()));
        }
        return Collections.unmodifiableMap(out);
    }

    /** A value inside a dict, of the Java type of its kind. */
    private Object literal(SpecNode v) {
        if (v instanceof SpecNode.Num n) {
            return n.isInt() ? (Object) n.intValue() : (Object) n.value();
        }
        if (v instanceof SpecNode.Bool b) {
            return b.value();
        }
        if (v instanceof SpecNode.Str str) {
            return str.value();
        }
        if (v instanceof SpecNode.None) {
            return null;
        }
        if (v instanceof SpecNode.Lambda l) {
            return l.fn();
        }
        if (v instanceof SpecNode.Dict d) {
            return dict(d);
        }
        if (v instanceof SpecNode.ListNode list) {
            List<Object> out = new ArrayList<>();
            for (SpecNode item : list.items()) {
                out.add(literal(item));
            }
            return Collections.unmodifiableList(out);
        }
        return ctx.schedule(v);
    }

    private void check(boolean ok, SpecNode v, String message) {
        if (!ok) {
            throw ctx.error(message, v.position());
        }
    }

    private SpecParseException wrong(String name, SpecNode v, String expected) {
        return ctx.error(
                call.name() + " " + name + " must be " + expected + ", but was " + v.toSource(),
                v.position());
    }

    /**
     * The rule behind a float-only argument: PyTorch checks the type; Keras and TensorFlow compute
     * the whole schedule in int32 for a Python int, which is not emulated.
     */
    private String floatRule(String name) {
        String library = definition.getLibrary();
        if (library.equals("PyTorch")) {
            return library + " checks isinstance(" + name + ", float)";
        }
        return "a Python int makes "
                + library
                + " compute the whole schedule in int32 (convert_to_tensor(int)), which is not"
                + " emulated";
    }

    private double number(String name, SpecNode v) {
        if (v instanceof SpecNode.Num n) {
            return n.value();
        }
        if (v instanceof SpecNode.Bool b) {
            return b.value() ? 1.0 : 0.0;
        }
        throw wrong(name, v, "a number");
    }

    private Number typedNumber(String name, SpecNode v) {
        if (v instanceof SpecNode.Num n && n.isInt()) {
            return n.intValue();
        }
        return number(name, v);
    }

    private long integer(String name, SpecNode v) {
        if (v instanceof SpecNode.Num n) {
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

    private boolean truth(String name, SpecNode v) {
        if (v instanceof SpecNode.Bool b) {
            return b.value();
        }
        if (v instanceof SpecNode.Num n) {
            return n.value() != 0;
        }
        if (v instanceof SpecNode.None) {
            return false;
        }
        throw wrong(name, v, "True or False");
    }

    private List<SpecNode> list(String name, SpecNode v) {
        if (v instanceof SpecNode.ListNode list) {
            return list.items();
        }
        throw wrong(name, v, "a list");
    }

    private Object literal(String name, SpecNode v) {
        if (v instanceof SpecNode.Num n) {
            return n.isInt() ? (Object) n.intValue() : (Object) n.value();
        }
        if (v instanceof SpecNode.Bool b) {
            return b.value();
        }
        if (v instanceof SpecNode.Str str) {
            return str.value();
        }
        if (v instanceof SpecNode.None) {
            return null;
        }
        if (v instanceof SpecNode.ListNode list) {
            List<Object> out = new ArrayList<>();
            for (SpecNode item : list.items()) {
                out.add(literal(name, item));
            }
            return out;
        }
        throw wrong(name, v, "a number, True, False, None, a string or a list of these");
    }

    private LrLambda function(String name, SpecNode v) {
        if (v instanceof SpecNode.Lambda l) {
            return l.fn();
        }
        throw wrong(name, v, "a function such as lambda epoch: 0.95 ** epoch");
    }

    /**
     * Returns a length relative to the run ({@code 0.05*run}, {@code 3*epoch}, {@code 500*update})
     * of an argument that is a length, or a list of lengths and numbers; {@code null} for a value
     * holding none, which binds as its kind says.
     */
    private Object length(Param p, SpecNode v) {
        String name = p.getName();
        if (isLengthCall(v) && !p.isLength()) {
            throw ctx.error(
                    call.name()
                            + " "
                            + name
                            + " is no length, so it takes no run, epoch or update units, but was "
                            + v.toSource()
                            + "; the lengths of "
                            + call.name()
                            + " are "
                            + definition.getLengthNames(),
                    v.position());
        }
        if (!p.isLength()) {
            return null;
        }
        if (isLengthCall(v)) {
            return toLength(name, (SpecNode.Call) v);
        }
        if (v instanceof SpecNode.ListNode list
                && list.items().stream().anyMatch(Binding::isLengthCall)) {
            List<Object> out = new ArrayList<>();
            for (SpecNode item : list.items()) {
                if (isLengthCall(item)) {
                    out.add(toLength(name, (SpecNode.Call) item));
                } else if (p.getKind() == Param.Kind.NUMBER_LIST) {
                    out.add(typedNumber(name, item));
                } else if (p.getKind() == Param.Kind.INTEGER_LIST) {
                    out.add(integer(name, item));
                } else {
                    out.add(literal(name, item));
                }
            }
            return out;
        }
        return null;
    }

    private static boolean isLengthCall(SpecNode v) {
        return v instanceof SpecNode.Call c && LENGTH_UNITS.containsKey(c.name());
    }

    private Length toLength(String name, SpecNode.Call c) {
        if (c.args().size() != 1
                || !c.kwargs().isEmpty()
                || !(c.args().get(0) instanceof SpecNode.Num n)) {
            throw wrong(name, c, "a length such as 0.05*run, 3*epoch or 500*update");
        }
        try {
            return Length.of(n.value(), LENGTH_UNITS.get(c.name()));
        } catch (IllegalArgumentException e) {
            throw ctx.error(call.name() + " " + name + ": " + e.getMessage(), c.position());
        }
    }
}
