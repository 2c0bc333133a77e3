package io.github.lrschedulers.internal;

/**
 * An error that Python raises where Java would return a value, such as {@code ZeroDivisionError}.
 *
 * <p>The message starts with the Python exception's name, e.g. {@code "ZeroDivisionError: float
 * division by zero"}.
 */
public class PyError extends ArithmeticException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an error with the Python exception's name and message.
     *
     * @param type the Python exception type, e.g. {@code ZeroDivisionError}
     * @param message the message Python gives
     */
    public PyError(String type, String message) {
        super(type + ": " + message);
    }
}
