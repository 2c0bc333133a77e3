package io.github.lrschedulers.spec;

import io.github.lrschedulers.Schedule;
import io.github.lrschedulers.internal.Py;
import io.github.lrschedulers.internal.PyError;
import io.github.lrschedulers.spec.Expr.BinOp;
import io.github.lrschedulers.spec.Expr.CmpOp;
import io.github.lrschedulers.spec.Expr.Const;
import io.github.lrschedulers.spec.Expr.Fn;
import io.github.lrschedulers.spec.Expr.UnaryOp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Parses spec strings, Python call expressions such as {@code SequentialLR(schedulers=[LinearLR(
 * start_factor=0.1, total_iters=4), CosineAnnealingLR(T_max=10)], milestones=[4])}, into {@link
 * SpecNode} trees.
 *
 * <p>The grammar is a subset of Python's expressions:
 *
 * <ul>
 *   <li>a call {@code Name(positional, ..., key=value, ...)}: positional arguments come first,
 *       keywords are distinct, a trailing comma is allowed;
 *   <li>values: calls, lists {@code [a, b]} and tuples {@code (a, b)}, {@code (a,)} (both become
 *       {@link SpecNode.ListNode}), dicts with string keys {@code {'num_cycles': 1.5}}, {@code
 *       dict(num_cycles=1.5)} and number keys {@code {100: 0.5}} ({@link SpecNode.Dict}), strings
 *       in single or double quotes with the escapes {@code \\ \' \" \n \t \r}, {@code True}/{@code
 *       False} (also {@code true}/{@code false}), {@code None} (also {@code null}), {@code lambda}
 *       expressions (see {@link PyLambda});
 *   <li>numbers: int and float literals ({@code 3}, {@code 1_000}, {@code .5}, {@code 5.}, {@code
 *       1e-3}), {@code inf}, {@code float('inf')}, {@code math.pi}, {@code math.e}, {@code
 *       math.inf}, {@code math.nan}, and any arithmetic on them that {@link PyLambda} supports,
 *       evaluated while parsing with Python's semantics: {@code 1/3} is a float, {@code 7//2} the
 *       int 3, {@code 2**-1} the float 0.5; a comparison gives a {@link SpecNode.Bool};
 *   <li>lengths relative to the run ({@link io.github.lrschedulers.Length}): a number times {@code
 *       run}, {@code epoch} or {@code update} ({@code epochs}, {@code updates}), e.g. {@code
 *       0.05*run}, {@code 3*epoch}, parse as the call {@code run(0.05)}, {@code epoch(3)}, which
 *       may also be written so; the binder accepts them for the arguments that are lengths.
 * </ul>
 *
 * <p>Whitespace is allowed between tokens. Ints must fit in 64 bits. Schedule calls nest at most
 * {@link Schedule#MAX_NESTING} levels, as the Java builders allow; brackets, calls and unary
 * operators at most {@value #MAX_DEPTH} levels (a lambda's body counts its own levels, as {@link
 * PyLambda#parse(String)} does), expressions at most {@value #MAX_HEIGHT} operations deep, and the
 * input is at most {@value #MAX_LENGTH} characters, so no input can overflow the stack and every
 * schedule's printed spec parses back. Every error is a {@link SpecParseException} naming the
 * position.
 */
public final class SpecParser {

    /**
     * The maximum nesting of brackets, calls and unary operators (within a lambda's body, counted
     * from the lambda). At least {@code 2 * Schedule.MAX_NESTING + 1}, the depth of the deepest
     * printed schedule.
     */
    public static final int MAX_DEPTH = 64;

    /** The maximum depth of an expression tree, such as a chain {@code 1 + 1 + ... + 1}. */
    public static final int MAX_HEIGHT = 1000;

    /** The maximum length of a spec or lambda, in characters. */
    public static final int MAX_LENGTH = 100_000;

    private static final Set<String> KEYWORDS =
            Set.of(
                    "False",
                    "None",
                    "True",
                    "and",
                    "as",
                    "assert",
                    "async",
                    "await",
                    "break",
                    "class",
                    "continue",
                    "def",
                    "del",
                    "elif",
                    "else",
                    "except",
                    "finally",
                    "for",
                    "from",
                    "global",
                    "if",
                    "import",
                    "in",
                    "is",
                    "lambda",
                    "nonlocal",
                    "not",
                    "or",
                    "pass",
                    "raise",
                    "return",
                    "try",
                    "while",
                    "with",
                    "yield");

    private static final String LAMBDA_NAMES =
            "True, False, min, max, abs, float, int, math.pi, math.e, math.inf, math.nan,"
                    + " math.cos, math.sin, math.exp, math.log, math.sqrt, math.floor, math.ceil";

    private static final String SPEC_NAMES =
            "a call such as StepLR(...), True, False, None, inf, min, max, abs, float, int,"
                    + " math.pi, math.e, math.inf, math.nan, math.cos, math.sin, math.exp,"
                    + " math.log, math.sqrt, math.floor, math.ceil";

    /** The units of a length relative to the run, after {@code *}: {@code 0.05*run}. */
    private static final Set<String> LENGTH_UNITS =
            Set.of("run", "epoch", "epochs", "update", "updates");

    private static final int NAME = 0;
    private static final int INT = 1;
    private static final int FLOAT = 2;
    private static final int STR = 3;
    private static final int OP = 4;
    private static final int EOF = 5;

    /** A token: its kind, span, text (decoded for strings) and numeric value. */
    private record Tok(int kind, int start, int end, String text, long iv, double dv) {}

    private final String src;
    private final List<Tok> toks = new ArrayList<>();
    private int lexPos;
    private int cur;
    private int depth;
    private int scheduleDepth;
    private String param;

    private SpecParser(String src) {
        this.src = src;
    }

    /**
     * Parses a whole spec string, which must be one call.
     *
     * @param source the spec, e.g. {@code "StepLR(step_size=30, gamma=0.1)"}
     * @return the call
     * @throws SpecParseException if the string is empty, is not one call, has unbalanced brackets,
     *     trailing text, unknown names, or anything outside the grammar
     * @throws NullPointerException if {@code source} is {@code null}
     */
    public static SpecNode.Call parse(String source) {
        return (SpecNode.Call) parseTop(source, false);
    }

    /**
     * Parses a whole spec string that is one call, or one dict (a schedule another library
     * serialized, see {@link ScheduleSpec}).
     */
    static SpecNode parseCallOrDict(String source) {
        return parseTop(source, true);
    }

    private static SpecNode parseTop(String source, boolean dictAllowed) {
        SpecParser p = start(source);
        Tok first = p.peek(0);
        if (first.kind == EOF) {
            throw p.error(first.start, "expected a call such as StepLR(...) but the spec is empty");
        }
        SpecNode v = p.parseTest();
        if (!(v instanceof SpecNode.Call || (dictAllowed && v instanceof SpecNode.Dict))) {
            throw p.error(
                    v.position(), "expected a call such as StepLR(...) but found " + v.describe());
        }
        p.expectEnd();
        return v;
    }

    /** Parses a whole {@code lambda NAME: expr}; see {@link PyLambda#parse(String)}. */
    static PyLambda parseLambda(String source) {
        SpecParser p = start(source);
        Tok first = p.peek(0);
        if (!p.isName(first, "lambda")) {
            throw p.error(first.start, "expected 'lambda' but found " + p.found(first));
        }
        SpecNode.Lambda l = p.parseLambdaExpr();
        p.expectEnd();
        return l.fn();
    }

    private static SpecParser start(String source) {
        Objects.requireNonNull(source, "source");
        SpecParser p = new SpecParser(source);
        if (source.length() > MAX_LENGTH) {
            throw p.error(
                    MAX_LENGTH,
                    "input of "
                            + source.length()
                            + " characters is longer than the limit of "
                            + MAX_LENGTH);
        }
        return p;
    }

    private void expectEnd() {
        Tok t = peek(0);
        if (t.kind != EOF) {
            throw error(t.start, "expected the end of the input but found " + found(t));
        }
    }

    // ---------------------------------------------------------------- grammar

    private SpecNode parseTest() {
        Tok t = peek(0);
        if (isName(t, "lambda")) {
            if (param != null) {
                throw error(t.start, "nested lambdas are not supported");
            }
            return parseLambdaExpr();
        }
        SpecNode body = parseOr();
        Tok ifTok = peek(0);
        if (isName(ifTok, "if")) {
            Expr b = operand(body);
            next();
            enter(ifTok);
            Expr cond = operand(parseOr());
            Tok elseTok = next();
            if (!isName(elseTok, "else")) {
                throw error(elseTok.start, "expected 'else' but found " + found(elseTok));
            }
            Expr orElse = operand(parseTest());
            leave();
            return mk(new Expr.IfElse(b, cond, orElse));
        }
        return body;
    }

    private SpecNode.Lambda parseLambdaExpr() {
        Tok kw = next();
        int outer = depth;
        depth = 0; // a lambda's body nests as deep as it would alone, wherever the lambda sits
        enter(kw);
        Tok p = next();
        if (p.kind != NAME || KEYWORDS.contains(p.text)) {
            throw error(p.start, "expected a parameter name after 'lambda' but found " + found(p));
        }
        Tok colon = next();
        if (isOp(colon, ",")) {
            throw error(colon.start, "a lambda must take exactly one parameter");
        }
        if (!isOp(colon, ":")) {
            throw error(colon.start, "expected ':' but found " + found(colon));
        }
        param = p.text;
        Expr body = operand(parseTest());
        param = null;
        leave();
        depth = outer;
        return new SpecNode.Lambda(new PyLambda(p.text, body), kw.start);
    }

    private SpecNode parseOr() {
        SpecNode left = parseAnd();
        while (isName(peek(0), "or")) {
            Expr l = operand(left);
            next();
            left = mk(new Expr.BoolOp(false, l, operand(parseAnd())));
        }
        return left;
    }

    private SpecNode parseAnd() {
        SpecNode left = parseNot();
        while (isName(peek(0), "and")) {
            Expr l = operand(left);
            next();
            left = mk(new Expr.BoolOp(true, l, operand(parseNot())));
        }
        return left;
    }

    private SpecNode parseNot() {
        Tok t = peek(0);
        if (isName(t, "not")) {
            next();
            enter(t);
            Expr operand = operand(parseNot());
            leave();
            return mk(new Expr.Unary(UnaryOp.NOT, operand, t.start));
        }
        return parseComparison();
    }

    private SpecNode parseComparison() {
        SpecNode first = parseArith();
        if (comparison(peek(0)) == null) {
            return first;
        }
        List<Expr> operands = new ArrayList<>();
        List<CmpOp> ops = new ArrayList<>();
        operands.add(operand(first));
        CmpOp op;
        while ((op = comparison(peek(0))) != null) {
            next();
            ops.add(op);
            operands.add(operand(parseArith()));
        }
        return mk(new Expr.Compare(operands, ops));
    }

    private static CmpOp comparison(Tok t) {
        return t.kind == OP ? CmpOp.bySymbol(t.text) : null;
    }

    private SpecNode parseArith() {
        SpecNode left = parseTerm();
        while (true) {
            Tok t = peek(0);
            BinOp op = isOp(t, "+") ? BinOp.ADD : isOp(t, "-") ? BinOp.SUB : null;
            if (op == null) {
                return left;
            }
            Expr l = operand(left);
            next();
            left = mk(new Expr.Binary(op, l, operand(parseTerm())));
        }
    }

    private SpecNode parseTerm() {
        SpecNode left = parseFactor();
        while (true) {
            Tok t = peek(0);
            BinOp op = null;
            if (t.kind == OP) {
                switch (t.text) {
                    case "*":
                        op = BinOp.MUL;
                        break;
                    case "/":
                        op = BinOp.DIV;
                        break;
                    case "//":
                        op = BinOp.FLOORDIV;
                        break;
                    case "%":
                        op = BinOp.MOD;
                        break;
                    default:
                        break;
                }
            }
            if (op == null) {
                return left;
            }
            if (op == BinOp.MUL && isLengthUnit(1)) {
                next();
                left = lengthCall(left, next());
                continue;
            }
            Expr l = operand(left);
            next();
            left = mk(new Expr.Binary(op, l, operand(parseFactor())));
        }
    }

    private SpecNode parseFactor() {
        Tok t = peek(0);
        if (isOp(t, "-") || isOp(t, "+")) {
            next();
            enter(t);
            Expr operand = operand(parseFactor());
            leave();
            return mk(new Expr.Unary(isOp(t, "-") ? UnaryOp.NEG : UnaryOp.POS, operand, t.start));
        }
        return parsePower();
    }

    private SpecNode parsePower() {
        SpecNode base = parseAtom();
        Tok t = peek(0);
        if (isOp(t, "**")) {
            Expr b = operand(base);
            next();
            enter(t);
            Expr exp = operand(parseFactor());
            leave();
            return mk(new Expr.Binary(BinOp.POW, b, exp));
        }
        return base;
    }

    private SpecNode parseAtom() {
        Tok t = next();
        switch (t.kind) {
            case INT:
                return Const.ofInt(t.start, t.iv);
            case FLOAT:
                return Const.ofFloat(t.start, t.dv);
            case STR:
                if (param != null) {
                    throw error(t.start, "a string is allowed in a lambda only as float('...')");
                }
                return new SpecNode.Str(t.text, t.start);
            case NAME:
                return parseName(t);
            case OP:
                if (t.text.equals("(")) {
                    return parseParens(t);
                }
                if (t.text.equals("[")) {
                    return parseList(t);
                }
                if (t.text.equals("{")) {
                    return parseDict(t);
                }
                throw error(t.start, "expected a value but found " + found(t));
            default:
                throw error(t.start, "expected a value but found " + found(t));
        }
    }

    private SpecNode parseParens(Tok open) {
        enter(open);
        if (isOp(peek(0), ")")) {
            if (param != null) {
                throw error(open.start, "tuples are not supported in a lambda");
            }
            next();
            leave();
            return new SpecNode.ListNode(List.of(), open.start);
        }
        SpecNode first = parseTest();
        Tok t = next();
        if (isOp(t, ")")) {
            leave();
            return first;
        }
        if (!isOp(t, ",")) {
            throw error(t.start, "expected ',' or ')' but found " + found(t));
        }
        if (param != null) {
            throw error(open.start, "tuples are not supported in a lambda");
        }
        List<SpecNode> items = new ArrayList<>();
        items.add(toSpec(first));
        while (!isOp(peek(0), ")")) {
            items.add(toSpec(parseTest()));
            Tok sep = peek(0);
            if (isOp(sep, ",")) {
                next();
            } else if (!isOp(sep, ")")) {
                throw error(sep.start, "expected ',' or ')' but found " + found(sep));
            }
        }
        next();
        leave();
        return new SpecNode.ListNode(items, open.start);
    }

    private SpecNode parseList(Tok open) {
        if (param != null) {
            throw error(open.start, "lists are not supported in a lambda");
        }
        enter(open);
        List<SpecNode> items = new ArrayList<>();
        while (!isOp(peek(0), "]")) {
            items.add(toSpec(parseTest()));
            Tok sep = peek(0);
            if (isOp(sep, ",")) {
                next();
            } else if (!isOp(sep, "]")) {
                throw error(sep.start, "expected ',' or ']' but found " + found(sep));
            }
        }
        next();
        leave();
        return new SpecNode.ListNode(items, open.start);
    }

    private SpecNode parseDict(Tok open) {
        if (param != null) {
            throw error(open.start, "dicts are not supported in a lambda");
        }
        enter(open);
        List<SpecNode.DictEntry> entries = new ArrayList<>();
        while (!isOp(peek(0), "}")) {
            SpecNode key = toSpec(parseTest());
            if (!(key instanceof SpecNode.Str || key instanceof SpecNode.Num)) {
                throw error(
                        key.position(),
                        "expected a string or number key but found " + key.describe());
            }
            Tok colon = next();
            if (!isOp(colon, ":")) {
                throw error(colon.start, "expected ':' but found " + found(colon));
            }
            entries.add(new SpecNode.DictEntry(key, toSpec(parseTest()), key.position()));
            Tok sep = peek(0);
            if (isOp(sep, ",")) {
                next();
            } else if (!isOp(sep, "}")) {
                throw error(sep.start, "expected ',' or '}' but found " + found(sep));
            }
        }
        next();
        leave();
        return new SpecNode.Dict(entries, open.start);
    }

    /** {@code dict(key=value, ...)}: a {@link SpecNode.Dict} with string keys. */
    private SpecNode.Dict parseDictCall(Tok nameTok) {
        Args a = parseArgs();
        if (!a.positional.isEmpty()) {
            throw error(
                    a.positional.get(0).position(),
                    "dict() takes keyword arguments only here, such as dict(init_value=0.1)");
        }
        List<SpecNode.DictEntry> entries = new ArrayList<>();
        for (int k = 0; k < a.names.size(); k++) {
            Tok n = a.names.get(k);
            SpecNode.Str key = new SpecNode.Str(n.text, n.start);
            entries.add(new SpecNode.DictEntry(key, toSpec(a.values.get(k)), n.start));
        }
        return new SpecNode.Dict(entries, nameTok.start);
    }

    private SpecNode parseName(Tok t) {
        String name = t.text;
        if (name.equals(param)) {
            return new Expr.Param(name, t.start);
        }
        switch (name) {
            case "True":
            case "true":
                return Const.ofBool(t.start, true);
            case "False":
            case "false":
                return Const.ofBool(t.start, false);
            case "None":
            case "null":
                if (param != null) {
                    throw error(t.start, "None is not supported in a lambda");
                }
                return new SpecNode.None(t.start);
            case "inf":
                if (param == null) {
                    return Const.ofFloat(t.start, Double.POSITIVE_INFINITY);
                }
                break;
            case "math":
                return parseMath(t);
            default:
                break;
        }
        if (KEYWORDS.contains(name)) {
            throw error(t.start, "expected a value but found " + found(t));
        }
        if (param == null && isOp(peek(0), ".")) {
            // A schedule of another library, by its namespace: keras.optimizers.schedules.X(...)
            StringBuilder full = new StringBuilder(name);
            while (isOp(peek(0), ".")) {
                next();
                Tok member = next();
                if (member.kind != NAME) {
                    throw error(
                            member.start,
                            "expected a name after '" + full + ".' but found " + found(member));
                }
                full.append('.').append(member.text);
            }
            if (!isOp(peek(0), "(")) {
                throw error(t.start, unknownName(full.toString()));
            }
            return parseSpecCall(t, full.toString());
        }
        if (name.equals("dict") && param == null && isOp(peek(0), "(")) {
            return parseDictCall(t);
        }
        Fn fn = Fn.byName(name);
        if (fn != null && isOp(peek(0), "(")) {
            return parseFnCall(t, fn);
        }
        if (fn == null && param == null && isOp(peek(0), "(")) {
            return parseSpecCall(t, name);
        }
        throw error(t.start, unknownName(name));
    }

    private String unknownName(String name) {
        if (param != null) {
            return "unknown name '"
                    + name
                    + "'; expected the parameter '"
                    + param
                    + "', a number or one of "
                    + LAMBDA_NAMES;
        }
        return "unknown name '" + name + "'; expected a number, a string or one of " + SPEC_NAMES;
    }

    private SpecNode parseMath(Tok t) {
        Tok dot = next();
        if (!isOp(dot, ".")) {
            throw error(dot.start, "expected '.' after 'math' but found " + found(dot));
        }
        Tok member = next();
        if (member.kind != NAME) {
            throw error(member.start, "expected a name after 'math.' but found " + found(member));
        }
        String full = "math." + member.text;
        switch (member.text) {
            case "pi":
                return Const.named(t.start, full, Math.PI);
            case "e":
                return Const.named(t.start, full, Math.E);
            case "inf":
                return Const.named(t.start, full, Double.POSITIVE_INFINITY);
            case "nan":
                return Const.named(t.start, full, Double.NaN);
            default:
                break;
        }
        Fn fn = Fn.byName(full);
        if (fn == null || !isOp(peek(0), "(")) {
            throw error(t.start, unknownName(full));
        }
        return parseFnCall(t, fn);
    }

    /** The arguments of a call, still unconverted. */
    private record Args(List<SpecNode> positional, List<Tok> names, List<SpecNode> values) {}

    private Args parseArgs() {
        Tok open = next();
        enter(open);
        Args a = new Args(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        Set<String> seen = new HashSet<>();
        while (!isOp(peek(0), ")")) {
            Tok t = peek(0);
            if (t.kind == NAME && isOp(peek(1), "=")) {
                if (!seen.add(t.text)) {
                    throw error(t.start, "duplicate argument '" + t.text + "'");
                }
                next();
                next();
                a.names.add(t);
                a.values.add(parseTest());
            } else {
                if (!a.names.isEmpty()) {
                    throw error(t.start, "positional argument follows keyword argument");
                }
                a.positional.add(parseTest());
            }
            Tok sep = peek(0);
            if (isOp(sep, ",")) {
                next();
            } else if (!isOp(sep, ")")) {
                throw error(sep.start, "expected ',' or ')' but found " + found(sep));
            }
        }
        next();
        leave();
        return a;
    }

    private SpecNode parseFnCall(Tok nameTok, Fn fn) {
        if (fn == Fn.FLOAT && peek(1).kind == STR && isOp(peek(2), ")")) {
            next();
            Tok s = next();
            next();
            return printedDepth(
                    nameTok,
                    Const.ofFloat(
                            nameTok.start, parseFloatString(new SpecNode.Str(s.text, s.start))));
        }
        Args a = parseArgs();
        if (!a.names.isEmpty()) {
            throw error(a.names.get(0).start, fn.pyName + "() takes no keyword arguments");
        }
        int n = a.positional.size();
        if (n < fn.minArgs || n > fn.maxArgs) {
            String expected =
                    fn.minArgs == fn.maxArgs
                            ? "exactly " + fn.minArgs
                            : fn.maxArgs == Integer.MAX_VALUE
                                    ? "at least " + fn.minArgs
                                    : fn.minArgs + " or " + fn.maxArgs;
            throw error(
                    nameTok.start,
                    fn.pyName + "() takes " + expected + " arguments but was given " + n);
        }
        if (fn == Fn.FLOAT && a.positional.get(0) instanceof SpecNode.Str) {
            SpecNode.Str s = (SpecNode.Str) a.positional.get(0);
            return printedDepth(nameTok, Const.ofFloat(nameTok.start, parseFloatString(s)));
        }
        List<Expr> args = new ArrayList<>(n);
        for (SpecNode o : a.positional) {
            args.add(operand(o));
        }
        return mk(new Expr.FnCall(fn, args, nameTok.start));
    }

    /**
     * Counts the levels a {@code float('...')} constant takes once printed: a negative one prints
     * as {@code -x}, in parentheses as the base of {@code **}, two levels that the call did not
     * take. So whatever parses, its printed form parses too.
     */
    private Const printedDepth(Tok nameTok, Const c) {
        if (Double.doubleToRawLongBits(c.d) < 0) {
            enter(nameTok);
            enter(nameTok);
            leave();
            leave();
        }
        return c;
    }

    private double parseFloatString(SpecNode.Str s) {
        try {
            return Py.parseFloat(s.value());
        } catch (NumberFormatException e) {
            throw error(s.position(), e.getMessage());
        }
    }

    private SpecNode.Call parseSpecCall(Tok nameTok, String name) {
        if (++scheduleDepth > Schedule.MAX_NESTING) {
            throw error(
                    nameTok.start,
                    "schedules must nest at most "
                            + Schedule.MAX_NESTING
                            + " levels deep (Schedule.MAX_NESTING), but this call is at level "
                            + scheduleDepth);
        }
        Args a = parseArgs();
        scheduleDepth--;
        List<SpecNode> args = new ArrayList<>(a.positional.size());
        for (SpecNode o : a.positional) {
            args.add(toSpec(o));
        }
        List<SpecNode.Kwarg> kwargs = new ArrayList<>(a.names.size());
        for (int k = 0; k < a.names.size(); k++) {
            Tok n = a.names.get(k);
            kwargs.add(new SpecNode.Kwarg(n.text, toSpec(a.values.get(k)), n.start));
        }
        return new SpecNode.Call(name, args, kwargs, nameTok.start);
    }

    // ---------------------------------------------------------------- values

    private Expr operand(SpecNode v) {
        if (v instanceof Expr) {
            return (Expr) v;
        }
        throw error(v.position(), "expected a number but found " + v.describe());
    }

    /** Folds a numeric expression into the value it has; leaves other nodes as they are. */
    private SpecNode toSpec(SpecNode v) {
        if (!(v instanceof Expr)) {
            return v;
        }
        Expr e = (Expr) v;
        Expr.Frame f = new Expr.Frame(0);
        Expr.Kind kind;
        try {
            kind = e.eval(f);
        } catch (PyError err) {
            throw error(
                    e.position(), "cannot evaluate the constant expression: " + err.getMessage());
        }
        switch (kind) {
            case INT:
                return SpecNode.Num.ofInt(f.i, e.position());
            case BOOL:
                return new SpecNode.Bool(f.i != 0, e.position());
            default:
                return SpecNode.Num.ofFloat(f.d, e.position());
        }
    }

    private Expr mk(Expr n) {
        if (n.height() > MAX_HEIGHT) {
            throw error(n.position(), "expression deeper than " + MAX_HEIGHT + " operations");
        }
        return n;
    }

    private void enter(Tok t) {
        if (++depth > MAX_DEPTH) {
            throw error(t.start, "nesting deeper than " + MAX_DEPTH);
        }
    }

    private void leave() {
        depth--;
    }

    private SpecParseException error(int position, String message) {
        return new SpecParseException(message, src, position);
    }

    // ---------------------------------------------------------------- tokens

    private boolean isName(Tok t, String name) {
        return t.kind == NAME && t.text.equals(name);
    }

    private static boolean isOp(Tok t, String op) {
        return t.kind == OP && t.text.equals(op);
    }

    private String found(Tok t) {
        return t.kind == EOF ? "the end of the input" : "'" + src.substring(t.start, t.end) + "'";
    }

    /**
     * Returns whether the token {@code ahead} is a length unit after {@code *} in a spec (not a
     * lambda): {@code run}, {@code epoch(s)} or {@code update(s)}, not called nor dotted.
     */
    private boolean isLengthUnit(int ahead) {
        Tok t = peek(ahead);
        return param == null
                && t.kind == NAME
                && LENGTH_UNITS.contains(t.text)
                && !isOp(peek(ahead + 1), "(")
                && !isOp(peek(ahead + 1), ".");
    }

    /** Returns {@code amount*unit} as the call {@code unit(amount)}, with the singular unit. */
    private SpecNode lengthCall(SpecNode amount, Tok unit) {
        SpecNode n = toSpec(amount);
        if (!(n instanceof SpecNode.Num)) {
            throw error(
                    amount.position(),
                    "expected a number before '*" + unit.text + "' but found " + n.describe());
        }
        String name =
                unit.text.endsWith("s")
                        ? unit.text.substring(0, unit.text.length() - 1)
                        : unit.text;
        return new SpecNode.Call(name, List.of(n), List.of(), n.position());
    }

    private Tok peek(int ahead) {
        while (toks.size() <= cur + ahead) {
            toks.add(lex());
        }
        return toks.get(cur + ahead);
    }

    private Tok next() {
        Tok t = peek(0);
        if (t.kind != EOF) {
            cur++;
        }
        return t;
    }

    private Tok lex() {
        int n = src.length();
        while (lexPos < n) {
            char c = src.charAt(lexPos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                lexPos++;
            } else {
                break;
            }
        }
        int s = lexPos;
        if (s >= n) {
            return new Tok(EOF, n, n, "", 0, 0);
        }
        char c = src.charAt(s);
        if (Character.isLetter(c) || c == '_') {
            int e = s + 1;
            while (e < n && isIdentPart(src.charAt(e))) {
                e++;
            }
            lexPos = e;
            return new Tok(NAME, s, e, src.substring(s, e), 0, 0);
        }
        if (isDigit(c) || (c == '.' && s + 1 < n && isDigit(src.charAt(s + 1)))) {
            return lexNumber(s);
        }
        if (c == '\'' || c == '"') {
            return lexString(s, c);
        }
        if (s + 1 < n) {
            String two = src.substring(s, s + 2);
            switch (two) {
                case "**":
                case "//":
                case "<=":
                case ">=":
                case "==":
                case "!=":
                    lexPos = s + 2;
                    return new Tok(OP, s, s + 2, two, 0, 0);
                default:
                    break;
            }
        }
        if ("+-*/%<>()[]{},=:.".indexOf(c) >= 0) {
            lexPos = s + 1;
            return new Tok(OP, s, s + 1, String.valueOf(c), 0, 0);
        }
        throw error(s, "unexpected character '" + c + "'");
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private int digits(int i) {
        int n = src.length();
        if (i >= n || !isDigit(src.charAt(i))) {
            return i;
        }
        i++;
        while (i < n) {
            char c = src.charAt(i);
            if (isDigit(c)) {
                i++;
            } else if (c == '_' && i + 1 < n && isDigit(src.charAt(i + 1))) {
                i += 2;
            } else {
                break;
            }
        }
        return i;
    }

    private Tok lexNumber(int s) {
        int n = src.length();
        boolean isFloat = false;
        int i = digits(s);
        if (i < n && src.charAt(i) == '.') {
            isFloat = true;
            i = digits(i + 1);
        }
        if (i < n && (src.charAt(i) == 'e' || src.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < n && (src.charAt(j) == '+' || src.charAt(j) == '-')) {
                j++;
            }
            if (j < n && isDigit(src.charAt(j))) {
                isFloat = true;
                i = digits(j);
            }
        }
        if (i < n && isIdentPart(src.charAt(i))) {
            throw error(s, "invalid number literal '" + src.substring(s, i + 1) + "'");
        }
        lexPos = i;
        String text = src.substring(s, i).replace("_", "");
        if (isFloat) {
            return new Tok(FLOAT, s, i, text, 0, Double.parseDouble(text));
        }
        if (text.length() > 1 && text.charAt(0) == '0' && !text.matches("0+")) {
            throw error(
                    s,
                    "leading zeros in decimal integer literals are not permitted, but found '"
                            + src.substring(s, i)
                            + "'");
        }
        try {
            return new Tok(INT, s, i, text, Long.parseLong(text), 0);
        } catch (NumberFormatException e) {
            throw error(s, "integer too large: " + text + " does not fit in 64 bits");
        }
    }

    private Tok lexString(int s, char quote) {
        int n = src.length();
        StringBuilder sb = new StringBuilder();
        int i = s + 1;
        while (true) {
            if (i >= n || src.charAt(i) == '\n') {
                throw error(s, "unterminated string");
            }
            char c = src.charAt(i);
            if (c == quote) {
                lexPos = i + 1;
                return new Tok(STR, s, i + 1, sb.toString(), 0, 0);
            }
            if (c == '\\') {
                if (i + 1 >= n) {
                    throw error(s, "unterminated string");
                }
                char e = src.charAt(i + 1);
                switch (e) {
                    case '\\':
                    case '\'':
                    case '"':
                        sb.append(e);
                        break;
                    case 'n':
                        sb.append('\n');
                        break;
                    case 't':
                        sb.append('\t');
                        break;
                    case 'r':
                        sb.append('\r');
                        break;
                    default:
                        throw error(
                                i,
                                "unsupported escape '\\"
                                        + e
                                        + "' in a string; expected one of \\\\ \\' \\\" \\n \\t"
                                        + " \\r");
                }
                i += 2;
            } else {
                sb.append(c);
                i++;
            }
        }
    }
}
