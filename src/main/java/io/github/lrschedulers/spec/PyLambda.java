package io.github.lrschedulers.spec;

import io.github.lrschedulers.LrLambda;
import io.github.lrschedulers.internal.Py;
import io.github.lrschedulers.internal.PyError;
import io.github.lrschedulers.internal.PyNumbers;
import io.github.lrschedulers.internal.PyRepr;
import java.util.List;

/**
 * A one-parameter Python lambda, such as {@code lambda epoch: 0.95 ** epoch}, evaluated with Python
 * 3's semantics bit for bit.
 *
 * <p>Supported, with Python's precedence and associativity:
 *
 * <ul>
 *   <li>int and float literals ({@code 3}, {@code 1_000}, {@code .5}, {@code 1e-3}), {@code True},
 *       {@code False}, the parameter, {@code math.pi}, {@code math.e}, {@code math.inf}, {@code
 *       math.nan}, {@code float('inf')} (a string argument of {@code float} only);
 *   <li>unary {@code + -}, binary {@code + - * / // % **} ({@code **} is right-associative and
 *       binds tighter than a unary minus on its left: {@code -2**2 == -4});
 *   <li>comparisons {@code < <= > >= == !=}, chained as in {@code 0 < x < 5}; {@code not}, {@code
 *       and}, {@code or} (returning an operand, short-circuiting); {@code a if c else b};
 *   <li>{@code min(a, b, ...)}, {@code max(...)}, {@code abs(x)}, {@code float(x)}, {@code int(x)},
 *       {@code math.cos}, {@code math.sin}, {@code math.exp}, {@code math.log(x[, base])}, {@code
 *       math.sqrt}, {@code math.floor}, {@code math.ceil}; parentheses.
 * </ul>
 *
 * <p>Values are Python ints (held in 64 bits: a result outside raises {@code OverflowError}), bools
 * (ints 1 and 0 in arithmetic) and floats. Mixed arithmetic converts the int to float; int {@code
 * /} int is correctly rounded true division; int/float comparisons are exact. Python errors ({@code
 * ZeroDivisionError}, {@code ValueError} for {@code math.sqrt(-1)} or a negative base to a
 * fractional power, where Python would return a complex number, {@code OverflowError}) are thrown
 * as {@link PyError}, whose message starts with the Python class name.
 *
 * <p>Instances are immutable and thread-safe. They compare by their canonical {@link #source()}.
 */
public final class PyLambda implements LrLambda {

    static final int INT = 0;
    static final int BOOL = 1;
    static final int FLOAT = 2;

    /** Precedence levels, as in Python's grammar, lowest first. */
    static final int P_IF = 1;

    static final int P_OR = 2;
    static final int P_AND = 3;
    static final int P_NOT = 4;
    static final int P_CMP = 5;
    static final int P_ADD = 6;
    static final int P_MUL = 7;
    static final int P_UNARY = 8;
    static final int P_POW = 9;
    static final int P_ATOM = 10;

    private final String parameterName;
    private final Node body;
    private final String source;

    PyLambda(String parameterName, Node body) {
        this.parameterName = parameterName;
        this.body = body;
        StringBuilder sb = new StringBuilder("lambda ").append(parameterName).append(": ");
        body.render(sb);
        this.source = sb.toString();
    }

    /**
     * Parses a whole lambda, such as {@code "lambda epoch: 0.95 ** epoch"}.
     *
     * @param source the lambda source
     * @return the lambda
     * @throws SpecParseException if the string is not one supported lambda
     */
    public static PyLambda parse(String source) {
        return SpecParser.parseLambda(source);
    }

    /**
     * Evaluates the lambda with its parameter bound to the Python int {@code x}, converting the
     * result as Python's {@code float()} does.
     *
     * @param x the argument
     * @return the result as a float
     * @throws PyError where Python raises
     */
    @Override
    public double apply(long x) {
        Frame f = new Frame(x);
        int tag = body.eval(f);
        return tag == FLOAT ? f.d : (double) f.i;
    }

