#!/usr/bin/env python3
"""Generate keras.jsonl: golden curves of Keras 3's keras.optimizers.schedules, from the float32
oracle keras_schedules.py (through beyond_batch.py).

    python3 src/test/resources/golden/beyond/generate_keras.py [--oracle ../shared/oracle/beyond]

Fixed cases (defaults, every argument, positional and keyword, the traps of SEMANTICS.md section 1,
1-3 parameter groups, the configurations Keras rejects or the oracle does not emulate) and seeded
random ones per schedule. Each line: {"name", "spec", "steps", "lr", "metrics", "steps_per_epoch",
"expected": {"lr": [...]} or {"error": "..."}}; update k = 1 (the first row) evaluates step 0. A
case with "grad_accum": N evaluates step k*N - 1 at row k (the oracle's --grad-accum), which reaches
the steps above 2^24 where the float32 step collapses; the test asks a tracker for update k*N.
Options: --out FILE, --seed N, --per-schedule N, --oracle DIR (default ../shared/oracle/beyond from
the repository's root).
"""
import argparse
import json
import os
import random
import subprocess
import sys

K = "keras.optimizers.schedules."

FIXED = [
    # ExponentialDecay
    (K + "ExponentialDecay(0.1, 10, 0.5)", 40, "0.1"),
    (K + "ExponentialDecay(initial_learning_rate=0.1, decay_steps=10, decay_rate=0.5,"
     " staircase=True, name='lr')", 35, "0.1,0.01"),
    (K + "ExponentialDecay(0.3, 2.5, 0.96, False)", 30, "0.1"),
    (K + "ExponentialDecay(0.1, 1, 1.05)", 60, "0.1"),
    (K + "ExponentialDecay(0.1, 1, 0.5)", 200, "0.1"),  # through the float32 subnormals to 0
    (K + "ExponentialDecay(0.1, 0, 0.5)", 3, "0.1"),  # decay_steps <= 0
    (K + "ExponentialDecay(0.1, -5, 0.5)", 3, "0.1"),
    (K + "ExponentialDecay(1, 10, 0.5)", 3, "0.1"),  # int rate: int32 in Keras, not emulated
    (K + "ExponentialDecay(0.1, 10)", 3, "0.1"),  # decay_rate missing
    # PiecewiseConstantDecay
    (K + "PiecewiseConstantDecay([2, 4], [0.1, 0.01, 0.001])", 8, "0.1"),  # switch after b
    (K + "PiecewiseConstantDecay(boundaries=[5, 10, 15], values=[1.0, 0.5, 0.25, 0.125],"
     " name='pc')", 20, "0.1,0.2,0.3"),
    (K + "PiecewiseConstantDecay([2, 4], [1, 2, 3])", 7, "0.1,0.2"),  # int values
    (K + "PiecewiseConstantDecay([0], [0.5, 0.25])", 4, "0.1"),
    (K + "PiecewiseConstantDecay([-1, 3], [0.5, 0.25, 0.125])", 6, "0.1"),
    (K + "PiecewiseConstantDecay([2, 2], [0.3, 0.2, 0.1])", 5, "0.1"),  # equal: middle never
    (K + "PiecewiseConstantDecay([4, 2], [0.1, 0.2, 0.3])", 7, "0.1"),  # decreasing: two masks
    (K + "PiecewiseConstantDecay([2.5, 4.9], [0.1, 0.01, 0.001])", 7, "0.1"),  # truncated
    (K + "PiecewiseConstantDecay([-2.5, 3.0], [0.1, 0.01, 0.001])", 5, "0.1"),
    (K + "PiecewiseConstantDecay([2, 4], [0.1, inf, 0.001])", 6, "0.1"),  # 0 * inf = nan
    (K + "PiecewiseConstantDecay([2, 4], [1.0, 0.5, 1])", 3, "0.1"),  # mixed dtypes
    (K + "PiecewiseConstantDecay([2, 4], [0.1, 0.01])", 3, "0.1"),  # lengths
    (K + "PiecewiseConstantDecay([], [0.1])", 3, "0.1"),  # IndexError at the first step
    # PolynomialDecay
    (K + "PolynomialDecay(0.1, 20)", 30, "0.1"),
    (K + "PolynomialDecay(initial_learning_rate=0.1, decay_steps=20, end_learning_rate=0.01,"
     " power=2.0, cycle=False, name='p')", 30, "0.1,0.5"),
    (K + "PolynomialDecay(0.1, 10, 0.001, 1.0, True)", 35, "0.1"),  # cycle: end at multiples
    (K + "PolynomialDecay(0.2, 7, power=0.5, cycle=True)", 40, "0.1"),
    (K + "PolynomialDecay(0.1, 2.5, cycle=True)", 12, "0.1"),
    (K + "PolynomialDecay(0.1, 8, 0.2, 3.0)", 12, "0.1"),  # rising to a higher end
    (K + "PolynomialDecay(0.1, 0)", 3, "0.1"),
    (K + "PolynomialDecay(0.1, 0, cycle=True)", 3, "0.1"),
    (K + "PolynomialDecay(1, 10)", 3, "0.1"),
    # InverseTimeDecay
    (K + "InverseTimeDecay(0.1, 10, 0.5)", 40, "0.1"),
    (K + "InverseTimeDecay(initial_learning_rate=0.1, decay_steps=7, decay_rate=1.5,"
     " staircase=True, name='i')", 30, "0.1,0.2,0.3"),
    (K + "InverseTimeDecay(0.1, 1, -0.5)", 5, "0.1"),  # 1 + -0.5*2 = 0: inf
    (K + "InverseTimeDecay(0.1, 0, 0.5)", 3, "0.1"),
    # CosineDecay
    (K + "CosineDecay(0.1, 20)", 30, "0.1"),
    (K + "CosineDecay(initial_learning_rate=0.1, decay_steps=20, alpha=0.1, name='c')", 30,
     "0.1,0.2"),
    (K + "CosineDecay(0.05, 33, 1e-3)", 40, "0.1"),
    (K + "CosineDecay(0.1, 1000, warmup_target=0.5, warmup_steps=100)", 1200, "0.1"),
    (K + "CosineDecay(0.0, 50, warmup_target=0.1, warmup_steps=10)", 70, "0.1,0.2"),
    (K + "CosineDecay(0.01, 40, alpha=0.1, warmup_target=0.2, warmup_steps=15)", 60, "0.1"),
    (K + "CosineDecay(0.1, 30, warmup_target=0.2)", 35, "0.1"),  # no warmup steps: from target
    (K + "CosineDecay(0.1, 30, warmup_steps=10)", 35, "0.1"),  # no target: no warmup
    (K + "CosineDecay(0.1, 20, 0.0, 'cd', 0.3, 5)", 30, "0.1"),  # positional
    (K + "CosineDecay(0.1, 25, warmup_target=0.05, warmup_steps=7.5)", 35, "0.1"),
    (K + "CosineDecay(0.1, 0)", 3, "0.1"),
    (K + "CosineDecay(1, 10)", 3, "0.1"),
    # CosineDecayRestarts
    (K + "CosineDecayRestarts(0.1, 10)", 80, "0.1"),
    (K + "CosineDecayRestarts(initial_learning_rate=0.1, first_decay_steps=10, t_mul=1.0,"
     " m_mul=0.5, alpha=0.01, name='r')", 45, "0.1,0.2"),
    (K + "CosineDecayRestarts(0.1, 7, 1.5, 0.8, 0.05)", 100, "0.1"),
    (K + "CosineDecayRestarts(0.1, 3, 3.0, 0.9)", 130, "0.1"),
    (K + "CosineDecayRestarts(0.1, 10, 0.5)", 30, "0.1"),  # t_mul < 1: log of a negative
    (K + "CosineDecayRestarts(0.1, 0)", 3, "0.1"),
]

