#!/usr/bin/env python3
"""Generate mindspore.jsonl: golden curves of MindSpore's learning rates (mindspore.nn).

    python3 src/test/resources/golden/beyond/generate_mindspore.py [--oracle DIR] [--seed N] [--out FILE]

Runs the reference oracle ../shared/oracle/beyond/mindspore_dynamic_lr.py (pure Python, transcribed
from MindSpore's dynamic_lr.py and learning_rate_schedule.py; --oracle names its folder, relative to
the repository root by default) through beyond_batch.py's batch driver, on fixed cases (MindSpore's
docstring examples, every argument, the traps of SEMANTICS.md §3: natural_exp_decay_lr's decay_epoch
used only with is_stair, cosine_decay_lr per epoch and truncated or padded by total_step, updates past
a list's end, PolynomialDecayLR's update_decay_steps at step 0 and at multiples, float32 subnormals;
1-3 parameter groups, steps_per_epoch that MindSpore does not use; the configurations MindSpore's
validators reject) and seeded random ones (35 per schedule). Each output line is the case merged with
the oracle's answer: {"name", "spec", "steps", "lr", "metrics", "steps_per_epoch", "expected"}.
"""
import argparse
import json
import os
import random
import subprocess
import sys

NS = "mindspore.nn."

FIXED = [
    # docstring examples and their edges
    ("piecewise_constant_lr([2, 5, 10], [0.1, 0.05, 0.01])", 10),
    ("piecewise_constant_lr(milestone=[2, 5, 10], learning_rates=[0.1, 0.05, 0.01])", 11),
    ("piecewise_constant_lr([2, 2, 4], [0.1, 0.05, -0.01])", 4),
    ("piecewise_constant_lr([], [])", 1),
    ("exponential_decay_lr(0.1, 0.9, 6, 2, 1)", 6),
    ("exponential_decay_lr(0.1, 0.9, 6, 2, 2, True)", 7),
    ("exponential_decay_lr(learning_rate=0.1, decay_rate=0.9, total_step=40, step_per_epoch=3, decay_epoch=4, is_stair=False)", 40),
    ("exponential_decay_lr(0.1, 10.0, 2000, 1, 1)", 3),
    ("exponential_decay_lr(0.1, 1.5, 300, 1, 1)", 300),
    ("natural_exp_decay_lr(0.1, 0.9, 6, 2, 2)", 6),
    ("natural_exp_decay_lr(0.1, 0.9, 6, 2, 2, True)", 6),
    ("natural_exp_decay_lr(0.1, 0.3, 60, 1, 7, is_stair=True)", 60),
    ("natural_exp_decay_lr(0.1, 0.05, 500, 1, 3)", 500),
    ("inverse_decay_lr(0.1, 0.5, 6, 1, 1)", 6),
    ("inverse_decay_lr(0.1, 0.5, 6, 1, 1, True)", 6),
    ("inverse_decay_lr(0.1, 0.7, 50, 3, 4)", 50),
    ("cosine_decay_lr(0.01, 0.1, 6, 2, 2)", 6),
    ("cosine_decay_lr(min_lr=0.01, max_lr=0.1, total_step=60, step_per_epoch=6, decay_epoch=10)", 60),
    ("cosine_decay_lr(0.0, 0.1, 30, 2, 5)", 30),
    ("cosine_decay_lr(0.001, 0.05, 20, 4, 10)", 21),
    ("polynomial_decay_lr(0.1, 0.01, 6, 2, 2, 0.5)", 6),
    ("polynomial_decay_lr(0.1, 0.01, 30, 2, 3, 2.0, True)", 30),
    ("polynomial_decay_lr(0.1, 0.2, 20, 1, 10, 1.0)", 20),
    ("warmup_lr(0.1, 6, 2, 2)", 6),
    ("warmup_lr(0.1, 6, 2, 2)", 7),
    ("warmup_lr(learning_rate=0.0, total_step=5, step_per_epoch=1, warmup_epoch=3)", 5),
    ("ExponentialDecayLR(0.1, 0.9, 4)", 12),
    ("ExponentialDecayLR(0.1, 0.9, 4, True)", 12),
    ("ExponentialDecayLR(learning_rate=0.1, decay_rate=0.5, decay_steps=1)", 200),
    ("ExponentialDecayLR(0.1, 1.2, 1)", 600),
    ("NaturalExpDecayLR(0.1, 0.9, 4)", 10),
    ("NaturalExpDecayLR(0.1, 0.9, 4, True)", 12),
    ("NaturalExpDecayLR(0.1, 0.01, 7, is_stair=True)", 100),
    ("InverseDecayLR(0.1, 0.5, 2)", 10),
    ("InverseDecayLR(0.1, 0.5, 2, True)", 10),
    ("CosineDecayLR(0.01, 0.1, 4)", 8),
    ("CosineDecayLR(min_lr=0.0, max_lr=0.1, decay_steps=100)", 120),
    ("PolynomialDecayLR(0.1, 0.01, 4, 0.5)", 8),
    ("PolynomialDecayLR(0.1, 0.01, 4, 0.5, True)", 14),
    ("PolynomialDecayLR(learning_rate=0.1, end_learning_rate=0.0, decay_steps=7, power=2.0, update_decay_steps=True)", 30),
    ("WarmUpLR(0.1, 2)", 5),
    ("WarmUpLR(learning_rate=0.5, warmup_steps=37)", 50),
    ("WarmUpLR(0.0, 3)", 4),
    # what the validators reject
    ("exponential_decay_lr(1, 0.9, 6, 2, 1)", 3),
    ("exponential_decay_lr(0.1, 0.9, 0, 2, 1)", 3),
    ("exponential_decay_lr(0.1, 0.9, 6.0, 2, 1)", 3),
    ("exponential_decay_lr(0.1, 0.9, True, 2, 1)", 3),
    ("exponential_decay_lr(0.1, 0.9, 6, 2, 1, 1)", 3),
    ("exponential_decay_lr(0.1, 0.9, 6, 2, 1, None)", 3),
    ("exponential_decay_lr(0.1, -0.9, 6, 2, 1)", 3),
    ("natural_exp_decay_lr(0.1, 0.9, 6, 0, 1)", 3),
    ("natural_exp_decay_lr(1e400, 0.9, 6, 2, 1)", 3),
    ("inverse_decay_lr(0.1, 1e400, 6, 2, 1)", 3),
    ("inverse_decay_lr(0.1, 0.5, 6, 2, -1)", 3),
    ("cosine_decay_lr(0.1, 0.01, 6, 2, 2)", 3),
    ("cosine_decay_lr(0.1, 0.1, 6, 2, 2)", 3),
    ("cosine_decay_lr(0, 0.1, 6, 2, 2)", 3),
    ("cosine_decay_lr(-0.01, 0.1, 6, 2, 2)", 3),
    ("polynomial_decay_lr(0.1, 0.01, 6, 2, 2, 0.0)", 3),
    ("polynomial_decay_lr(0.1, 0, 6, 2, 2, 0.5)", 3),
    ("polynomial_decay_lr(0.1, 0.01, 6, 2, 2, 0.5, 0)", 3),
    ("warmup_lr(-0.1, 6, 2, 2)", 3),
    ("warmup_lr(0.1, 6, 2, 0)", 3),
    ("piecewise_constant_lr([2, 5], [0.1])", 3),
    ("piecewise_constant_lr([5, 2], [0.1, 0.05])", 3),
    ("piecewise_constant_lr([2, 5.0], [0.1, 0.05])", 3),
    ("piecewise_constant_lr([0, 5], [0.1, 0.05])", 3),
    ("piecewise_constant_lr([2, 5], [0.1, 1])", 3),
    ("piecewise_constant_lr(2, [0.1])", 3),
    ("ExponentialDecayLR(0.1, 0.9, 0)", 3),
    ("ExponentialDecayLR(0.0, 0.9, 4)", 3),
    ("ExponentialDecayLR(0.1, 0.9, 4, is_stair=0)", 3),
    ("NaturalExpDecayLR(0.1, 1, 4)", 3),
    ("InverseDecayLR(0.1, 0.5, 2.0)", 3),
    ("CosineDecayLR(0.1, 0.01, 4)", 3),
    ("CosineDecayLR(0, 0.1, 4)", 3),
    ("PolynomialDecayLR(0.1, 0.01, 4, 0.0)", 3),
    ("PolynomialDecayLR(0.1, -0.01, 4, 0.5)", 3),
    ("PolynomialDecayLR(0.1, 0.01, 4, 0.5, update_decay_steps=1)", 3),
    ("WarmUpLR(-0.1, 2)", 3),
    ("WarmUpLR(0.1, 0)", 3),
    ("WarmUpLR(1, 2)", 3),
]