    /**
     * Returns the canonical source: normalized spacing, minimal parentheses and numbers as Python
     * prints them, e.g. {@code lambda epoch: 0.95 ** epoch}; parsing it gives an equal lambda.
     *
     * @return the canonical source
     */
    public String source() {
        return source;
    }

    /**
     * Returns the parameter's name.
     *
     * @return the name, e.g. {@code epoch}
     */
    public String parameterName() {
        return parameterName;
    }

    Node body() {
        return body;
    }

    /** {@inheritDoc} */
    @Override
    public boolean equals(Object o) {
        return o instanceof PyLambda && ((PyLambda) o).source.equals(source);
    }

    /** {@inheritDoc} */
    @Override
    public int hashCode() {
        return source.hashCode();
    }

    /**
     * Returns the canonical source, as {@link #source()}.
     *
     * @return the canonical source
     */
    @Override
    public String toString() {
        return source;
    }

    /** The evaluation state of one call: the argument and the last result's payload. */
    static final class Frame {
        final long x;
        long i;
        double d;

        Frame(long x) {
            this.x = x;
        }
    }

    static boolean truthy(int tag, Frame f) {
        return tag == FLOAT ? f.d != 0.0 : f.i != 0;
    }

    /** An expression node; {@link #eval} leaves the value in the frame and returns its tag. */
    abstract static class Node {
        final int pos;
        final int height;

        Node(int pos, int height) {
            this.pos = pos;
            this.height = height;
        }

        abstract int eval(Frame f);

        abstract int prec();

        abstract void render(StringBuilder sb);

        final void render(StringBuilder sb, boolean parens) {
            if (parens) {
                sb.append('(');
                render(sb);
                sb.append(')');
            } else {
                render(sb);
            }
        }

        static int height(Node... children) {
            int h = 0;
            for (Node c : children) {
                h = Math.max(h, c.height);
            }
            return h + 1;
        }
    }

    /** A constant int, bool or float. */
    static final class Const extends Node {
        final int tag;
        final long i;
        final double d;
        final String spelling;
        final int prec;

        Const(int pos, int tag, long i, double d, String spelling) {
            super(pos, 1);
            this.tag = tag;
            this.i = i;
            this.d = d;
            if (spelling != null) {
                this.spelling = spelling;
                this.prec = P_ATOM;
            } else if (tag == FLOAT) {
                boolean negative = Double.doubleToRawLongBits(d) < 0;
                String s;
                if (Double.isNaN(d)) {
                    s = "math.nan";
                } else if (Double.isInfinite(d)) {
                    s = "math.inf";
                } else {
                    s = PyRepr.repr(Math.abs(d));
                }
                this.spelling = negative ? "-" + s : s;
                this.prec = negative ? P_UNARY : P_ATOM;
            } else {
                this.spelling = Long.toString(i);
                this.prec = i < 0 ? P_UNARY : P_ATOM;
            }
        }

        static Const ofInt(int pos, long v) {
            return new Const(pos, INT, v, 0.0, null);
        }

        static Const ofFloat(int pos, double v) {
            return new Const(pos, FLOAT, 0, v, null);
        }

        static Const ofBool(int pos, boolean v) {
            return new Const(pos, BOOL, v ? 1 : 0, 0.0, v ? "True" : "False");
        }

        @Override
        int eval(Frame f) {
            f.i = i;
            f.d = d;
            return tag;
        }

        @Override
        int prec() {
            return prec;
        }

        @Override
        void render(StringBuilder sb) {
            sb.append(spelling);
        }
    }

    /** The lambda's parameter. */
    static final class Param extends Node {
        final String name;

        Param(int pos, String name) {
            super(pos, 1);
            this.name = name;
        }

        @Override
        int eval(Frame f) {
            f.i = f.x;
            return INT;
        }

        @Override
        int prec() {
            return P_ATOM;
        }

