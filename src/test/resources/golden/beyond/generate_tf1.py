#!/usr/bin/env python3
"""Generate tf1.jsonl: golden curves of the TensorFlow 1.x decays (tf.compat.v1.train.*) and the
Object Detection API's schedules (cosine_decay_with_warmup, exponential_decay_with_burnin,
manual_stepping), from the float32 oracle tf1_decays.py.

    python3 src/test/resources/golden/beyond/generate_tf1.py [--oracle ../shared/oracle/beyond]

Fixed cases (every argument, positional and keyword, the traps of SEMANTICS.md section 2, 1-3
parameter groups, the configurations TF rejects), seeded random ones per schedule, and far steps
above 2^24 where the float32 step collapses: a case with "grad_accum": N has at row k global step
(k+1)*N - 1, computed by tf1_decays.py's functions directly; the test asks a tracker for update
(k+1)*N. Each line:
{"name", "spec", "steps", "lr", "metrics", "steps_per_epoch", "expected": {"lr": [...]} or
{"error": "..."}}; update k = 1 (the first row) evaluates global_step 0. Options: --out FILE,
--seed N, --oracle DIR (default ../shared/oracle/beyond from the repository's root).
"""
import argparse
import json
import os
import random
import subprocess
import sys

TF = "tf.compat.v1.train."
OD = "object_detection.utils.learning_schedules."

