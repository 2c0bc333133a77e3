#!/usr/bin/env python3
"""Writes a gzipped file of Python's repr(float), one per line, for PyReprCheckTest.

Python's own repr is the reference (short float repr, David Gay's dtoa mode 0, since 3.1). Only
the repr is written, not the double's bits, to keep the file small: Python's repr reads back as
the same double, and so does Java's correctly rounded Double.parseDouble ("nan", "inf" and
"-inf" aside, which the test maps itself), so the test recovers the double from the line. The
doubles are drawn from a seeded generator, one in each of these families per round, so that any
count covers them all in the same proportions:

  - random 64-bit patterns (every exponent, both signs, a few NaN and infinity patterns);
  - random finite doubles with a uniformly drawn exponent field;
  - "decimal-looking" values: k / 10^n, k * 10^n and float("<digits>e<exp>") with 1 to 17 digits;
  - subnormals (random fractions, and small fractions 1 .. 2^20);
  - powers of two at every exponent and their neighbours within 3 ulps, and doubles whose
    fraction is all zeros (asymmetric rounding interval) or all ones;
  - powers of ten at every exponent and their neighbours within 3 ulps;
  - values near the fixed/exponent layout thresholds of repr, 1e16 and 1e-4 (also 1e-5, 1e15,
    9999999999999998.0), within 40 ulps and random in [1e15, 1e17) and [1e-5, 1e-3);
  - the least and greatest normal and subnormal doubles and their neighbours;
  - learning-rate-like values: base * gamma^n, integers, uniform draws.

The committed CI slice was written with

    python3 src/test/resources/generate_pyrepr_random.py --count 20000 --seed 1 \\
        --out src/test/resources/pyrepr-random-cases.txt.gz

and the full check (mvn ... -Dpyrepr.full=/tmp/pyrepr-1m.txt.gz) writes --count 1000000 --seed 2
to /tmp when the file is missing.
"""
import argparse
import gzip
import math
import random
import struct
import sys


def bits(x):
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def from_bits(b):
    return struct.unpack("<d", struct.pack("<Q", b))[0]


def neighbours(x, ulps):
    b = bits(x)
    out = []
    for d in range(-ulps, ulps + 1):
        nb = b + d
        if 0 <= nb < (0x7FF << 52):
            out.append(nb)
    return out


THRESHOLDS = [1e16, 1e-4, 1e-5, 1e15, 1e17, 9999999999999998.0, 0.001]
EXTREMES = [0x0000000000000001, 0x000FFFFFFFFFFFFF, 0x0010000000000000, 0x7FEFFFFFFFFFFFFF]


def families(rng):
    """One generator per family; each call returns a list of raw bit patterns."""

    def random_bits():
        return [rng.getrandbits(64)]

    def random_exponent():
        e = rng.randint(0, 0x7FE)
        return [(rng.getrandbits(1) << 63) | (e << 52) | rng.getrandbits(52)]

    def decimal_looking():
        n_digits = rng.randint(1, 17)
        k = rng.randint(1, 10 ** n_digits - 1)
        choice = rng.randint(0, 2)
        if choice == 0:
            x = k / 10 ** rng.randint(0, 25)
        elif choice == 1:
            x = float(k * 10 ** rng.randint(0, 25))
        else:
            x = float("%de%d" % (k, rng.randint(-340, 310)))
        if math.isinf(x):
            x = float("%de%d" % (k, rng.randint(-300, 290)))
        return [bits(-x if rng.getrandbits(1) else x)]

    def subnormal():
        if rng.getrandbits(1):
            f = rng.randint(1, (1 << 52) - 1)
        else:
            f = rng.randint(1, 1 << 20)
        return [(rng.getrandbits(1) << 63) | f]

    def powers_of_two():
        e = rng.randint(1, 0x7FE)
        kind = rng.randint(0, 2)
        if kind == 0:
            b = e << 52  # 2^(e-1023), asymmetric interval
            return [rng.choice(neighbours(from_bits(b), 3))]
        if kind == 1:
            return [(e << 52) | ((1 << 52) - 1)]  # fraction all ones
        return [(e << 52) | rng.choice([1, 2, 3, (1 << 51), (1 << 52) - 2])]

    def powers_of_ten():
        x = float("1e%d" % rng.randint(-323, 308))
        return [rng.choice(neighbours(x, 3))]

    def thresholds():
        t = rng.choice(THRESHOLDS)
        if rng.getrandbits(1):
            return [rng.choice(neighbours(t, 40))]
        if rng.getrandbits(1):
            return [bits(rng.uniform(1e15, 1e17))]
        return [bits(rng.uniform(1e-5, 1e-3))]

    def extremes():
        return [rng.choice(neighbours(from_bits(rng.choice(EXTREMES)), 2))]

    def lr_like():
        kind = rng.randint(0, 3)
        if kind == 0:
            x = rng.choice([0.1, 0.01, 0.05, 1e-3, 3e-4, 1.0]) * rng.choice(
                [0.1, 0.5, 0.9, 0.95, 0.99, 0.999]) ** rng.randint(0, 2000)
        elif kind == 1:
            x = float(rng.randint(-2 ** 62, 2 ** 62) >> rng.randint(0, 62))
        elif kind == 2:
            x = rng.random()
        else:
            x = rng.random() * 10.0 ** rng.randint(-30, 30)
        return [bits(x)]

    return [random_bits, random_exponent, decimal_looking, decimal_looking, subnormal,
            powers_of_two, powers_of_ten, thresholds, extremes, lr_like]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, required=True, help="distinct doubles to write")
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--out", required=True, help="output file, gzip-compressed")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    fams = families(rng)
    seen = set()
    lines = []
    while len(lines) < args.count:
        for fam in fams:
            for b in fam():
                if b in seen or len(lines) >= args.count:
                    continue
                seen.add(b)
                lines.append(repr(from_bits(b)) + "\n")
    # No file name and no time in the gzip header: the same arguments give the same bytes.
    with open(args.out, "wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb",
                                                    mtime=0) as f:
        f.write(("# repr(float) -- generate_pyrepr_random.py --count %d --seed %d, Python %s\n"
                 % (args.count, args.seed, sys.version.split()[0])).encode("ascii"))
        f.write("".join(lines).encode("ascii"))
    print("wrote %d doubles to %s" % (len(lines), args.out))


if __name__ == "__main__":
    main()
