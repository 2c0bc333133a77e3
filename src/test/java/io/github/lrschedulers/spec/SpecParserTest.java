package io.github.lrschedulers.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpecParserTest {

    @Test
    void parsesNestedCallsWithPositions() {
        String src =
                "SequentialLR(schedulers=[LinearLR(start_factor=0.1, total_iters=4),"
                        + " CosineAnnealingLR(T_max=10)], milestones=[4])";
        SpecNode.Call call = SpecNode.parse(src);
        assertEquals("SequentialLR", call.name());
        assertEquals(0, call.position());
        assertEquals(List.of(), call.args());
        assertEquals(2, call.kwargs().size());
        SpecNode.Kwarg schedulers = call.kwarg("schedulers");
        assertEquals(13, schedulers.position());
        SpecNode.ListNode list = assertInstanceOf(SpecNode.ListNode.class, schedulers.value());
        assertEquals(24, list.position());
        SpecNode.Call linear = assertInstanceOf(SpecNode.Call.class, list.items().get(0));
        assertEquals("LinearLR", linear.name());
        assertEquals(25, linear.position());
        assertEquals(SpecNode.Num.ofFloat(0.1, 47), linear.kwarg("start_factor").value());
        assertEquals(SpecNode.Num.ofInt(4, 64), linear.kwarg("total_iters").value());
        assertNull(linear.kwarg("T_max"));
        assertEquals(src, call.toSource());
        assertEquals(call, SpecParser.parse(src));
    }

    @Test
    void namespacedCallsKeepTheirFullName() {
        SpecNode.Call call =
                SpecParser.parse(
                        "keras.optimizers.schedules.ExponentialDecay(0.1, decay_steps=10)");
        assertEquals("keras.optimizers.schedules.ExponentialDecay", call.name());
        assertEquals(0, call.position());
        assertEquals(
                "keras.optimizers.schedules.ExponentialDecay(0.1, decay_steps=10)",
                call.toSource());
        SpecParseException e =
                assertThrows(SpecParseException.class, () -> SpecParser.parse("keras.(1)"));
        assertEquals(6, e.getPosition());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "StepLR(3) | StepLR(3)",
                "`  StepLR ( step_size = 3 ,\n\tgamma=0.1 , )` | StepLR(step_size=3, gamma=0.1)",
                "F(1, 2, a=3) | F(1, 2, a=3)",
                "F() | F()",
                "F(-3, +3, - 3) | F(-3, 3, -3)",
                "F(1e-3, .5, 5., 1_000, 1_0.0_1e1_0) | F(0.001, 0.5, 5.0, 1000, 100100000000.0)",
                "F(inf, -inf, float('inf'), float(\"-inf\"), float('nan')) | F(float('inf'),"
                        + " float('-inf'), float('inf'), float('-inf'), float('nan'))",
                "F(float(3), int(3.0), int(-2.5), float('1_0')) | F(3.0, 3, -2, 10.0)",
                "F(math.pi, math.e, math.inf, -math.inf) | F(3.141592653589793,"
                        + " 2.718281828459045, float('inf'), float('-inf'))",
                "F(1/3, 7//2, 2**-1, 2**10, 1./3, -1e-3, math.pi/4, abs(-2)) |"
                        + " F(0.3333333333333333, 3, 0.5, 1024, 0.3333333333333333, -0.001,"
                        + " 0.7853981633974483, 2)",
                "F(-2**2, (-2)**2, 2**3**2, -7//2, -7%3, 7%-3, 7.5//2, -0.0) |"
                        + " F(-4, 4, 512, -4, 2, -2, 3.0, -0.0)",
                "F(1 < 2, 1 == 1.0, 2 > 3, 0 < 1 < 2, not 0) | F(True, True, False, True, True)",
                "F(True, False, true, false, None) | F(True, False, True, False, None)",
                "F(True + 1, 1 if True else 2, min(3, 2.5), max(1, True)) | F(2, 1, 2.5, 1)",
                "F('a', \"b\", 'it\\'s', \"q\\\"\", 'tab\\t', 'nl\\n', 'bs\\\\') | F('a', 'b',"
                        + " 'it\\'s', 'q\"', 'tab\\t', 'nl\\n', 'bs\\\\')",
                "F([], [1], [1, 2,], (), (1,), (1, 2), ((3)), [[1], (2,)]) | F([], [1], [1, 2], [],"
                        + " [1], [1, 2], 3, [[1], [2]])",
                "F(G(H(1)), x=G()) | F(G(H(1)), x=G())",
                "LambdaLR(lr_lambda=lambda epoch:0.95**epoch) | LambdaLR(lr_lambda=lambda epoch:"
                        + " 0.95 ** epoch)",
                "F(f=(lambda e: e), g=[lambda e: 1, lambda x: x if x else 2], h=3) |"
                        + " F(f=lambda e: e, g=[lambda e: 1, lambda x: x if x else 2], h=3)",
                "F(9223372036854775807, -9223372036854775807) | F(9223372036854775807,"
                        + " -9223372036854775807)",
                "F(2**53 + 1, (2**62 + 1) / 3) | F(9007199254740993, 1.5372286728091292e+18)",
                "F({}, {'a': 1}, { \"b\" : 2/4, 'c': [1, (2,)], 'd': {'e': None},}) | F({}, {'a':"
                        + " 1}, {'b': 0.5, 'c': [1, [2]], 'd': {'e': None}})",
                "F(d={'f': lambda e: e, 's': G(1), 'a': 1, 'a': True}) | F(d={'f': lambda e: e, 's':"
                        + " G(1), 'a': 1, 'a': True})",
            })
    void parsesAndPrintsCanonically(String source, String printed) {
        SpecNode.Call call = SpecParser.parse(source);
        assertEquals(printed, call.toSource());
        SpecNode.Call again = SpecParser.parse(printed);
        assertEquals(printed, again.toSource());
    }

    @Test
    void numbersKeepPythonIntAndFloatTypes() {
        SpecNode.Call call = SpecParser.parse("F(7//2, 7/7, 2**10, 2.0**10, 1e3, True*3, 0.5)");
        List<SpecNode> a = call.args();
        assertEquals(SpecNode.Num.ofInt(3, 2), a.get(0));
        assertEquals(SpecNode.Num.ofFloat(1.0, 8), a.get(1));
        assertEquals(SpecNode.Num.ofInt(1024, 13), a.get(2));
        assertEquals(SpecNode.Num.ofFloat(1024.0, 20), a.get(3));
        assertEquals(SpecNode.Num.ofFloat(1000.0, 29), a.get(4));
        assertEquals(SpecNode.Num.ofInt(3, 34), a.get(5));
        assertEquals(new SpecNode.Num(0.5, false, 0, 42), a.get(6));
        SpecNode.Lambda l =
                assertInstanceOf(
                        SpecNode.Lambda.class, SpecParser.parse("F( lambda e: e)").args().get(0));
        assertEquals(3, l.position());
        assertEquals(PyLambda.parse("lambda e: e"), l.fn());
    }

    @Test
    void dictsTakeStringOrNumberKeysAndDictCalls() {
        SpecNode.Dict d =
                assertInstanceOf(
                        SpecNode.Dict.class,
                        SpecParser.parse("F({100: 0.5, 'a': 1})").args().get(0));
        assertEquals(SpecNode.Num.ofInt(100, 3), d.entries().get(0).key());
        assertEquals(new SpecNode.Str("a", 13), d.entries().get(1).key());
        assertEquals("F({100: 0.5, 'a': 1})", SpecParser.parse("F({100: 0.5, 'a': 1})").toSource());
        assertEquals(
                "F([{'init_value': 0.1, 'decay_steps': 2}])",
                SpecParser.parse("F([dict(init_value=0.1, decay_steps=2)])").toSource());
        SpecParseException e =
                assertThrows(
                        SpecParseException.class,
                        () ->
                                ScheduleSpec.parse(
                                        "transformers.get_scheduler('cosine_with_restarts', 10,"
                                                + " 100, scheduler_specific_kwargs={1: 1.5})"));
        assertTrue(
                e.getMessage().startsWith("transformers.get_scheduler dict keys must be strings"),
                e::getMessage);
    }

    @Test
    void lambdaErrorsArePositionedInTheWholeSpec() {
        String src = "LambdaLR(lr_lambda=lambda e: e + x)";
        SpecParseException e = assertThrows(SpecParseException.class, () -> SpecParser.parse(src));
        assertEquals(33, e.getPosition());
        assertSame(src, e.getSource());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "`` | 0 | expected a call such as StepLR(...) but the spec is empty",
                "`   ` | 3 | expected a call such as StepLR(...) but the spec is empty",
                "3 | 0 | expected a call such as StepLR(...) but found a number",
                "[F()] | 0 | expected a call such as StepLR(...) but found a list",
                "'s' | 0 | expected a call such as StepLR(...) but found a string",
                "\"s\" | 0 | expected a call such as StepLR(...) but found a string",
                "StepLR | 0 | unknown name 'StepLR'; expected a number, a string or one of a call such as"
                        + " StepLR(...), True, False, None, inf, min, max, abs, float, int, math.pi,"
                        + " math.e, math.inf, math.nan, math.cos, math.sin, math.exp, math.log,"
                        + " math.sqrt, math.floor, math.ceil",
                "F({[1]: 2}) | 3 | expected a string or number key but found a list",
                "F({'a' 2}) | 7 | expected ':' but found '2'",
                "F({'a': 2 'b': 3}) | 10 | expected ',' or '}' but found ''b''",
                "F({'a': 2) | 9 | expected ',' or '}' but found ')'",
                "F(lambda e: {'a': e}) | 12 | dicts are not supported in a lambda",
                "StepLR(3 4) | 9 | expected ',' or ')' but found '4'",
                "StepLR(3 | 8 | expected ',' or ')' but found the end of the input",
                "StepLR(3)) | 9 | expected the end of the input but found ')'",
                "StepLR(3) x | 10 | expected the end of the input but found 'x'",
                "StepLR(3] | 8 | expected ',' or ')' but found ']'",
                "F([1, 2) | 7 | expected ',' or ']' but found ')'",
                "F((1, 2]) | 7 | expected ',' or ')' but found ']'",
                "F(a=1, 2) | 7 | positional argument follows keyword argument",
                "F(a=1, a=2) | 7 | duplicate argument 'a'",
                "F(,) | 2 | expected a value but found ','",
                "F(a=) | 4 | expected a value but found ')'",
                "F(1 +) | 5 | expected a value but found ')'",
                "F(nan) | 2 | unknown name 'nan'; expected a number, a string or one of a call such as"
                        + " StepLR(...), True, False, None, inf, min, max, abs, float, int, math.pi,"
                        + " math.e, math.inf, math.nan, math.cos, math.sin, math.exp, math.log,"
                        + " math.sqrt, math.floor, math.ceil",
                "F(mode=triangular) | 7 | unknown name 'triangular'; expected a number, a string or one"
                        + " of a call such as StepLR(...), True, False, None, inf, min, max, abs, float,"
                        + " int, math.pi, math.e, math.inf, math.nan, math.cos, math.sin, math.exp,"
                        + " math.log, math.sqrt, math.floor, math.ceil",
                "F(a.b) | 2 | unknown name 'a.b'; expected a number, a string or one of a call such as"
                        + " StepLR(...), True, False, None, inf, min, max, abs, float, int, math.pi,"
                        + " math.e, math.inf, math.nan, math.cos, math.sin, math.exp, math.log,"
                        + " math.sqrt, math.floor, math.ceil",
                "F(1 + G()) | 6 | expected a number but found the call G(...)",
                "F('a' * 2) | 2 | expected a number but found a string",
                "F(None + 1) | 2 | expected a number but found None",
                "F(-[1]) | 3 | expected a number but found a list",
                "F(1 if None else 2) | 7 | expected a number but found None",
                "F((lambda e: e) + 1) | 3 | expected a number but found a lambda",
                "F(1/0) | 2 | cannot evaluate the constant expression: ZeroDivisionError: division by"
                        + " zero",
                "F(2**64) | 2 | cannot evaluate the constant expression: OverflowError: integer"
                        + " overflow beyond 64 bits is not supported",
                "F(math.sqrt(-1)) | 2 | cannot evaluate the constant expression: ValueError: math"
                        + " domain error",
                "F(99999999999999999999) | 2 | integer too large: 99999999999999999999 does not fit"
                        + " in 64 bits",
                "F(-9223372036854775808) | 3 | integer too large: 9223372036854775808 does not fit in"
                        + " 64 bits",
                "F(0x10) | 2 | invalid number literal '0x'",
                "F(1e) | 2 | invalid number literal '1e'",
                "F('abc) | 2 | unterminated string",
                "F('a\\qb') | 4 | unsupported escape '\\q' in a string; expected one of \\\\ \\' \\\""
                        + " \\n \\t \\r",
                "F(a==1) | 2 | unknown name 'a'; expected a number, a string or one of a call such as"
                        + " StepLR(...), True, False, None, inf, min, max, abs, float, int, math.pi,"
                        + " math.e, math.inf, math.nan, math.cos, math.sin, math.exp, math.log,"
                        + " math.sqrt, math.floor, math.ceil",
                "F(1; 2) | 3 | unexpected character ';'",
                "F(lambda e: e, lambda: 1) | 21 | expected a parameter name after 'lambda' but found"
                        + " ':'",
                "F(if) | 2 | expected a value but found 'if'",
                "F(min(1)) | 2 | min() takes at least 2 arguments but was given 1",
                "F(float()) | 2 | float() takes exactly 1 arguments but was given 0",
            })
    void rejectsWithPositionAndMessage(String source, int position, String message) {
        SpecParseException e =
                assertThrows(SpecParseException.class, () -> SpecParser.parse(source));
        assertEquals(position, e.getPosition());
        assertEquals(source, e.getSource());
        assertEquals(message + " at index " + position + " in \"" + source + "\"", e.getMessage());
    }

    @Test
    void nestingIsLimited() {
        String ok = "F(" + "[".repeat(62) + "]".repeat(62) + ")";
        SpecParser.parse(ok);
        String deep = "F(" + "[".repeat(64) + "]".repeat(64) + ")";
        SpecParseException e = assertThrows(SpecParseException.class, () -> SpecParser.parse(deep));
        assertEquals(65, e.getPosition());
        assertTrue(e.getMessage().startsWith("nesting deeper than 64 at index 65"));
        String calls = "F(".repeat(100_000 / 2);
        assertThrows(SpecParseException.class, () -> SpecParser.parse(calls));
        String unary = "F(" + "-".repeat(90_000) + "1)";
        assertThrows(SpecParseException.class, () -> SpecParser.parse(unary));
        String tooLong = "F(" + " ".repeat(SpecParser.MAX_LENGTH) + ")";
        SpecParseException longError =
                assertThrows(SpecParseException.class, () -> SpecParser.parse(tooLong));
        assertEquals(SpecParser.MAX_LENGTH, longError.getPosition());
        assertTrue(longError.getMessage().length() < 400);
    }

    @Test
    void throwsOnlySpecParseExceptionOnRandomInput() {
        String alphabet = "F(G)[],=:. 0123456789e_+-*/%<>!'\"\\abxlmnoptisfTN\t\n;#";
        String[] words = {
            "lambda ",
            "lambda e: ",
            "StepLR(",
            "math.",
            "float('",
            "min(",
            " if ",
            " else ",
            " and ",
            " not ",
            "**",
            "//",
            "1e5",
            "True",
            "None",
            "inf",
            "x=",
            "e"
        };
        SplittableRandom rnd = new SplittableRandom(42);
        int parsed = 0;
        for (int k = 0; k < 20_000; k++) {
            StringBuilder sb = new StringBuilder("F(");
            int len = rnd.nextInt(30);
            for (int j = 0; j < len; j++) {
                if (rnd.nextInt(3) == 0) {
                    sb.append(words[rnd.nextInt(words.length)]);
                } else {
                    sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
                }
            }
            if (rnd.nextBoolean()) {
                sb.append(')');
            }
            String s = sb.toString();
            try {
                SpecNode.Call c = SpecParser.parse(s);
                assertEquals(c.toSource(), SpecParser.parse(c.toSource()).toSource(), s);
                parsed++;
            } catch (SpecParseException e) {
                assertEquals(s, e.getSource());
                assertTrue(e.getPosition() >= 0 && e.getPosition() <= s.length(), s);
            }
        }
        assertTrue(parsed > 100, "only " + parsed + " random specs parsed");
    }

    @Test
    void recordsValidateAndCompareByValue() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> new SpecNode.Num(1.5, true, 1, 0));
        assertEquals("num value 1.5 does not match intValue 1 with isInt true", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SpecNode.Num(1.0, false, 1, 0));
        assertEquals(SpecParser.parse("F(a=1)"), SpecParser.parse("F(a=1)"));
        assertNotEquals(SpecParser.parse("F(a=1)"), SpecParser.parse("F(a=1.0)"));
        assertNotEquals(SpecParser.parse("F(a=1)"), SpecParser.parse("F( a=1)"));
        assertFalse(SpecParser.parse("F()").args().iterator().hasNext());
        assertThrows(
                UnsupportedOperationException.class,
                () -> SpecParser.parse("F(1)").args().add(new SpecNode.None(0)));
    }
}