FIXED = [
    # exponential_decay
    (TF + "exponential_decay(0.1, 10, 0.5)", 40, "0.1"),
    (TF + "exponential_decay(learning_rate=0.1, decay_steps=10, decay_rate=0.5, staircase=True,"
     " name='lr')", 35, "0.1,0.01"),
    (TF + "exponential_decay(0.3, 2.5, 0.96, False)", 30, "0.1"),
    (TF + "exponential_decay(0.1, 1, 1.05)", 60, "0.1"),
    (TF + "exponential_decay(0.1, 1, 0.5)", 200, "0.1"),  # through the float32 subnormals to 0
    (TF + "exponential_decay(0.1, 0, 0.5)", 5, "0.1"),  # 0/0 = NaN at step 0, then 0
    (TF + "exponential_decay(1, 10, 0.5)", 3, "0.1"),  # int learning_rate: int32 in TF
    (TF + "exponential_decay(0.1, 10)", 3, "0.1"),  # decay_rate missing
    # piecewise_constant
    (TF + "piecewise_constant([2, 4], [0.1, 0.01, 0.001])", 8, "0.1"),
    (TF + "piecewise_constant(boundaries=[5, 10, 15], values=[1.0, 0.5, 0.25, 0.125],"
     " name='pc')", 20, "0.1,0.2,0.3"),
    (TF + "piecewise_constant([2, 4], [1, 2, 3])", 7, "0.1,0.2"),  # int values, exact
    (TF + "piecewise_constant([0], [0.5, 0.25])", 4, "0.1"),
    (TF + "piecewise_constant([-1, 3], [0.5, 0.25, 0.125])", 6, "0.1"),
    (TF + "piecewise_constant([2, 2], [0.3, 0.2, 0.1])", 5, "0.1"),  # equal: the middle never
    (TF + "piecewise_constant([4, 2], [0.1, 0.2, 0.3])", 7, "0.1"),  # not increasing: fails at 3
    (TF + "piecewise_constant([2.0, 4.0], [0.1, 0.01, 0.001])", 3, "0.1"),
    (TF + "piecewise_constant([2, 4], [1.0, 0.5, 1])", 3, "0.1"),
    (TF + "piecewise_constant([2, 4], [0.1, 0.01])", 3, "0.1"),
    (TF + "piecewise_constant([], [0.1])", 3, "0.1"),
    # polynomial_decay
    (TF + "polynomial_decay(0.1, 20)", 30, "0.1"),
    (TF + "polynomial_decay(learning_rate=0.1, decay_steps=20, end_learning_rate=0.01, power=2.0,"
     " cycle=False, name='p')", 30, "0.1,0.5"),
    (TF + "polynomial_decay(0.1, 10, 0.001, 1.0, True)", 35, "0.1"),  # cycle: end at multiples
    (TF + "polynomial_decay(0.2, 7, power=0.5, cycle=True)", 40, "0.1"),
    (TF + "polynomial_decay(0.1, 0)", 3, "0.1"),
    (TF + "polynomial_decay(0.1, 0, cycle=True)", 3, "0.1"),
    (TF + "polynomial_decay(1, 10)", 3, "0.1"),
    # natural_exp_decay
    (TF + "natural_exp_decay(0.1, 10, 0.5)", 60, "0.1"),
    (TF + "natural_exp_decay(learning_rate=0.1, decay_steps=5, decay_rate=0.3, staircase=True,"
     " name='n')", 40, "0.1,0.2"),
    (TF + "natural_exp_decay(0.1, 3, -0.1)", 30, "0.1"),
    (TF + "natural_exp_decay(0.1, 1, 2.0)", 80, "0.1"),
    # inverse_time_decay
    (TF + "inverse_time_decay(0.1, 10, 0.5)", 40, "0.1"),
    (TF + "inverse_time_decay(learning_rate=0.1, decay_steps=7, decay_rate=1.5, staircase=True,"
     " name='i')", 30, "0.1,0.2,0.3"),
    (TF + "inverse_time_decay(0.1, 1, -0.5)", 5, "0.1"),  # 1 + -0.5*2 = 0: inf
    # cosine_decay
    (TF + "cosine_decay(0.1, 20)", 30, "0.1"),
    (TF + "cosine_decay(learning_rate=0.1, decay_steps=20, alpha=0.1, name='c')", 30, "0.1,0.2"),
    (TF + "cosine_decay(0.05, 33, 1e-3)", 40, "0.1"),
    (TF + "cosine_decay(0.1, 0)", 3, "0.1"),
    # cosine_decay_restarts
    (TF + "cosine_decay_restarts(0.1, 10)", 80, "0.1"),
    (TF + "cosine_decay_restarts(learning_rate=0.1, first_decay_steps=10, t_mul=1.0, m_mul=0.5,"
     " alpha=0.01, name='r')", 45, "0.1,0.2"),
    (TF + "cosine_decay_restarts(0.1, 7, 1.5, 0.8, 0.05)", 100, "0.1"),
    (TF + "cosine_decay_restarts(0.1, 3, 3.0, 0.9)", 130, "0.1"),
    (TF + "cosine_decay_restarts(0.1, 10, 0.5)", 30, "0.1"),  # t_mul < 1: log of a negative
    # linear_cosine_decay
    (TF + "linear_cosine_decay(0.1, 20)", 30, "0.1"),
    (TF + "linear_cosine_decay(learning_rate=0.1, decay_steps=30, num_periods=2.0, alpha=0.1,"
     " beta=0.01, name='l')", 40, "0.1,0.2"),
    (TF + "linear_cosine_decay(0.2, 11, 0.25, 0.0, 0.0)", 15, "0.1"),
    # cosine_decay_with_warmup
    (OD + "cosine_decay_with_warmup(0.1, 50)", 60, "0.1"),
    (OD + "cosine_decay_with_warmup(learning_rate_base=0.1, total_steps=100,"
     " warmup_learning_rate=0.01, warmup_steps=10, hold_base_rate_steps=5)", 110, "0.1,0.2"),
    (OD + "cosine_decay_with_warmup(0.04, 60, 0.0, 0, 10)", 70, "0.1"),  # hold without warmup
    (OD + "cosine_decay_with_warmup(0.1, 30, 0.001, 20, 10)", 35, "0.1"),  # cosine of length 0
    (OD + "cosine_decay_with_warmup(0.1, 20, 0.02, 20)", 25, "0.1,0.2,0.3"),  # warmup to the end
    (OD + "cosine_decay_with_warmup(0.3, 1000, 0.003, 37, 11)", 1005, "0.1"),
    (OD + "cosine_decay_with_warmup(0.1, 100, 0.2, 10)", 3, "0.1"),  # base < warmup rate
    (OD + "cosine_decay_with_warmup(0.1, 100, 0.2)", 3, "0.1"),  # checked without warmup too
    (OD + "cosine_decay_with_warmup(0.1, 10, 0.0, 20)", 3, "0.1"),  # total < warmup
    # exponential_decay_with_burnin
    (OD + "exponential_decay_with_burnin(0.1, 10, 0.5)", 40, "0.1"),
    (OD + "exponential_decay_with_burnin(learning_rate_base=0.1, learning_rate_decay_steps=7,"
     " learning_rate_decay_factor=0.9, burnin_learning_rate=0.01, burnin_steps=12)", 50, "0.1,0.2"),
    (OD + "exponential_decay_with_burnin(0.2, 5, 0.8, 0.0, 8)", 30, "0.1"),  # 0: the base rate
    (OD + "exponential_decay_with_burnin(1, 5, 0.8)", 3, "0.1"),
    # manual_stepping
    (OD + "manual_stepping([5, 10], [0.1, 0.01, 0.001])", 15, "0.1"),  # switches at the boundary
    (OD + "manual_stepping(boundaries=[4, 9], rates=[0.02, 0.1, 0.01], warmup=True)", 14,
     "0.1,0.2"),
    (OD + "manual_stepping([], [0.3])", 4, "0.1"),
    (OD + "manual_stepping([], [0.3], True)", 4, "0.1"),
    (OD + "manual_stepping([3], [0.5, 0.1], True)", 6, "0.1,0.2,0.3"),
    (OD + "manual_stepping([-1, 5], [0.1, 0.01, 0.001])", 3, "0.1"),
    (OD + "manual_stepping([2.0, 5], [0.1, 0.01, 0.001])", 3, "0.1"),
    (OD + "manual_stepping([5, 5], [0.1, 0.01, 0.001])", 3, "0.1"),
    (OD + "manual_stepping([2, 5], [0.1, 0.01, 1])", 3, "0.1"),
    (OD + "manual_stepping([2, 5], [0.1, 0.01])", 3, "0.1"),
    (OD + "manual_stepping([0, 5], [0.1, 0.01, 0.001])", 3, "0.1"),
]