# Far steps through grad_accum (row k is step k*N - 1): the float32 step rounds to even above 2^24.
FAR = [
    (K + "PolynomialDecay(0.1, 30000000)", 8, 4194304),
    (K + "PolynomialDecay(0.1, 16777217.0, cycle=True)", 6, 16777217),
    (K + "CosineDecay(0.1, 20000000)", 8, 3000001),
    (K + "CosineDecay(0.1, 20000000, warmup_target=0.2, warmup_steps=16777217)", 6, 8388609),
    (K + "InverseTimeDecay(0.1, 1000000, 0.5)", 6, 4194305),
    (K + "ExponentialDecay(0.1, 10000000, 0.5)", 8, 4194303),
    (K + "ExponentialDecay(0.1, 1, 0.9999999, staircase=True)", 6, 16777215),
    (K + "PiecewiseConstantDecay([16777216, 16777217], [0.1, 0.2, 0.3])", 3, 16777216),
    (K + "CosineDecayRestarts(0.1, 1000000)", 8, 4194307),
    (K + "CosineDecayRestarts(0.1, 3000000, t_mul=1.0, m_mul=0.9)", 8, 4194301),
]


def r(rng, lo, hi, digits=4):
    return repr(round(rng.uniform(lo, hi), digits))


def random_spec(rng, name):
    lr = r(rng, 0.001, 1.0)
    if name in ("ExponentialDecay", "InverseTimeDecay"):
        steps = str(rng.randint(1, 50)) if rng.random() < 0.8 else r(rng, 0.5, 30.0, 2)
        args = [lr, steps, r(rng, 0.05, 1.0 if name == "ExponentialDecay" else 2.0)]
        if rng.random() < 0.5:
            args.append("staircase=%s" % rng.choice(["True", "False"]))
        return K + name + "(" + ", ".join(args) + ")"
    if name == "PiecewiseConstantDecay":
        n = rng.randint(1, 4)
        bounds = sorted(rng.sample(range(0, 80), n))
        if rng.random() < 0.2:
            bounds = [b + 0.5 for b in bounds]
        vals = [r(rng, 0.0001, 1.0) for _ in range(n + 1)]
        return K + name + "(%s, [%s])" % (bounds, ", ".join(vals))
    if name == "PolynomialDecay":
        args = [lr, str(rng.randint(1, 60))]
        if rng.random() < 0.7:
            args.append("end_learning_rate=" + r(rng, 0.0, 0.001, 6))
        if rng.random() < 0.7:
            args.append("power=" + r(rng, 0.3, 3.0, 2))
        if rng.random() < 0.5:
            args.append("cycle=True")
        return K + name + "(" + ", ".join(args) + ")"
    if name == "CosineDecay":
        args = [lr, str(rng.randint(1, 100))]
        if rng.random() < 0.6:
            args.append("alpha=" + r(rng, 0.0, 0.5))
        if rng.random() < 0.5:
            args.append("warmup_target=" + r(rng, 0.001, 1.0))
            args.append("warmup_steps=%d" % rng.randint(0, 40))
        return K + name + "(" + ", ".join(args) + ")"
    if name == "CosineDecayRestarts":
        args = [lr, str(rng.randint(1, 30))]
        if rng.random() < 0.7:
            args.append("t_mul=" + rng.choice(["1.0", "2.0", r(rng, 1.0, 3.0, 2)]))
        if rng.random() < 0.7:
            args.append("m_mul=" + r(rng, 0.3, 1.0, 2))
        if rng.random() < 0.5:
            args.append("alpha=" + r(rng, 0.0, 0.3))
        return K + name + "(" + ", ".join(args) + ")"
    raise ValueError(name)


