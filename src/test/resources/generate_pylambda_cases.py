#!/usr/bin/env python3
"""Writes pylambda-cases.tsv: lambdas, arguments and what Python returns, for PyLambdaTest.

Each line is "<lambda source>\t<x>\t<expected>", where <expected> is the result of
float(f(x)) as 16 hex digits of its IEEE-754 bits followed by " " and its repr, or the name
of the Python exception class f(x) raises. Run with any Python 3:

    python3 src/test/resources/generate_pylambda_cases.py > src/test/resources/pylambda-cases.tsv

Two documented deviations of the Java implementation are computed here, not typed by hand:
  * a complex result anywhere (a negative float to a fractional power) is "ValueError";
  * an int outside 64 bits anywhere in the evaluation is "OverflowError" (Java holds ints in a
    long).
Both are found by tracing every intermediate value of the real evaluation (an AST rewrite
that wraps each sub-expression in a recording identity function).
"""
import ast
import math
import struct
import sys

LAMBDAS = r"""
lambda e: e
lambda epoch: 0.95 ** epoch
lambda e: 0.1 * e
lambda e: e + 1
lambda e: e - 3
lambda e: 3 - e
lambda e: e * e
lambda e: e * 2.5
lambda e: e / 3
lambda e: 1 / 3 * e
lambda e: 1 / (e + 1)
lambda e: e / 0
lambda e: e / 0.0
lambda e: 7 / e
lambda e: 7.0 / e
lambda e: e // 3
lambda e: e // -3
lambda e: -7 // e
lambda e: 7 // e
lambda e: e // 2.5
lambda e: e // -2.5
lambda e: -7.5 // e
lambda e: e % 3
lambda e: e % -3
lambda e: -7 % e
lambda e: 7 % e
lambda e: e % 2.5
lambda e: e % -2.5
lambda e: -7.5 % e
lambda e: 7.5 % e
lambda e: 0.0 % e
lambda e: -0.0 // e
lambda e: 2 ** e  # small x
lambda e: 2 ** -e  # small x
lambda e: e ** 2
lambda e: e ** -1
lambda e: e ** 0
lambda e: 0 ** e
lambda e: 0.0 ** e
lambda e: 0.0 ** -1 if e > 100 else e
lambda e: (-8.0) ** (1 / 3) + e
lambda e: (-8) ** (1 / 3) if e < 0 else 1.0
lambda e: (-2) ** e  # small x
lambda e: (-2.0) ** e
lambda e: (-0.5) ** e
lambda e: e ** 0.5
lambda e: e ** -0.5
lambda e: 2 ** 62 + e
lambda e: 2 ** 62 * e
lambda e: 10 ** -2 * e
lambda e: 10 ** e  # small x
lambda e: 10.0 ** e
lambda e: 1.5 ** e
lambda e: e ** e  # small x
lambda e: 2 ** 3 ** 2 + e
lambda e: -2 ** 2 + e
lambda e: (-2) ** 2 + e
lambda e: 2 ** -1 + e
lambda e: -e ** 2
lambda e: - -e
lambda e: +e
lambda e: -e
lambda e: -(e * 0.5)
lambda e: 1e308 * e
lambda e: 1e308 * 10 + e
lambda e: -1e308 * 10 * e
lambda e: 1e-320 * e
lambda e: 5e-324 / 2 + e
lambda e: e * 1e-3
lambda e: e * .5 + 5. - 1_000
lambda e: e / 3 * 3
lambda e: (e + 0.1) * 3
lambda e: 1 - e / 10
lambda e: (1 - e / 10) ** 0.9
lambda e: (1 - e / 100) ** 2.0
lambda e: 0.5 * (1 + math.cos(math.pi * e / 10))
lambda e: 0.5 * (1.0 + math.cos(e * math.pi / 7))
lambda e: math.cos(e)
lambda e: math.sin(e)
lambda e: math.sin(e * 0.1)
lambda e: math.cos(e / 3)
lambda e: math.cos(math.inf) + e
lambda e: math.exp(e)
lambda e: math.exp(-e)
lambda e: math.exp(e * 100)
lambda e: math.exp(-0.1 * e)
lambda e: math.log(e)
lambda e: math.log(e + 0.5)
lambda e: math.log(e, 2)
lambda e: math.log(8, e)
lambda e: math.log(e, 10)
lambda e: math.log(e + 1.0, 2.0)
lambda e: math.log(e, 1)
lambda e: math.sqrt(e)
lambda e: math.sqrt(e * 1.5)
lambda e: math.sqrt(-1) + e
lambda e: math.floor(e / 3)
lambda e: math.floor(e * 0.7)
lambda e: math.ceil(e / 3)
lambda e: math.ceil(-e * 0.7)
lambda e: math.floor(e)
lambda e: math.floor(math.inf) + e
lambda e: math.floor(math.nan) + e
lambda e: math.ceil(1e300) + e
lambda e: math.e ** e
lambda e: math.pi * e
lambda e: math.inf * e
lambda e: math.inf - math.inf + e
lambda e: math.nan + e
lambda e: float('inf') - e
lambda e: float("-inf") * e
lambda e: float('nan') * e
lambda e: float(e)
lambda e: float(e) / 7
lambda e: int(e / 3)
lambda e: int(-e / 3)
lambda e: int(e * 0.99)
lambda e: int(math.inf) + e
lambda e: int(math.nan) + e
lambda e: int(1e300) + e
lambda e: int(True) + e
lambda e: abs(e)
lambda e: abs(e - 5)
lambda e: abs(-2.5 * e)
lambda e: abs(True) + e
lambda e: abs(-0.0) + e
lambda e: min(e, 5)
lambda e: max(e, 5)
lambda e: min(e, 5.0)
lambda e: max(e, 5.0)
lambda e: min(5.0, e)
lambda e: max(5, e, 2.5)
lambda e: min(1.0, e / 10)
lambda e: max(0.0, 1 - e / 10)
lambda e: min(e, math.nan)
lambda e: min(math.nan, e)
lambda e: max(e, 0) / 2
lambda e: min(True, e)
lambda e: max(False, e)
lambda e: max(e, 3) ** 2
lambda e: min(e, -0.0) * 1.0
lambda e: e < 5
lambda e: e <= 5
lambda e: e > 5
lambda e: e >= 5
lambda e: e == 5
lambda e: e != 5
lambda e: e == 5.0
lambda e: e < 5.5
lambda e: 0 < e < 5
lambda e: 0 <= e <= 5 < 6
lambda e: 1 < e > 3
lambda e: e == e
lambda e: e + 0.5 > e
lambda e: e > 9007199254740992.0
lambda e: e == 9007199254740992.0
lambda e: e >= 9223372036854775807.0
lambda e: e < 9.3e18
lambda e: e < math.nan
lambda e: e != math.nan
lambda e: (e > 3) + (e > 6)
lambda e: (e > 3) * 0.5
lambda e: True + True + e
lambda e: True / 2 + e
lambda e: True ** 2 + e
lambda e: False - e
lambda e: -True + e
lambda e: +True + e
lambda e: e if e < 5 else 5
lambda e: 1.0 if e < 3 else 0.5 if e < 6 else 0.25
lambda e: 0.1 ** (e // 3)
lambda e: e / 5 if e < 5 else 0.5 ** (e - 5)
lambda e: 1 / e if e else 0.0
lambda e: 1 / e if e != 0 else 1
lambda e: not e
lambda e: not e > 3
lambda e: e and 2.5
lambda e: e or 2.5
lambda e: e > 3 and e
lambda e: e > 3 or 0.5
lambda e: e < 3 and 1 / (e - 3)
lambda e: 0.0 or e
lambda e: 0.0 and 1 / 0
lambda e: e - 3 and 7 or 9
lambda e: not e and e + 1 or e - 1
lambda e: (e > 2) and (e < 8) and e * 1.5
lambda e: e > 2 and e < 8 or 0.25
lambda e: 1 // 0 + e
lambda e: 1 % 0 + e
lambda e: 1.0 // 0 + e
lambda e: 1.0 % 0.0 + e
lambda e: e ** -1.0
lambda e: e * 2 ** 61
lambda e: e * e * e * e * e * e * e * e
lambda e: e + 9223372036854775807
lambda e: e - 9223372036854775807
lambda e: -e // 1
lambda e: e // -1
lambda e: abs(e) + 1
lambda e: (e + 2 ** 60) / 3
lambda e: (2 ** 62 + e) / (2 ** 55 + 1)
lambda e: e / (2 ** 53 + 1)
lambda e: e / 9007199254740993
lambda e: e * 1.0 / 3
lambda e: (e + 1) ** 10
lambda e: (e % 7) ** 20
lambda e: 3 ** 39 + e
lambda e: (e // 2) ** 3 / 7
lambda e: 1 - (e % 10) / 10
lambda e: 0.5 ** ((e + 1) // 2)
lambda e: 1.0 / (2.0 ** (e - 1))
lambda e: max(0.1, 0.9 ** e)
lambda e: min(e / 10, (20 - e) / 10)
lambda e: 1 / math.sqrt(max(e, 1))
lambda e: 1 / (1 + math.exp(-(e - 5)))
lambda x: x * 0.1 if x < 10 else 1.0
lambda step: min((step + 1) ** -0.5, (step + 1) * 4000 ** -1.5)
lambda _: 0.5
lambda e: 3
lambda e: True
lambda e: 1_000 * e
"""