        @Override
        void render(StringBuilder sb) {
            sb.append(name);
        }
    }

    /** Unary {@code -}, {@code +} or {@code not}. */
    static final class Unary extends Node {
        final char op;
        final Node operand;

        Unary(int pos, char op, Node operand) {
            super(pos, height(operand));
            this.op = op;
            this.operand = operand;
        }

        @Override
        int eval(Frame f) {
            int t = operand.eval(f);
            switch (op) {
                case '!':
                    f.i = truthy(t, f) ? 0 : 1;
                    return BOOL;
                case '-':
                    if (t == FLOAT) {
                        f.d = -f.d;
                        return FLOAT;
                    }
                    f.i = PyNumbers.neg(f.i);
                    return INT;
                default:
                    return t == BOOL ? INT : t;
            }
        }

        @Override
        int prec() {
            return op == '!' ? P_NOT : P_UNARY;
        }

        @Override
        void render(StringBuilder sb) {
            sb.append(op == '!' ? "not " : String.valueOf(op));
            operand.render(sb, operand.prec() < prec());
        }
    }

    /** The binary arithmetic operators. */
    enum BinOp {
        ADD("+", P_ADD),
        SUB("-", P_ADD),
        MUL("*", P_MUL),
        DIV("/", P_MUL),
        FLOORDIV("//", P_MUL),
        MOD("%", P_MUL),
        POW("**", P_POW);

        final String symbol;
        final int prec;

        BinOp(String symbol, int prec) {
            this.symbol = symbol;
            this.prec = prec;
        }
    }

    /** A binary arithmetic operation. */
    static final class Binary extends Node {
        final BinOp op;
        final Node left;
        final Node right;

        Binary(int pos, BinOp op, Node left, Node right) {
            super(pos, height(left, right));
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        int eval(Frame f) {
            int tl = left.eval(f);
            long li = f.i;
            double ld = f.d;
            int tr = right.eval(f);
            if (tl != FLOAT && tr != FLOAT) {
                long a = li;
                long b = f.i;
                switch (op) {
                    case ADD:
                        f.i = PyNumbers.add(a, b);
                        return INT;
                    case SUB:
                        f.i = PyNumbers.sub(a, b);
                        return INT;
                    case MUL:
                        f.i = PyNumbers.mul(a, b);
                        return INT;
                    case DIV:
                        f.d = PyNumbers.trueDiv(a, b);
                        return FLOAT;
                    case FLOORDIV:
                        f.i = PyNumbers.floorDiv(a, b);
                        return INT;
                    case MOD:
                        f.i = Py.mod(a, b);
                        return INT;
                    default:
                        if (b < 0) {
                            f.d = Py.pow((double) a, (double) b);
                            return FLOAT;
                        }
                        f.i = PyNumbers.pow(a, b);
                        return INT;
                }
            }
            double a = tl == FLOAT ? ld : (double) li;
            double b = tr == FLOAT ? f.d : (double) f.i;
            switch (op) {
                case ADD:
                    f.d = a + b;
                    break;
                case SUB:
                    f.d = a - b;
                    break;
                case MUL:
                    f.d = a * b;
                    break;
                case DIV:
                    f.d = Py.div(a, b);
                    break;
                case FLOORDIV:
                    f.d = Py.floorDiv(a, b);
                    break;
                case MOD:
                    f.d = Py.mod(a, b);
                    break;
                default:
                    f.d = Py.pow(a, b);
                    break;
            }
            return FLOAT;
        }

        @Override
        int prec() {
            return op.prec;
        }

        @Override
        void render(StringBuilder sb) {
            if (op == BinOp.POW) {
                left.render(sb, left.prec() <= P_POW);
                sb.append(" ** ");
                right.render(sb, right.prec() < P_UNARY);
            } else {
                left.render(sb, left.prec() < op.prec);
                sb.append(' ').append(op.symbol).append(' ');
                right.render(sb, right.prec() <= op.prec);
            }
        }
    }