NAMES = ["ExponentialDecay", "PiecewiseConstantDecay", "PolynomialDecay", "InverseTimeDecay",
         "CosineDecay", "CosineDecayRestarts"]


def main():
    root = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../../.."))
    ap = argparse.ArgumentParser()
    ap.add_argument("--oracle", default=os.path.join(root, "../shared/oracle/beyond"))
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                  "keras.jsonl"))
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--per-schedule", type=int, default=40)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    records = [{"spec": s, "steps": n, "lr": lr, "metrics": "", "steps_per_epoch": 1}
               for s, n, lr in FIXED]
    records += [{"spec": s, "steps": n, "lr": "0.1", "metrics": "", "steps_per_epoch": 1,
                 "grad_accum": accum} for s, n, accum in FAR]
    for name in NAMES:
        for _ in range(a.per_schedule):
            groups = rng.randint(1, 3)
            lrs = ",".join(r(rng, 0.001, 1.0) for _ in range(groups))
            records.append({"spec": random_spec(rng, name), "steps": rng.randint(1, 150),
                            "lr": lrs, "metrics": "", "steps_per_epoch": 1})
    batch = "\n".join(json.dumps(c) for c in records) + "\n"
    out = subprocess.run([sys.executable, os.path.join(a.oracle, "beyond_batch.py"), "--batch"],
                         input=batch, capture_output=True, text=True, check=True).stdout.splitlines()
    assert len(out) == len(records), (len(out), len(records))
    with open(a.out, "w") as f:
        for c, line in zip(records, out):
            row = {"name": c["spec"].split("(")[0]}
            row.update(c)
            row["expected"] = json.loads(line)
            f.write(json.dumps(row) + "\n")
    print("wrote %d cases to %s" % (len(records), a.out))


if __name__ == "__main__":
    main()