def fl(rng, lo, hi):
    return repr(round(rng.uniform(lo, hi), 5) or lo)


def random_args(rng, name):
    """Positional and keyword arguments of a random, mostly valid, configuration of name."""
    spe, total = rng.randint(1, 5), rng.randint(1, 150)
    dec = rng.randint(1, 12)
    stair = rng.choice([True, False])
    if name == "piecewise_constant_lr":
        n = rng.randint(1, 5)
        ms = sorted(rng.randint(1, 80) for _ in range(n))
        return [repr(ms), "[" + ", ".join(fl(rng, 0.0001, 0.5) for _ in ms) + "]"], {}
    if name in ("exponential_decay_lr", "natural_exp_decay_lr", "inverse_decay_lr"):
        rate = fl(rng, 0.05, 1.0) if rng.random() < 0.85 else fl(rng, 1.0, 1.3)
        return [fl(rng, 0.001, 1.0), rate, str(total), str(spe), str(dec)], {"is_stair": stair}
    if name == "cosine_decay_lr":
        mx = rng.uniform(0.01, 1.0)
        return [repr(round(mx * rng.choice([0.0, rng.random()]), 6)), repr(round(mx, 5)), str(total), str(spe),
                str(dec)], {}
    if name == "polynomial_decay_lr":
        return [fl(rng, 0.001, 1.0), fl(rng, 0.0, 0.01), str(total), str(spe), str(dec), fl(rng, 0.3, 3.0)], \
            {"update_decay_epoch": stair}
    if name == "warmup_lr":
        return [fl(rng, 0.001, 1.0), str(total), str(spe), str(dec)], {}
    steps = rng.randint(1, 60)
    if name in ("ExponentialDecayLR", "NaturalExpDecayLR", "InverseDecayLR"):
        rate = fl(rng, 0.01, 1.0) if name != "NaturalExpDecayLR" else fl(rng, 0.001, 0.3)
        return [fl(rng, 0.001, 1.0), rate, str(steps)], {"is_stair": stair}
    if name == "CosineDecayLR":
        mx = rng.uniform(0.01, 1.0)
        return [repr(round(mx * rng.choice([0.0, rng.random()]), 6)), repr(round(mx, 5)), str(steps)], {}
    if name == "PolynomialDecayLR":
        return [fl(rng, 0.001, 1.0), fl(rng, 0.0, 0.01), str(steps), fl(rng, 0.3, 3.0)], {"update_decay_steps": stair}
    if name == "WarmUpLR":
        return [fl(rng, 0.001, 1.0), str(steps)], {}
    raise ValueError(name)


