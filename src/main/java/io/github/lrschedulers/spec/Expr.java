package io.github.lrschedulers.spec;

import io.github.lrschedulers.internal.Py;
import io.github.lrschedulers.internal.PyRepr;
import java.util.List;

/**
 * A numeric Python expression of the spec syntax tree: a lambda's body, or arithmetic on constants
 * in a spec before the parser folds it into a {@link SpecNode.Num} or {@link SpecNode.Bool}.
 *
 * <p>{@link #eval(Frame)} computes the value bit for bit as Python 3 does, without allocating: it
 * leaves the value in the {@link Frame} and returns its {@link Kind}. Values are Python ints (held
 * in 64 bits: a result outside raises {@code OverflowError}), bools (ints 1 and 0 in arithmetic)
 * and floats.
 *
 * <p>An abstract class rather than an interface: {@link #eval(Frame)} is called once per node and
 * step, and a virtual call is cheaper than an interface call at these megamorphic sites.
 */
abstract sealed class Expr implements SpecNode
        permits Expr.Const,
                Expr.Param,
                Expr.Unary,
                Expr.Binary,
                Expr.Compare,
                Expr.BoolOp,
                Expr.IfElse,
                Expr.FnCall {

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

    private final int position;
    private final int height;

    Expr(int position, int height) {
        this.position = position;
        this.height = height;
    }

    /**
     * Evaluates the expression.
     *
     * @param f the frame holding the lambda's argument; receives the value
     * @return the value's kind: {@link Frame#d} holds a float, {@link Frame#i} an int or bool
     * @throws io.github.lrschedulers.internal.PyError where Python raises
     */
    abstract Kind eval(Frame f);

    /**
     * Returns the precedence level of the expression's outermost operator.
     *
     * @return one of {@link #P_IF} to {@link #P_ATOM}
     */
    abstract int precedence();

    /** {@inheritDoc} */
    @Override
    public final int position() {
        return position;
    }

    /**
     * Returns the depth of the expression tree, 1 for a leaf.
     *
     * @return the height
     */
    final int height() {
        return height;
    }

    /**
     * Appends the canonical source: normalized spacing, minimal parentheses.
     *
     * @param sb the builder
     */
    abstract void render(StringBuilder sb);

    /**
     * Appends the canonical source, in parentheses if asked.
     *
     * @param sb the builder
     * @param parens whether to parenthesize
     */
    final void render(StringBuilder sb, boolean parens) {
        if (parens) {
            sb.append('(');
            render(sb);
            sb.append(')');
        } else {
            render(sb);
        }
    }

    /** {@inheritDoc} */
    @Override
    public final String toSource() {
        StringBuilder sb = new StringBuilder();
        render(sb);
        return sb.toString();
    }

    /** {@inheritDoc} */
    @Override
    public final String describe() {
        return "a number";
    }

    /** The kind of a Python number. */
    enum Kind {
        INT,
        BOOL,
        FLOAT
    }

    /**
     * The evaluation state of one call: the lambda's argument and the last value computed. A thread
     * may reuse its frame from call to call: {@link #eval(Frame)} never calls a lambda.
     */
    static final class Frame {
        long x;
        long i;
        double d;

        Frame() {}

        Frame(long x) {
            this.x = x;
        }

        boolean truthy(Kind k) {
            return k == Kind.FLOAT ? d != 0.0 : i != 0;
        }

        double asFloat(Kind k) {
            return k == Kind.FLOAT ? d : (double) i;
        }
    }

    /** A constant int, bool or float, spelled as in canonical source. */
    static final class Const extends Expr {
        final Kind kind;
        final long i;
        final double d;
        private final String spelling;
        private final int precedence;

        private Const(Kind kind, long i, double d, String spelling, int precedence, int position) {
            super(position, 1);
            this.kind = kind;
            this.i = i;
            this.d = d;
            this.spelling = spelling;
            this.precedence = precedence;
        }

        static Const ofInt(int position, long v) {
            return new Const(
                    Kind.INT, v, 0.0, Long.toString(v), v < 0 ? P_UNARY : P_ATOM, position);
        }

        static Const ofBool(int position, boolean v) {
            return new Const(Kind.BOOL, v ? 1 : 0, 0.0, v ? "True" : "False", P_ATOM, position);
        }

        static Const ofFloat(int position, double v) {
            boolean negative = Double.doubleToRawLongBits(v) < 0;
            String s;
            if (Double.isNaN(v)) {
                s = "math.nan";
            } else if (Double.isInfinite(v)) {
                s = "math.inf";
            } else {
                s = PyRepr.repr(Math.abs(v));
            }
            return new Const(
                    Kind.FLOAT,
                    0,
                    v,
                    negative ? "-" + s : s,
                    negative ? P_UNARY : P_ATOM,
                    position);
        }

        /** A float written by name, such as {@code math.pi}. */
        static Const named(int position, String name, double v) {
            return new Const(Kind.FLOAT, 0, v, name, P_ATOM, position);
        }

        @Override
        Kind eval(Frame f) {
            f.i = i;
            f.d = d;
            return kind;
        }

        @Override
        int precedence() {
            return precedence;
        }

        @Override
        void render(StringBuilder sb) {
            sb.append(spelling);
        }
    }

    /** The lambda's parameter, a Python int. */
    static final class Param extends Expr {
        private final String name;

        Param(String name, int position) {
            super(position, 1);
            this.name = name;
        }

        @Override
        Kind eval(Frame f) {
            f.i = f.x;
            return Kind.INT;
        }

        @Override
        int precedence() {
            return P_ATOM;
        }

        @Override
        void render(StringBuilder sb) {
            sb.append(name);
        }
    }

    /** The unary operators. */
    enum UnaryOp {
        NEG("-", P_UNARY),
        POS("+", P_UNARY),
        NOT("not ", P_NOT);

        final String prefix;
        final int precedence;

        UnaryOp(String prefix, int precedence) {
            this.prefix = prefix;
            this.precedence = precedence;
        }
    }

    /** Unary {@code -}, {@code +} or {@code not}. */
    static final class Unary extends Expr {
        private final UnaryOp op;
        private final Expr operand;

        Unary(UnaryOp op, Expr operand, int position) {
            super(position, operand.height() + 1);
            this.op = op;
            this.operand = operand;
        }

        @Override
        Kind eval(Frame f) {
            Kind t = operand.eval(f);
            switch (op) {
                case NOT:
                    f.i = f.truthy(t) ? 0 : 1;
                    return Kind.BOOL;
                case NEG:
                    if (t == Kind.FLOAT) {
                        f.d = -f.d;
                        return Kind.FLOAT;
                    }
                    f.i = Py.neg(f.i);
                    return Kind.INT;
                default:
                    return t == Kind.BOOL ? Kind.INT : t;
            }
        }

        @Override
        int precedence() {
            return op.precedence;
        }

        @Override
        void render(StringBuilder sb) {
            sb.append(op.prefix);
            operand.render(sb, operand.precedence() < op.precedence);
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
        final int precedence;

        BinOp(String symbol, int precedence) {
            this.symbol = symbol;
            this.precedence = precedence;
        }
    }

    /** A binary arithmetic operation. */
    static final class Binary extends Expr {
        private final BinOp op;
        private final Expr left;
        private final Expr right;

        Binary(BinOp op, Expr left, Expr right) {
            super(left.position(), Math.max(left.height(), right.height()) + 1);
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        Kind eval(Frame f) {
            Kind tl = left.eval(f);
            long li = f.i;
            double ld = f.d;
            Kind tr = right.eval(f);
            if (tl != Kind.FLOAT && tr != Kind.FLOAT) {
                long a = li;
                long b = f.i;
                switch (op) {
                    case ADD:
                        f.i = Py.add(a, b);
                        return Kind.INT;
                    case SUB:
                        f.i = Py.sub(a, b);
                        return Kind.INT;
                    case MUL:
                        f.i = Py.mul(a, b);
                        return Kind.INT;
                    case DIV:
                        f.d = Py.div(a, b);
                        return Kind.FLOAT;
                    case FLOORDIV:
                        f.i = Py.floorDiv(a, b);
                        return Kind.INT;
                    case MOD:
                        f.i = Py.mod(a, b);
                        return Kind.INT;
                    default:
                        if (b < 0) {
                            f.d = Py.pow((double) a, (double) b);
                            return Kind.FLOAT;
                        }
                        f.i = Py.pow(a, b);
                        return Kind.INT;
                }
            }
            double a = tl == Kind.FLOAT ? ld : (double) li;
            double b = f.asFloat(tr);
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
            return Kind.FLOAT;
        }

        @Override
        int precedence() {
            return op.precedence;
        }

        @Override
        void render(StringBuilder sb) {
            if (op == BinOp.POW) {
                left.render(sb, left.precedence() <= P_POW);
                sb.append(" ** ");
                right.render(sb, right.precedence() < P_UNARY);
            } else {
                left.render(sb, left.precedence() < op.precedence);
                sb.append(' ').append(op.symbol).append(' ');
                right.render(sb, right.precedence() <= op.precedence);
            }
        }
    }

    /** The comparison operators. */
    enum CmpOp {
        LT("<"),
        LE("<="),
        GT(">"),
        GE(">="),
        EQ("=="),
        NE("!=");

        final String symbol;

        CmpOp(String symbol) {
            this.symbol = symbol;
        }

        static CmpOp bySymbol(String symbol) {
            for (CmpOp op : values()) {
                if (op.symbol.equals(symbol)) {
                    return op;
                }
            }
            return null;
        }

        /**
         * Python's {@code a OP b} for two numbers.
         *
         * @param ta the kind of {@code a}
         * @param ia the int value of {@code a}
         * @param da the float value of {@code a}
         * @param tb the kind of {@code b}
         * @param ib the int value of {@code b}
         * @param db the float value of {@code b}
         * @return the result
         */
        boolean test(Kind ta, long ia, double da, Kind tb, long ib, double db) {
            int c;
            if (ta != Kind.FLOAT && tb != Kind.FLOAT) {
                c = Long.compare(ia, ib);
            } else if (ta == Kind.FLOAT && tb == Kind.FLOAT) {
                c = Double.isNaN(da) || Double.isNaN(db) ? 2 : (da < db ? -1 : (da > db ? 1 : 0));
            } else if (ta == Kind.FLOAT) {
                c = Py.compare(ib, da);
                c = c == 2 ? 2 : -c;
            } else {
                c = Py.compare(ia, db);
            }
            if (c == 2) {
                return this == NE;
            }
            switch (this) {
                case LT:
                    return c < 0;
                case LE:
                    return c <= 0;
                case GT:
                    return c > 0;
                case GE:
                    return c >= 0;
                case EQ:
                    return c == 0;
                default:
                    return c != 0;
            }
        }
    }

    /** A comparison chain {@code a < b <= c}. */
    static final class Compare extends Expr {
        private final Expr[] operands;
        private final CmpOp[] ops;

        Compare(List<Expr> operands, List<CmpOp> ops) {
            super(operands.get(0).position(), maxHeight(operands) + 1);
            this.operands = operands.toArray(new Expr[0]);
            this.ops = ops.toArray(new CmpOp[0]);
        }

        @Override
        Kind eval(Frame f) {
            Kind tl = operands[0].eval(f);
            for (int k = 0; k < ops.length; k++) {
                long li = f.i;
                double ld = f.d;
                Kind tr = operands[k + 1].eval(f);
                if (!ops[k].test(tl, li, ld, tr, f.i, f.d)) {
                    f.i = 0;
                    return Kind.BOOL;
                }
                tl = tr;
            }
            f.i = 1;
            return Kind.BOOL;
        }

        @Override
        int precedence() {
            return P_CMP;
        }

        @Override
        void render(StringBuilder sb) {
            operands[0].render(sb, operands[0].precedence() <= P_CMP);
            for (int k = 0; k < ops.length; k++) {
                sb.append(' ').append(ops[k].symbol).append(' ');
                Expr e = operands[k + 1];
                e.render(sb, e.precedence() <= P_CMP);
            }
        }
    }

    /** {@code a and b} or {@code a or b}, returning an operand as Python does. */
    static final class BoolOp extends Expr {
        private final boolean isAnd;
        private final Expr left;
        private final Expr right;

        BoolOp(boolean isAnd, Expr left, Expr right) {
            super(left.position(), Math.max(left.height(), right.height()) + 1);
            this.isAnd = isAnd;
            this.left = left;
            this.right = right;
        }

        @Override
        Kind eval(Frame f) {
            Kind t = left.eval(f);
            if (f.truthy(t) != isAnd) {
                return t;
            }
            return right.eval(f);
        }

        @Override
        int precedence() {
            return isAnd ? P_AND : P_OR;
        }

        @Override
        void render(StringBuilder sb) {
            left.render(sb, left.precedence() < precedence());
            sb.append(isAnd ? " and " : " or ");
            right.render(sb, right.precedence() <= precedence());
        }
    }

    /** {@code body if cond else orElse}. */
    static final class IfElse extends Expr {
        private final Expr body;
        private final Expr cond;
        private final Expr orElse;

        IfElse(Expr body, Expr cond, Expr orElse) {
            super(
                    body.position(),
                    Math.max(body.height(), Math.max(cond.height(), orElse.height())) + 1);
            this.body = body;
            this.cond = cond;
            this.orElse = orElse;
        }

        @Override
        Kind eval(Frame f) {
            return f.truthy(cond.eval(f)) ? body.eval(f) : orElse.eval(f);
        }

        @Override
        int precedence() {
            return P_IF;
        }

        @Override
        void render(StringBuilder sb) {
            body.render(sb, body.precedence() <= P_IF);
            sb.append(" if ");
            cond.render(sb, cond.precedence() <= P_IF);
            sb.append(" else ");
            orElse.render(sb, orElse.precedence() < P_IF);
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

    /** A call of a supported function, such as {@code min(a, b)} or {@code math.cos(x)}. */
    static final class FnCall extends Expr {
        private final Fn fn;
        private final Expr[] args;

        FnCall(Fn fn, List<Expr> args, int position) {
            super(position, maxHeight(args) + 1);
            this.fn = fn;
            this.args = args.toArray(new Expr[0]);
        }

        @Override
        Kind eval(Frame f) {
            Kind t = args[0].eval(f);
            switch (fn) {
                case MIN:
                case MAX:
                    return minMax(t, f);
                case ABS:
                    if (t == Kind.FLOAT) {
                        f.d = Math.abs(f.d);
                        return Kind.FLOAT;
                    }
                    f.i = Py.abs(f.i);
                    return Kind.INT;
                case FLOAT:
                    f.d = f.asFloat(t);
                    return Kind.FLOAT;
                case INT:
                    if (t == Kind.FLOAT) {
                        f.i = Py.toInt(f.d);
                    }
                    return Kind.INT;
                case FLOOR:
                    if (t == Kind.FLOAT) {
                        f.i = Py.floor(f.d);
                    }
                    return Kind.INT;
                case CEIL:
                    if (t == Kind.FLOAT) {
                        f.i = Py.ceil(f.d);
                    }
                    return Kind.INT;
                case LOG:
                    double num = t == Kind.FLOAT ? Py.log(f.d) : Py.log(f.i);
                    if (args.length == 1) {
                        f.d = num;
                        return Kind.FLOAT;
                    }
                    Kind tb = args[1].eval(f);
                    double den = tb == Kind.FLOAT ? Py.log(f.d) : Py.log(f.i);
                    f.d = Py.div(num, den);
                    return Kind.FLOAT;
                case COS:
                    f.d = Py.cos(f.asFloat(t));
                    return Kind.FLOAT;
                case SIN:
                    f.d = Py.sin(f.asFloat(t));
                    return Kind.FLOAT;
                case EXP:
                    f.d = Py.exp(f.asFloat(t));
                    return Kind.FLOAT;
                default:
                    f.d = Py.sqrt(f.asFloat(t));
                    return Kind.FLOAT;
            }
        }

        private Kind minMax(Kind first, Frame f) {
            CmpOp op = fn == Fn.MIN ? CmpOp.LT : CmpOp.GT;
            Kind tc = first;
            long ic = f.i;
            double dc = f.d;
            for (int k = 1; k < args.length; k++) {
                Kind t = args[k].eval(f);
                if (op.test(t, f.i, f.d, tc, ic, dc)) {
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
        int precedence() {
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

    static int maxHeight(List<Expr> nodes) {
        int h = 0;
        for (Expr e : nodes) {
            h = Math.max(h, e.height());
        }
        return h;
    }
}