    /** A comparison chain {@code a < b <= c}. */
    static final class Compare extends Node {
        final Node[] operands;
        final String[] ops;

        Compare(int pos, List<Node> operands, List<String> ops) {
            super(pos, height(operands.toArray(new Node[0])));
            this.operands = operands.toArray(new Node[0]);
            this.ops = ops.toArray(new String[0]);
        }

        @Override
        int eval(Frame f) {
            int tl = operands[0].eval(f);
            for (int k = 0; k < ops.length; k++) {
                long li = f.i;
                double ld = f.d;
                int tr = operands[k + 1].eval(f);
                if (!compare(ops[k], tl, li, ld, tr, f.i, f.d)) {
                    f.i = 0;
                    return BOOL;
                }
                tl = tr;
            }
            f.i = 1;
            return BOOL;
        }

        @Override
        int prec() {
            return P_CMP;
        }

        @Override
        void render(StringBuilder sb) {
            operands[0].render(sb, operands[0].prec() <= P_CMP);
            for (int k = 0; k < ops.length; k++) {
                sb.append(' ').append(ops[k]).append(' ');
                operands[k + 1].render(sb, operands[k + 1].prec() <= P_CMP);
            }
        }
    }

    /** Python's {@code a OP b} for numbers of the given tags. */
    static boolean compare(String op, int ta, long ia, double da, int tb, long ib, double db) {
        int c;
        if (ta != FLOAT && tb != FLOAT) {
            c = Long.compare(ia, ib);
        } else if (ta == FLOAT && tb == FLOAT) {
            c = Double.isNaN(da) || Double.isNaN(db) ? 2 : (da < db ? -1 : (da > db ? 1 : 0));
        } else if (ta == FLOAT) {
            c = PyNumbers.compare(ib, da);
            c = c == 2 ? 2 : -c;
        } else {
            c = PyNumbers.compare(ia, db);
        }
        if (c == 2) {
            return op.equals("!=");
        }
        switch (op) {
            case "<":
                return c < 0;
            case "<=":
                return c <= 0;
            case ">":
                return c > 0;
            case ">=":
                return c >= 0;
            case "==":
                return c == 0;
            default:
                return c != 0;
        }
    }

    /** {@code a and b} or {@code a or b}, returning an operand as Python does. */
    static final class BoolOp extends Node {
        final boolean isAnd;
        final Node left;
        final Node right;

        BoolOp(int pos, boolean isAnd, Node left, Node right) {
            super(pos, height(left, right));
            this.isAnd = isAnd;
            this.left = left;
            this.right = right;
        }

        @Override
        int eval(Frame f) {
            int t = left.eval(f);
            if (truthy(t, f) != isAnd) {
                return t;
            }
            return right.eval(f);
        }

        @Override
        int prec() {
            return isAnd ? P_AND : P_OR;
        }

        @Override
        void render(StringBuilder sb) {
            left.render(sb, left.prec() < prec());
            sb.append(isAnd ? " and " : " or ");
            right.render(sb, right.prec() <= prec());
        }
    }

    /** {@code body if cond else orElse}. */
    static final class IfElse extends Node {
        final Node body;
        final Node cond;
        final Node orElse;

        IfElse(int pos, Node body, Node cond, Node orElse) {
            super(pos, height(body, cond, orElse));
            this.body = body;
            this.cond = cond;
            this.orElse = orElse;
        }

        @Override
        int eval(Frame f) {
            return truthy(cond.eval(f), f) ? body.eval(f) : orElse.eval(f);
        }

        @Override
        int prec() {
            return P_IF;
        }

        @Override
        void render(StringBuilder sb) {
            body.render(sb, body.prec() <= P_IF);
            sb.append(" if ");
            cond.render(sb, cond.prec() <= P_IF);
            sb.append(" else ");
            orElse.render(sb, orElse.prec() < P_IF);
        }
    }