def bits(v):
    return struct.unpack("<Q", struct.pack("<d", v))[0]


INT_MIN, INT_MAX = -2 ** 63, 2 ** 63 - 1
XS = list(range(-4, 13)) + [20, 100, 1000, 2 ** 31, 2 ** 53, 2 ** 53 + 1, 2 ** 62,
                            2 ** 63 - 1, -2 ** 63]
XS_SMALL = list(range(-4, 13)) + [20, 100]
ENV = {"math": math}


class _Trace(ast.NodeTransformer):
    """Wraps every evaluated sub-expression e as _t(e), keeping Python's evaluation order."""

    def generic_visit(self, node):
        super().generic_visit(node)
        return node

    def visit_Call(self, node):
        node.args = [self.visit(a) for a in node.args]
        return self._wrap(node)

    def visit_Attribute(self, node):
        return self._wrap(node)

    def visit(self, node):
        if isinstance(node, ast.Call):
            return self.visit_Call(node)
        if isinstance(node, ast.Attribute):
            return self.visit_Attribute(node)
        node = self.generic_visit(node)
        return self._wrap(node) if isinstance(node, ast.expr) else node

    @staticmethod
    def _wrap(node):
        call = ast.Call(func=ast.Name(id="_t", ctx=ast.Load()), args=[node], keywords=[])
        return ast.copy_location(call, node)