# Far steps (row k is global step k*N - 1, what a tracker's update k*N evaluates): the float32
# step rounds to even above 2^24. tf1_decays.py has no --grad-accum: these rows come from its
# functions directly.
FAR = [
    (TF + "polynomial_decay(0.1, 30000000)", 8, 4194304),
    (TF + "polynomial_decay(0.1, 16777217.0, cycle=True)", 6, 16777217),
    (TF + "cosine_decay(0.1, 20000000)", 8, 3000001),
    (TF + "inverse_time_decay(0.1, 1000000, 0.5)", 6, 4194305),
    (TF + "exponential_decay(0.1, 10000000, 0.5)", 8, 4194303),
    (TF + "exponential_decay(0.1, 1, 0.9999999, staircase=True)", 6, 16777215),
    (TF + "natural_exp_decay(0.1, 10000000, 0.1)", 8, 4194303),
    (TF + "piecewise_constant([16777216, 16777217], [0.1, 0.2, 0.3])", 3, 16777216),
    (TF + "cosine_decay_restarts(0.1, 1000000)", 8, 4194307),
    (TF + "linear_cosine_decay(0.1, 20000000, 2.0)", 8, 3000001),
    (OD + "cosine_decay_with_warmup(0.1, 30000000, 0.01, 16777217, 1)", 8, 4194305),
    (OD + "exponential_decay_with_burnin(0.1, 10000000, 0.5, 0.05, 16777217)", 6, 4194305),
    (OD + "manual_stepping([16777216, 16777218], [0.1, 0.2, 0.3], warmup=True)", 5, 4194305),
]


def far_expected(oracle, spec, steps, accum):
    sys.path.insert(0, oracle)
    import tf1_decays  # noqa: E402
    from _common import instantiate, parse_spec  # noqa: E402
    f = instantiate(parse_spec(spec[spec.rindex(".", 0, spec.index("(")) + 1:]),
                    tf1_decays.REGISTRY)
    return {"lr": [[f((k + 1) * accum - 1)] for k in range(steps)]}


def r(rng, lo, hi, digits=4):
    return repr(round(rng.uniform(lo, hi), digits))


