package io.github.lrschedulers.spec;

import io.github.lrschedulers.LrLambda;
import io.github.lrschedulers.internal.PyError;

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
 * <p>The body is a tree of the {@link SpecNode}s that spec arguments are parsed into. Instances are
 * immutable and thread-safe; a call allocates nothing (each thread reuses one frame for the
 * values). They compare by their canonical {@link #source()}.
 */
public final class PyLambda implements LrLambda {

    /** Each thread's frame, reused from call to call so that a call allocates nothing. */
    private static final ThreadLocal<Expr.Frame> FRAMES = ThreadLocal.withInitial(Expr.Frame::new);

    private final String parameterName;
    private final Expr body;
    private final String source;

    PyLambda(String parameterName, Expr body) {
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
        Expr.Frame f = FRAMES.get();
        f.x = x;
        return f.asFloat(body.eval(f));
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
}