def spell(rng, name, args, kwargs):
    """The call, some arguments by keyword (all after the first keyword), defaults sometimes left out."""
    import inspect
    params = list(inspect.signature(REGISTRY[name]).parameters)
    first_kw = rng.randint(0, len(args)) if rng.random() < 0.5 else len(args)
    parts = [a for a in args[:first_kw]]
    parts += ["%s=%s" % (params[i], a) for i, a in enumerate(args) if i >= first_kw]
    for k, v in kwargs.items():
        if rng.random() < 0.6:
            parts.append("%s=%s" % (k, v))
    return "%s(%s)" % (name, ", ".join(parts))


def spoil(rng, spec):
    """An invalid variant: an int for a float, a float for an int, a zero or negative value."""
    choice = rng.randrange(3)
    if choice == 0:
        return spec.replace("(", "(-", 1) if "([" not in spec else spec.replace("([", "([0, ", 1)
    if choice == 1:
        return spec.replace(")", ".0)", 1) if spec.rstrip(")")[-1].isdigit() else spec.replace("True", "1")
    return spec.replace("0.", "0", 1)


REGISTRY = None


def main():
    global REGISTRY
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.normpath(os.path.join(here, "..", "..", "..", "..", ".."))
    ap = argparse.ArgumentParser()
    ap.add_argument("--oracle", default=os.path.join(root, "..", "shared", "oracle", "beyond"))
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--count", type=int, default=35)
    ap.add_argument("--out", default=os.path.join(here, "mindspore.jsonl"))
    a = ap.parse_args()
    sys.path.insert(0, os.path.abspath(a.oracle))
    import mindspore_dynamic_lr as M  # noqa: E402
    REGISTRY = M.REGISTRY
    rng = random.Random(a.seed)
    names = [n for n in REGISTRY if n != "Optimizer"]
    cases = []
    for i, (spec, steps) in enumerate(FIXED):
        g = 1 + i % 3
        cases.append({"name": "fixed-%d" % i, "spec": NS + spec, "steps": steps,
                      "lr": ",".join(["0.1", "0.01", "0.5"][:g]), "metrics": "",
                      "steps_per_epoch": [1, 1, 3, 2][i % 4]})
    for name in names:
        for j in range(a.count):
            args, kwargs = random_args(rng, name)
            spec = spell(rng, name, args, kwargs)
            if rng.random() < 0.1:
                spec = spoil(rng, spec)
            g = rng.randint(1, 3)
            total = int(args[2]) if name.endswith("_lr") and name != "piecewise_constant_lr" else 0
            steps = rng.randint(1, 160) if not total else rng.choice([total, max(1, total - rng.randint(0, 5)),
                                                                       total + 1])
            cases.append({"name": "%s-%d" % (name, j), "spec": NS + spec, "steps": steps,
                          "lr": ",".join(fl(rng, 0.001, 1.0) for _ in range(g)), "metrics": "",
                          "steps_per_epoch": rng.choice([1, 1, 2, 5])})
    batch = "".join(json.dumps({k: c[k] for k in ("spec", "steps", "lr", "metrics", "steps_per_epoch")}) + "\n"
                    for c in cases)
    run = subprocess.run([sys.executable, os.path.join(a.oracle, "beyond_batch.py"), "--batch"], input=batch,
                         capture_output=True, text=True, check=True)
    answers = [json.loads(line) for line in run.stdout.splitlines() if line.strip()]
    assert len(answers) == len(cases), (len(answers), len(cases))
    with open(a.out, "w") as f:
        for c, ans in zip(cases, answers):
            c["expected"] = ans
            f.write(json.dumps(c) + "\n")
    errors = sum(1 for c in cases if "error" in c["expected"])
    print("wrote %d cases (%d rejected) to %s" % (len(cases), errors, a.out))


if __name__ == "__main__":
    main()