def random_spec(rng, name):
    lr = r(rng, 0.001, 1.0)
    if name in ("exponential_decay", "natural_exp_decay", "inverse_time_decay"):
        args = [lr, str(rng.randint(1, 50)), r(rng, 0.05, 1.0 if name == "exponential_decay" else 2.0)]
        if rng.random() < 0.5:
            args.append("staircase=%s" % rng.choice(["True", "False"]))
        return TF + name + "(" + ", ".join(args) + ")"
    if name == "piecewise_constant":
        n = rng.randint(1, 4)
        bounds = sorted(rng.sample(range(0, 80), n))
        vals = [r(rng, 0.0001, 1.0) for _ in range(n + 1)]
        return TF + name + "(%s, [%s])" % (bounds, ", ".join(vals))
    if name == "polynomial_decay":
        args = [lr, str(rng.randint(1, 60))]
        if rng.random() < 0.7:
            args.append("end_learning_rate=" + r(rng, 0.0, 0.001, 6))
        if rng.random() < 0.7:
            args.append("power=" + r(rng, 0.3, 3.0, 2))
        if rng.random() < 0.5:
            args.append("cycle=True")
        return TF + name + "(" + ", ".join(args) + ")"
    if name == "cosine_decay":
        args = [lr, str(rng.randint(1, 100))]
        if rng.random() < 0.6:
            args.append("alpha=" + r(rng, 0.0, 0.5))
        return TF + name + "(" + ", ".join(args) + ")"
    if name == "cosine_decay_restarts":
        args = [lr, str(rng.randint(1, 30))]
        if rng.random() < 0.7:
            args.append("t_mul=" + rng.choice(["1.0", "2.0", r(rng, 1.0, 3.0, 2)]))
        if rng.random() < 0.7:
            args.append("m_mul=" + r(rng, 0.3, 1.0, 2))
        if rng.random() < 0.5:
            args.append("alpha=" + r(rng, 0.0, 0.3))
        return TF + name + "(" + ", ".join(args) + ")"
    if name == "linear_cosine_decay":
        args = [lr, str(rng.randint(1, 100))]
        if rng.random() < 0.6:
            args.append("num_periods=" + r(rng, 0.1, 4.0, 2))
        if rng.random() < 0.5:
            args.append("alpha=" + r(rng, 0.0, 0.5))
        if rng.random() < 0.5:
            args.append("beta=" + r(rng, 0.0, 0.05))
        return TF + name + "(" + ", ".join(args) + ")"
    if name == "cosine_decay_with_warmup":
        total = rng.randint(1, 300)
        warm = rng.randint(0, total) if rng.random() < 0.7 else 0
        hold = rng.randint(0, max(0, total - warm)) if rng.random() < 0.5 else 0
        args = ["learning_rate_base=" + lr, "total_steps=%d" % total]
        if rng.random() < 0.7:
            args.append("warmup_learning_rate=" + r(rng, 0.0, float(lr) / 2, 6))
        args += ["warmup_steps=%d" % warm, "hold_base_rate_steps=%d" % hold]
        return OD + name + "(" + ", ".join(args) + ")"
    if name == "exponential_decay_with_burnin":
        args = [lr, str(rng.randint(1, 40)), r(rng, 0.1, 1.0)]
        if rng.random() < 0.6:
            args.append("burnin_learning_rate=" + rng.choice(["0.0", r(rng, 0.0001, 0.1)]))
        if rng.random() < 0.7:
            args.append("burnin_steps=%d" % rng.randint(0, 60))
        return OD + name + "(" + ", ".join(args) + ")"
    if name == "manual_stepping":
        n = rng.randint(0, 4)
        bounds = sorted(rng.sample(range(1, 100), n))
        rates = [r(rng, 0.0001, 1.0) for _ in range(n + 1)]
        warm = ", warmup=True" if rng.random() < 0.5 else ""
        return OD + name + "(%s, [%s]%s)" % (bounds, ", ".join(rates), warm)
    raise ValueError(name)


NAMES = ["exponential_decay", "piecewise_constant", "polynomial_decay", "natural_exp_decay",
         "inverse_time_decay", "cosine_decay", "cosine_decay_restarts", "linear_cosine_decay",
         "cosine_decay_with_warmup", "exponential_decay_with_burnin", "manual_stepping"]


def main():
    root = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../../.."))
    ap = argparse.ArgumentParser()
    ap.add_argument("--oracle", default=os.path.join(root, "../shared/oracle/beyond"))
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "tf1.jsonl"))
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--per-schedule", type=int, default=30)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    cases = [(s, n, lr) for s, n, lr in FIXED]
    for name in NAMES:
        for _ in range(a.per_schedule):
            groups = rng.randint(1, 3)
            lrs = ",".join(r(rng, 0.001, 1.0) for _ in range(groups))
            cases.append((random_spec(rng, name), rng.randint(1, 150), lrs))
    records = [{"spec": s, "steps": n, "lr": lr, "metrics": "", "steps_per_epoch": 1}
               for s, n, lr in cases]
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
        for spec, n, accum in FAR:
            row = {"name": spec.split("(")[0], "spec": spec, "steps": n, "lr": "0.1", "metrics": "",
                   "steps_per_epoch": 1, "grad_accum": accum,
                   "expected": far_expected(a.oracle, spec, n, accum)}
            f.write(json.dumps(row) + "\n")
    print("wrote %d cases to %s" % (len(records) + len(FAR), a.out))


if __name__ == "__main__":
    main()