    /** The supported functions. */
    enum Fn {
        MIN("min", 2, Integer.MAX_VALUE),
        MAX("max", 2, Integer.MAX_VALUE),
        ABS("abs", 1, 1),
        FLOAT("float", 1, 1),
        INT("int", 1, 1),
        COS("math.cos", 1, 1),
        SIN("math.sin", 1, 1),
        EXP("math.exp", 1, 1),
        LOG("math.log", 1, 2),
        SQRT("math.sqrt", 1, 1),
        FLOOR("math.floor", 1, 1),
        CEIL("math.ceil", 1, 1);

        final String pyName;
        final int minArgs;
        final int maxArgs;

        Fn(String pyName, int minArgs, int maxArgs) {
            this.pyName = pyName;
            this.minArgs = minArgs;
            this.maxArgs = maxArgs;
        }

        static Fn byName(String name) {
            for (Fn fn : values()) {
                if (fn.pyName.equals(name)) {
                    return fn;
                }
            }
            return null;
        }
    }

    /** A call of a supported function. */
    static final class Call extends Node {
        final Fn fn;
        final Node[] args;

        Call(int pos, Fn fn, List<Node> args) {
            super(pos, height(args.toArray(new Node[0])));
            this.fn = fn;
            this.args = args.toArray(new Node[0]);
        }

        @Override
        int eval(Frame f) {
            int t = args[0].eval(f);
            switch (fn) {
                case MIN:
                case MAX:
                    return minMax(t, f);
                case ABS:
                    if (t == FLOAT) {
                        f.d = Math.abs(f.d);
                        return FLOAT;
                    }
                    f.i = PyNumbers.abs(f.i);
                    return INT;
                case FLOAT:
                    f.d = t == FLOAT ? f.d : (double) f.i;
                    return FLOAT;
                case INT:
                    if (t == FLOAT) {
                        f.i = PyNumbers.toInt(f.d);
                    }
                    return INT;
                case FLOOR:
                    if (t == FLOAT) {
                        f.i = PyNumbers.floor(f.d);
                    }
                    return INT;
                case CEIL:
                    if (t == FLOAT) {
                        f.i = PyNumbers.ceil(f.d);
                    }
                    return INT;
                case LOG:
                    double num = t == FLOAT ? PyNumbers.log(f.d) : PyNumbers.log(f.i);
                    if (args.length == 1) {
                        f.d = num;
                        return FLOAT;
                    }
                    int tb = args[1].eval(f);
                    double den = tb == FLOAT ? PyNumbers.log(f.d) : PyNumbers.log(f.i);
                    f.d = Py.div(num, den);
                    return FLOAT;
                default:
                    double x = t == FLOAT ? f.d : (double) f.i;
                    switch (fn) {
                        case COS:
                            f.d = PyNumbers.cos(x);
                            break;
                        case SIN:
                            f.d = PyNumbers.sin(x);
                            break;
                        case EXP:
                            f.d = PyNumbers.exp(x);
                            break;
                        default:
                            f.d = PyNumbers.sqrt(x);
                            break;
                    }
                    return FLOAT;
            }
        }

        private int minMax(int first, Frame f) {
            String op = fn == Fn.MIN ? "<" : ">";
            int tc = first;
            long ic = f.i;
            double dc = f.d;
            for (int k = 1; k < args.length; k++) {
                int t = args[k].eval(f);
                if (compare(op, t, f.i, f.d, tc, ic, dc)) {
                    tc = t;
                    ic = f.i;
                    dc = f.d;
                }
            }
            f.i = ic;
            f.d = dc;
            return tc;
        }

        @Override
        int prec() {
            return P_ATOM;
        }

        @Override
        void render(StringBuilder sb) {
            sb.append(fn.pyName).append('(');
            for (int k = 0; k < args.length; k++) {
                if (k > 0) {
                    sb.append(", ");
                }
                args[k].render(sb);
            }
            sb.append(')');
        }
    }
}