def expected(src, x):
    """Evaluates the lambda at x, recording every intermediate value in evaluation order."""
    tree = ast.parse(src, mode="eval")
    tree.body.body = _Trace().visit(tree.body.body)
    ast.fix_missing_locations(tree)
    trace = []

    def _t(v):
        trace.append(v)
        return v

    fn = eval(compile(tree, "<lambda>", "eval"), dict(ENV, _t=_t))
    error = None
    r = None
    try:
        r = fn(x)
    except Exception as e:  # noqa: BLE001
        error = type(e).__name__
    # Java raises at the first value it cannot represent, before anything later can fail
    for v in trace:
        if isinstance(v, complex):
            return "ValueError"
        if isinstance(v, int) and not isinstance(v, bool) and not INT_MIN <= v <= INT_MAX:
            return "OverflowError"
    if error is not None:
        return error
    assert r == eval(src, ENV)(x) or r != r  # the tracing changed nothing
    try:
        f = float(r)
    except Exception as e:  # noqa: BLE001
        return type(e).__name__
    return "%016x %r" % (bits(f), f)


def main():
    out = sys.stdout
    out.write("# lambda\tx\texpected -- generated by generate_pylambda_cases.py with Python %s\n"
              % sys.version.split()[0])
    for line in LAMBDAS.strip().splitlines():
        # "# small x": an int power of x that Python would take minutes and gigabytes to compute
        src, _, note = line.partition("  # ")
        for x in (XS_SMALL if note == "small x" else XS):
            out.write("%s\t%d\t%s\n" % (src, x, expected(src, x)))


if __name__ == "__main__":
    main()
