#!/usr/bin/env python3
"""Generate pytorch-cases.jsonl: golden learning-rate curves computed by real PyTorch.

Run (from the repository root) on real PyTorch 2.13, the version the library follows (how to
create /tmp/t213 is in README.md next to this script):

    /tmp/t213/bin/python src/test/resources/golden/generate_goldens.py

The installed torch must be 2.13 (else the script stops and says so), unless
TORCH_LRS=<a torch/optim/lr_scheduler.py inside a package folder> makes the schedulers come
from that file instead of the installed torch, exactly as torch_batch.py does (the folder needs
an __init__.py; the file may import Optimizer from torch.optim.optimizer). That is how the
older goldens were made: Debian's torch 1.13.1 running PyTorch's lr_scheduler.py from commit
008f727ece1520e12c25089a7969d5b8fca75f8e (the ~2.10 source); see README.md.

Options: --out FILE (default: pytorch-cases.jsonl next to this script); --seed N (the random
cases of the older families); --seq213-seed N, --seq213-count N (the family of the 2.13
SequentialLR change); --only seq213 (that family alone, e.g. for held-out checks), --only older (the
families before it: with TORCH_LRS set to the older source they reproduce the earlier goldens);
--recompute FILE (recompute "expected" of every case of a JSON-lines file on this PyTorch and
write the file to --out, e.g. pytorch2-compositions.jsonl).

Each output line: {"name", "spec", "steps", "lr", "metrics", "steps_per_epoch", "momentum",
"expected": {"lr": [[lr per group] per update k], "momentum": [...] (if asked)} or
{"error": "<Exception>: msg", "at_step": n}} (n = 0: the constructor raised; n >= 1: the n-th
scheduler.step() raised). Update k uses the value after k // steps_per_epoch
scheduler steps; the scheduler is also stepped after the last recorded update.
Generation is deterministic (fixed seeds); cases whose curve is not finite are dropped.
"""
import argparse, collections, importlib, json, math, os, random, re, sys, warnings
from bisect import bisect_right
import torch
from torch.optim import lr_scheduler as S

warnings.filterwarnings("ignore")
NAMES = ["LambdaLR", "MultiplicativeLR", "StepLR", "MultiStepLR", "ConstantLR", "LinearLR",
         "ExponentialLR", "SequentialLR", "PolynomialLR", "CosineAnnealingLR", "ChainedScheduler",
         "ReduceLROnPlateau", "CyclicLR", "CosineAnnealingWarmRestarts", "OneCycleLR"]
TORCH_VERSION = "2.13"  # the PyTorch release the library follows
if os.environ.get("TORCH_LRS"):  # a file inside a package folder, e.g. pkg/lr_scheduler.py
    _path = os.path.abspath(os.environ["TORCH_LRS"])
    sys.path.insert(0, os.path.dirname(os.path.dirname(_path)))
    S = importlib.import_module(os.path.basename(os.path.dirname(_path)) + "."
                                + os.path.basename(_path)[:-3])


def check_torch():
    """Stop unless the schedulers are PyTorch 2.13's (or come from TORCH_LRS)."""
    if os.environ.get("TORCH_LRS"):
        return
    if torch.__version__.split("+")[0].rsplit(".", 1)[0] != TORCH_VERSION:
        sys.exit("torch %s is installed, the goldens follow PyTorch %s: run with /tmp/t213/bin/python"
                 " (see README.md next to this script), or set TORCH_LRS to a scheduler source"
                 % (torch.__version__, TORCH_VERSION))


# ---------------------------------------------------------------- harness (as torch_curve/torch_batch)
def build(spec, opt):
    # insert the optimizer as first positional argument of every scheduler but ChainedScheduler
    py = re.sub(r"\b(" + "|".join(n for n in NAMES if n != "ChainedScheduler") + r")\(\s*",
                lambda m: m.group(1) + "(opt, ", spec)
    py = py.replace("(opt, )", "(opt)")
    py = re.sub(r"\btrue\b", "True", re.sub(r"\bfalse\b", "False", py))
    env = {n: getattr(S, n) for n in NAMES}
    env.update(opt=opt, inf=float("inf"), math=math, min=min, max=max, abs=abs, float=float, int=int)
    return eval(py, {"__builtins__": {}, **env}, env)


def run(case, done=None):
    """The curve of a case; done[0] counts the scheduler.step() calls that returned."""
    done = [0] if done is None else done
    lrs = [float(x) for x in str(case.get("lr", "0.1")).split(",")]
    groups = [{"params": [torch.zeros(1, requires_grad=True)], "lr": lr} for lr in lrs]
    opt = torch.optim.SGD(groups, lr=lrs[0], momentum=0.9)
    sched = build(case["spec"], opt)
    done[0] = 0
    metrics = [float(x) for x in str(case.get("metrics", "")).split(",") if x != ""]
    spe = int(case.get("steps_per_epoch", 1) or 1)
    want_mom = bool(case.get("momentum"))
    out_lr, out_m = [], []
    for k in range(int(case["steps"])):
        out_lr.append([float(g["lr"]) for g in opt.param_groups])
        if want_mom:
            out_m.append([float(g["momentum"]) for g in opt.param_groups])
        opt.step()
        if (k + 1) % spe:
            continue
        e = (k + 1) // spe - 1
        if isinstance(sched, S.ReduceLROnPlateau):
            sched.step(metrics[e] if e < len(metrics) else metrics[-1])
        else:
            sched.step()
        done[0] += 1
    res = {"lr": out_lr}
    if want_mom:
        res["momentum"] = out_m
    return res


def expect(case):
    """The curve, or the error and where it was raised: at_step 0 is the construction (of the
    optimizer or the scheduler), at_step n >= 1 the n-th scheduler.step()."""
    done = [-1]
    try:
        return run(case, done)
    except Exception as e:  # the reference rejects this configuration
        return {"error": "%s: %s" % (type(e).__name__, e), "at_step": done[0] + 1}


# ---------------------------------------------------------------- random building blocks
R = random.Random(20260521)


def f(x, nd=4):
    """A float literal with few digits (never an int literal)."""
    return repr(float(round(x, nd)))


def u(a, b, nd=4):
    return f(R.uniform(a, b), nd)


def lst(vals): return "[" + ", ".join(vals) + "]"
def maybe(p): return R.random() < p
def lrs_str(g): return ",".join(u(0.01, 1.0) for _ in range(g))


# LambdaLR factors: every allowed construct appears in some template
LAMBDAS = [
    lambda: "lambda e: %s ** e" % u(0.85, 0.99),
    lambda: "lambda e: 1 / (1 + %s * e)" % u(0.01, 0.5),
    lambda: "lambda e: e // %d + 1" % R.randint(2, 6),
    lambda: "lambda e: (e %% %d + 1) / %d" % (R.randint(2, 7), R.randint(2, 8)),
    lambda: "lambda e: min(1.0, (e + 1) / %d)" % R.randint(2, 15),
    lambda: "lambda e: max(%s, 1 - e / %d)" % (u(0.01, 0.3), R.randint(20, 100)),
    lambda: "lambda e: abs(math.cos(e / %s))" % u(2, 10, 2),
    lambda: "lambda e: 0.5 * (1 + math.cos(math.pi * e / %d))" % R.randint(10, 80),
    lambda: "lambda e: math.exp(-e / %s)" % u(5, 50, 2),
    lambda: "lambda e: 1 / math.sqrt(e + 1)",
    lambda: "lambda e: math.log(e + 2) / math.log(%d)" % R.randint(2, 10),
    lambda: "lambda e: 1.0 if e < %d else %s" % (R.randint(3, 30), u(0.05, 0.5)),
    lambda: (lambda w: "lambda e: (e + 1) / %d if e < %d else 0.5 ** ((e - %d) // %d)"
             % (w, w, w, R.randint(3, 12)))(R.randint(2, 10)),
    lambda: "lambda e: math.sin(e / %s) ** 2 + 0.1" % u(1, 9, 2),
    lambda: "lambda e: math.e ** (-%s * e)" % u(0.01, 0.1),
    lambda: "lambda e: 2 ** -(e // %d)" % R.randint(2, 12),
    lambda: "lambda e: e ** 2 / %d + 1" % R.randint(50, 500),
    lambda: (lambda a: "lambda e: 0.1 if %d <= e < %d else 1.0" % (a, a + R.randint(2, 20)))(R.randint(1, 20)),
    lambda: "lambda e: %s * math.pi / (math.pi + e)" % u(0.5, 2),
    lambda: "lambda e: e %% %d * 0.25 + 0.1" % R.randint(2, 6),
    lambda: "lambda e: max(0.05, 1 + (-e // %d) * %s)" % (R.randint(2, 9), u(0.01, 0.1)),
    lambda: "lambda epoch: epoch ** 0.5 / %d + 0.1" % R.randint(2, 6),
    lambda: "lambda x: (-x %% %d) / %d + 0.2" % ((lambda k: (k, k))(R.randint(2, 9))),
    lambda: "lambda e: min(e, %d) / %d if e < %d else math.cos(e * 0.1) * 0.25 + 0.5"
    % ((lambda w: (w, w, w))(R.randint(3, 10))),
    lambda: "lambda e: 1 - abs(e %% %d - %s) / %d" % ((lambda k: (2 * k, f(k), k + 1))(R.randint(2, 8))),
    lambda: "lambda e: max(%s, %s ** e, 1 / (e + 1))" % (u(0.0, 0.1), u(0.8, 0.99)),
]
# MultiplicativeLR factors (close to 1)
MULTS = [
    lambda: "lambda e: %s" % u(0.85, 0.99),
    lambda: "lambda e: %s if e %% %d == 0 else 1.0" % (u(0.5, 0.95), R.randint(2, 8)),
    lambda: "lambda e: 1 - %s * (e %% %d)" % (u(0.001, 0.05), R.randint(2, 5)),
    lambda: "lambda e: max(%s, 1 - e / %d)" % (u(0.5, 0.9), R.randint(50, 300)),
    lambda: "lambda e: math.exp(-%s)" % u(0.01, 0.1),
    lambda: "lambda e: %s if e < %d else %s" % (u(1.01, 1.1), R.randint(3, 15), u(0.9, 0.99)),
    lambda: "lambda e: math.sqrt(%s)" % u(0.9, 0.99),
    lambda: "lambda e: (e + 1) / (e + 2)",
    lambda: "lambda e: %s ** (e %% %d)" % (u(0.9, 0.99), R.randint(2, 5)),
    lambda: "lambda e: min(1.05, 1 + 1 / (e + %d))" % R.randint(1, 10),
    lambda: "lambda e: abs(math.cos(e / %d))" % R.randint(50, 200),
    lambda: "lambda e: 1 + math.sin(e) / %d" % R.randint(10, 30),
    lambda: "lambda e: 1 / e ** %s" % u(0.05, 0.3),  # e >= 1 in MultiplicativeLR steps
    lambda: "lambda e: 0.5 ** (1 / (e // %d + 1))" % R.randint(2, 9),
    lambda: "lambda e: math.log(e + %d) / math.log(e + %d)" % ((lambda k: (k, k + 1))(R.randint(2, 9))),
]
SCALE_FNS = {"cycle": ["lambda x: 1 / (2.0 ** (x - 1))", "lambda x: 1 / x", "lambda x: %s ** x",
                       "lambda x: 0.5 * (1 + math.cos(x / 3))", "lambda x: 1.0 if x < 3 else 0.5"],
             "iterations": ["lambda x: %s ** x", "lambda x: max(0.2, 1 - x / 100)",
                            "lambda x: abs(math.sin(x / 10))", "lambda x: 1 / (1 + x // 10)"]}


def lam(templates, g):
    if g > 1 and maybe(0.5):
        return lst([R.choice(templates)() for _ in range(g)])
    return R.choice(templates)()


def scalar_or_list(g, a, b, p=0.35):
    if g > 1 and maybe(p):
        return lst([u(a, b) for _ in range(g)])
    return u(a, b)


def call(name, args):
    return "%s(%s)" % (name, ", ".join("%s=%s" % kv for kv in args if kv[1] is not None))


def opt_arg(args, key, val, p=0.6):  # an optional argument, given with probability p
    if maybe(p): args.append((key, val))


def gen(name, n, g):
    """A random constructor call for scheduler `name`, sized for about n scheduler steps."""
    a = []
    if name == "LambdaLR":
        a.append(("lr_lambda", lam(LAMBDAS, g)))
    elif name == "MultiplicativeLR":
        a.append(("lr_lambda", lam(MULTS, g)))
    elif name == "StepLR":
        a.append(("step_size", str(R.randint(1, max(2, n // 3)))))
        opt_arg(a, "gamma", u(0.1, 0.95))
    elif name == "MultiStepLR":
        ms = sorted(R.sample(range(1, n + 3), min(n + 2, R.randint(1, 4))))
        a.append(("milestones", lst(map(str, ms))))
        opt_arg(a, "gamma", u(0.1, 0.95))
    elif name == "ConstantLR":
        opt_arg(a, "factor", u(0.01, 1.0))
        opt_arg(a, "total_iters", str(R.randint(0, n)))
    elif name == "LinearLR":
        opt_arg(a, "start_factor", u(0.01, 1.0))
        opt_arg(a, "end_factor", u(0.0, 1.0))
        opt_arg(a, "total_iters", str(R.randint(0, n)))
    elif name == "ExponentialLR":
        a.append(("gamma", u(0.8, 1.02)))
    elif name == "PolynomialLR":
        opt_arg(a, "total_iters", str(R.randint(0, n)))
        opt_arg(a, "power", R.choice(["0.0", "0.5", "1.0", "2.0", u(0.1, 3.0)]))
    elif name == "CosineAnnealingLR":
        a.append(("T_max", str(R.randint(1, max(1, n // R.choice([1, 1, 2, 5]))))))
        opt_arg(a, "eta_min", R.choice(["0.0", u(0.0, 0.01), u(0.0, 0.5)]))
    elif name == "CosineAnnealingWarmRestarts":
        a.append(("T_0", str(R.randint(1, max(1, n // 3)))))
        opt_arg(a, "T_mult", str(R.choice([1, 2, 3])))
        opt_arg(a, "eta_min", R.choice(["0.0", u(0.0, 0.01), u(0.0, 0.3)]))
    elif name == "CyclicLR":
        a.append(("base_lr", scalar_or_list(g, 0.001, 0.05)))
        a.append(("max_lr", scalar_or_list(g, 0.05, 0.5)))
        a.append(("step_size_up", str(R.randint(1, 20))))
        opt_arg(a, "step_size_down", R.choice(["None", str(R.randint(1, 20))]), 0.5)
        if maybe(0.2):
            mode = R.choice(["cycle", "iterations"])
            fn = R.choice(SCALE_FNS[mode])
            a += [("scale_fn", fn % u(0.9, 0.999) if "%s" in fn else fn), ("scale_mode", repr(mode))]
        else:
            mode = R.choice(["triangular", "triangular2", "exp_range"])
            opt_arg(a, "mode", repr(mode), 0.8)
            opt_arg(a, "gamma", u(0.9, 0.999), 0.8 if mode == "exp_range" else 0.2)
        opt_arg(a, "cycle_momentum", R.choice(["True", "False"]), 0.4)
        opt_arg(a, "base_momentum", scalar_or_list(g, 0.7, 0.85), 0.4)
        opt_arg(a, "max_momentum", scalar_or_list(g, 0.85, 0.99), 0.4)
    elif name == "OneCycleLR":
        a.append(("max_lr", scalar_or_list(g, 0.05, 1.0)))
        total = n + R.randint(0, 15)
        if maybe(0.7):
            a.append(("total_steps", str(total)))
        else:
            spe = R.randint(1, 6)
            a += [("epochs", str(-(-total // spe))), ("steps_per_epoch", str(spe))]
        opt_arg(a, "pct_start", R.choice(["0.0", "0.25", "0.5", u(0.05, 0.95)]))
        opt_arg(a, "anneal_strategy", R.choice(["'cos'", "'linear'"]))
        opt_arg(a, "three_phase", R.choice(["True", "False"]))
        opt_arg(a, "div_factor", u(2.0, 50.0, 2), 0.4)
        opt_arg(a, "final_div_factor", R.choice(["100.0", "1e4", u(5.0, 1000.0, 1)]), 0.4)
        opt_arg(a, "cycle_momentum", R.choice(["True", "False"]), 0.3)
        opt_arg(a, "base_momentum", scalar_or_list(g, 0.7, 0.85), 0.3)
        opt_arg(a, "max_momentum", scalar_or_list(g, 0.85, 0.99), 0.3)
    elif name == "ReduceLROnPlateau":
        opt_arg(a, "mode", R.choice(["'min'", "'max'"]))
        opt_arg(a, "factor", u(0.05, 0.9))
        opt_arg(a, "patience", str(R.randint(0, 6)))
        opt_arg(a, "threshold", R.choice(["0.0", "1e-4", u(0.0, 0.1)]))
        opt_arg(a, "threshold_mode", R.choice(["'rel'", "'abs'"]))
        opt_arg(a, "cooldown", str(R.randint(0, 4)))
        opt_arg(a, "min_lr", lst([u(0.0, 0.05) for _ in range(g)]) if maybe(0.3) else u(0.0, 0.02))
        opt_arg(a, "eps", R.choice(["1e-8", "0.0", "1e-3", u(0.0, 0.01)]), 0.3)
    else:
        raise ValueError(name)
    return call(name, a)


CHAINABLE = ["LambdaLR", "MultiplicativeLR", "StepLR", "MultiStepLR", "ConstantLR", "LinearLR",
             "ExponentialLR", "PolynomialLR", "CosineAnnealingLR", "CyclicLR", "OneCycleLR",
             "CosineAnnealingWarmRestarts"]
SIMPLE = ["StepLR", "MultiStepLR", "ConstantLR", "LinearLR", "ExponentialLR", "PolynomialLR",
          "CosineAnnealingLR", "LambdaLR", "MultiplicativeLR", "CosineAnnealingWarmRestarts"]


def milestones(n, k):
    return lst(map(str, sorted(R.sample(range(1, max(n, k + 1) + 1), k))))


def seq(n, g, k=None, pool=CHAINABLE, first=None):
    k = k or R.randint(2, 4)
    kids = [first or gen(R.choice(pool), n, g)] + [gen(R.choice(pool), n, g) for _ in range(k - 1)]
    return "SequentialLR(schedulers=%s, milestones=%s)" % (lst(kids), milestones(n, k - 1))


def chain(n, g, k=None, pool=CHAINABLE):
    return "ChainedScheduler(%s)" % lst([gen(R.choice(pool), n, g) for _ in range(k or R.randint(2, 3))])


def walk(kind, count, mode="min"):
    """Metric sequences for ReduceLROnPlateau."""
    sgn = 1 if mode == "min" else -1
    x, out = R.uniform(0.5, 2.0), []
    for i in range(count):
        if kind == "improving":
            x -= sgn * R.uniform(0.0, 0.05)
        elif kind == "flat":
            pass
        elif kind == "noisy":
            x += R.gauss(-0.01 * sgn, 0.05)
        elif kind == "plateau":
            x = x - sgn * 0.1 if i < count // 3 else x + R.choice([0.0, 1e-5, -1e-5])
        out.append(f(x, 5))
        if kind == "nan" and maybe(0.2):
            out[-1] = "nan"
        elif kind == "nan":
            x -= sgn * R.uniform(-0.02, 0.04)
    return ",".join(out)


# ---------------------------------------------------------------- the cases
CASES = []


def add(cat, spec, steps, lr="0.1", metrics="", spe=1, mom=False):
    CASES.append({"cat": cat, "spec": spec, "steps": steps, "lr": lr, "metrics": metrics,
                  "steps_per_epoch": spe, "momentum": mom})


def rand_case(cat, name, steps=None, g=None, spe=None, mom=None):
    steps = steps or R.randint(10, 120)
    g = g or R.choice([1, 1, 1, 2, 3])
    spe = spe or (R.randint(2, 5) if maybe(0.2) else 1)
    n = max(1, steps // spe)
    mom = maybe(0.6 if name in ("CyclicLR", "OneCycleLR") else 0.15) if mom is None else mom
    if name == "SequentialLR":
        spec = seq(n, g)
    elif name == "ChainedScheduler":
        spec = chain(n, g)
    else:
        spec = gen(name, n, g)
    metrics = ""
    if name == "ReduceLROnPlateau":
        mode = "max" if "'max'" in spec else "min"
        kind = R.choice(["improving", "flat", "noisy", "noisy", "plateau", "nan"])
        metrics = walk(kind, n if maybe(0.8) else R.randint(1, n), mode)
    add(cat, spec, steps, lrs_str(g), metrics, spe, mom)


def defaults():
    d = ["LambdaLR(lr_lambda=lambda e: 0.95 ** e)", "MultiplicativeLR(lr_lambda=lambda e: 0.95)",
         "StepLR(step_size=5)", "MultiStepLR(milestones=[3, 7])", "ConstantLR()", "LinearLR()",
         "ExponentialLR(gamma=0.9)",
         "SequentialLR(schedulers=[ConstantLR(), ExponentialLR(gamma=0.9)], milestones=[5])",
         "PolynomialLR()", "CosineAnnealingLR(T_max=10)",
         "ChainedScheduler([ConstantLR(), ExponentialLR(gamma=0.9)])", "ReduceLROnPlateau()",
         "CyclicLR(base_lr=0.01, max_lr=0.1)", "OneCycleLR(max_lr=0.1, total_steps=100)",
         "CosineAnnealingWarmRestarts(T_0=10)"]
    for spec in d:
        rop = spec.startswith("ReduceLROnPlateau")
        add("default", spec, 100 if "OneCycle" in spec else 40, "0.1",
            walk("plateau", 40) if rop else "", 1, "Cyclic" in spec or "OneCycle" in spec)


def randoms():
    per = {"LambdaLR": 0, "MultiplicativeLR": 0, "CyclicLR": 30, "OneCycleLR": 30,
           "ReduceLROnPlateau": 30, "SequentialLR": 0, "ChainedScheduler": 0}
    for name in NAMES:
        for _ in range(per.get(name, 14)):
            rand_case("rand", name)
    for t in LAMBDAS:  # every LambdaLR template at least once, single and per group
        g = R.choice([1, 2, 3])
        lam_ = t() if g == 1 else lst([t()] + [R.choice(LAMBDAS)() for _ in range(g - 1)])
        add("rand", "LambdaLR(lr_lambda=%s)" % lam_, R.randint(10, 120), lrs_str(g),
            spe=R.choice([1, 1, 1, 2, 3]))
    for t in MULTS:
        g = R.choice([1, 2])
        lam_ = t() if g == 1 else lst([t(), R.choice(MULTS)()])
        add("rand", "MultiplicativeLR(lr_lambda=%s)" % lam_, R.randint(10, 120), lrs_str(g),
            spe=R.choice([1, 1, 1, 2, 4]))


def edges():
    E = lambda spec, steps=40, **kw: add("edge", spec, steps, **kw)
    # CyclicLR: every mode x step_size_down, scale_fn x scale_mode, momentum, per-group lists
    for mode in ["'triangular'", "'triangular2'", "'exp_range'", '"triangular2"']:
        for down in ["None", "3", "9"]:
            E("CyclicLR(base_lr=0.01, max_lr=0.2, step_size_up=5, step_size_down=%s, mode=%s, gamma=0.97)"
              % (down, mode), 60, mom=True)
    for mode, fns in SCALE_FNS.items():
        for fn in fns:
            fn = fn % "0.95" if "%s" in fn else fn
            E("CyclicLR(base_lr=0.005, max_lr=0.1, step_size_up=4, step_size_down=6, scale_fn=%s, "
              "scale_mode='%s')" % (fn, mode), 50, mom=True)
    E("CyclicLR(base_lr=0.01, max_lr=0.1, step_size_up=3, cycle_momentum=False)", 30, mom=True)
    E("CyclicLR(base_lr=[0.01, 0.02], max_lr=[0.1, 0.3], step_size_up=4, base_momentum=[0.8, 0.7], "
      "max_momentum=[0.9, 0.95])", 40, lr="0.1,0.2", mom=True)
    E("CyclicLR(base_lr=[0.001, 0.002, 0.003], max_lr=0.05, step_size_up=2, step_size_down=5, "
      "mode='exp_range', gamma=0.99, max_momentum=[0.9, 0.95, 0.99])", 50, lr="0.1,0.2,0.3", mom=True)
    E("CyclicLR(base_lr=0.05, max_lr=0.01, step_size_up=3)", 20, mom=True)  # max below base
    E("CyclicLR(base_lr=0.01, max_lr=0.1, step_size_up=1, step_size_down=1)", 20, mom=True)
    # OneCycleLR: phases x strategies, total_steps vs epochs, pct_start, factors, momentum lists
    for three in ["False", "True"]:
        for strat in ["'cos'", "'linear'"]:
            for pct in ["0.0", "0.3", "0.5", "1.0"]:
                E("OneCycleLR(max_lr=0.5, total_steps=40, pct_start=%s, anneal_strategy=%s, three_phase=%s)"
                  % (pct, strat, three), 39, mom=True)
    E("OneCycleLR(max_lr=0.3, epochs=6, steps_per_epoch=7)", 42, mom=True)
    E("OneCycleLR(max_lr=0.3, total_steps=30, epochs=100, steps_per_epoch=100)", 30)  # total wins
    E("OneCycleLR(max_lr=0.3, total_steps=1)", 1, mom=True)
    E("OneCycleLR(max_lr=0.3, total_steps=2, three_phase=True)", 2, mom=True)
    E("OneCycleLR(max_lr=0.3, total_steps=25, pct_start=0.9, three_phase=True)", 25, mom=True)
    E("OneCycleLR(max_lr=1.0, total_steps=50, div_factor=3.0, final_div_factor=7.5)", 50)
    E("OneCycleLR(max_lr=[0.4, 0.8], total_steps=45, base_momentum=[0.8, 0.75], max_momentum=[0.95, 0.9])",
      45, lr="0.1,0.2", mom=True)
    E("OneCycleLR(max_lr=[0.4, 0.8, 0.2], total_steps=30, cycle_momentum=False, anneal_strategy=\"linear\")",
      30, lr="0.1,0.2,0.3", mom=True)
    E("OneCycleLR(max_lr=0.2, total_steps=60)", 120, spe=2, mom=True)
    # MultiStepLR / StepLR corner cases
    for ms in ["[3, 3, 6]", "[8, 2, 5]", "[0, 4]", "[0, 0, 3, 3, 3]", "[5, 1, 5, 1]", "[]"]:
        E("MultiStepLR(milestones=%s, gamma=0.5)" % ms, 12)
    for ss in ["-3", "-1", "1", "7"]:
        E("StepLR(step_size=%s, gamma=0.5)" % ss, 20)
    # total_iters 0 and friends
    for spec in ["ConstantLR(factor=0.5, total_iters=0)", "LinearLR(start_factor=0.25, total_iters=0)",
                 "LinearLR(start_factor=0.25, end_factor=0.5, total_iters=0)", "ConstantLR(factor=1.0)",
                 "ConstantLR(factor=0.0, total_iters=50)", "LinearLR(start_factor=1.0, end_factor=0.0, total_iters=10)",
                 "LinearLR(start_factor=0.5, end_factor=0.5, total_iters=6)", "ConstantLR(factor=0.3, total_iters=1)",
                 "PolynomialLR(total_iters=0)", "PolynomialLR(total_iters=0, power=2.0)"]:
        E(spec, 20)
    for p in ["0.0", "0.5", "2.0", "1.0", "0", "3"]:
        E("PolynomialLR(total_iters=10, power=%s)" % p, 20)
    # CosineAnnealingLR past T_max, eta_min above the base lr
    for tm, em in [(4, "0.0"), (7, "0.01"), (10, "0.5"), (1, "0.0"), (3, "0.2"), (25, "0.001")]:
        E("CosineAnnealingLR(T_max=%d, eta_min=%s)" % (tm, em), 5 * tm + 1)
    E("CosineAnnealingLR(T_max=6, eta_min=0.3)", 30, lr="0.1,0.5")
    # CosineAnnealingWarmRestarts T_mult, eta_min
    for t0, tm, em in [(5, 1, "0.0"), (3, 2, "0.0"), (2, 3, "0.001"), (4, 2, "0.05"), (1, 1, "0.0"),
                       (1, 2, "0.01"), (6, 3, "0.2")]:
        E("CosineAnnealingWarmRestarts(T_0=%d, T_mult=%d, eta_min=%s)" % (t0, tm, em), 60)
    # ReduceLROnPlateau: modes, threshold modes, patience, cooldown, min_lr, eps, factor
    for mode in ["min", "max"]:
        for tm in ["rel", "abs"]:
            for kind in ["improving", "flat", "noisy", "nan", "plateau"]:
                E("ReduceLROnPlateau(mode='%s', threshold_mode='%s', patience=%d, cooldown=%d, factor=%s)"
                  % (mode, tm, R.randint(0, 3), R.randint(0, 2), u(0.1, 0.8)), 40,
                  metrics=walk(kind, 40, mode))
    E("ReduceLROnPlateau(patience=0, factor=0.5, min_lr=0.02)", 30, metrics=walk("flat", 30))
    E("ReduceLROnPlateau(patience=1, factor=0.5, min_lr=[0.05, 0.001])", 30, lr="0.1,0.2",
      metrics=walk("flat", 30))
    E("ReduceLROnPlateau(patience=0, factor=0.9, eps=0.005)", 30, metrics=walk("flat", 30))
    E("ReduceLROnPlateau(patience=0, factor=0.5, eps=0.0)", 40, metrics=walk("flat", 40))
    E("ReduceLROnPlateau(patience=0)", 20, metrics="1.0,2.0,0.5")  # fewer metrics than steps
    E("ReduceLROnPlateau(patience=2)", 20, metrics="nan,nan,1.0,nan,0.5,nan,nan,nan,nan,nan")
    E("ReduceLROnPlateau(mode='max', patience=1, threshold=0.0)", 20, metrics="1.0")
    E("ReduceLROnPlateau(patience=1, cooldown=3, threshold=0.1, threshold_mode='abs')", 30,
      metrics=walk("noisy", 30), spe=1)
    E("ReduceLROnPlateau(patience=1, factor=0.5)", 40, metrics=walk("flat", 10), spe=4)
    E("ReduceLROnPlateau(patience=0, threshold=-0.5)", 20, metrics=walk("flat", 20))
    E('ReduceLROnPlateau(mode="max", threshold_mode="abs", threshold=0.01, patience=2, cooldown=1)', 40,
      metrics=walk("noisy", 40, "max"))


def positional():
    for spec in ["StepLR(3, 0.5)", "MultiStepLR([2, 5], 0.5)", "CosineAnnealingLR(10, 0.001)",
                 "ExponentialLR(0.9)", "ConstantLR(0.5, 3)", "LinearLR(0.2, 1.0, 4)", "PolynomialLR(6, 2.0)",
                 "LambdaLR(lambda e: 0.9 ** e)", "MultiplicativeLR(lambda e: 0.97)",
                 "CyclicLR(0.01, 0.1, 5)", "CyclicLR(0.01, 0.1, 3, 6, \"exp_range\", 0.95)",
                 "OneCycleLR(0.5, 40)", "OneCycleLR(0.5, None, 5, 8, 0.4, \"linear\")",
                 "CosineAnnealingWarmRestarts(5, 2, 0.001)",
                 "SequentialLR([LinearLR(0.1, total_iters=3), ExponentialLR(0.9)], [3])",
                 "ChainedScheduler([StepLR(4, 0.5), ExponentialLR(0.95)])",
                 "StepLR(step_size=3, gamma=0.5, last_epoch=-1)"]:
        add("pos", spec, 40, mom="Cyclic" in spec or "OneCycle" in spec)
    add("pos", "ReduceLROnPlateau('max', 0.5, 2)", 30, metrics=walk("noisy", 30, "max"))
    add("pos", 'ReduceLROnPlateau("min", 0.5, 1, 0.01, "abs", 2, 0.001)', 30, metrics=walk("noisy", 30))


def compositions():
    for _ in range(40):
        rand_case("comp", "SequentialLR")
    for _ in range(25):
        rand_case("comp", "ChainedScheduler")
    C = lambda spec, steps=60, **kw: add("comp", spec, steps, **kw)
    C("SequentialLR(schedulers=[LinearLR(start_factor=0.01, total_iters=10), CosineAnnealingLR(T_max=50)], "
      "milestones=[10])", 60)
    C("SequentialLR(schedulers=[LinearLR(start_factor=0.1, total_iters=5), ConstantLR(factor=0.5, total_iters=5), "
      "ExponentialLR(gamma=0.9), StepLR(step_size=3)], milestones=[5, 12, 20])", 40, lr="0.1,0.3")
    C("SequentialLR(schedulers=[ConstantLR(factor=0.2), MultiplicativeLR(lr_lambda=lambda e: 0.9)], "
      "milestones=[4])", 30)
    C("SequentialLR(schedulers=[LinearLR(total_iters=3), CosineAnnealingWarmRestarts(T_0=5, T_mult=2)], "
      "milestones=[3])", 50)
    C("SequentialLR(schedulers=[ConstantLR(factor=0.5, total_iters=2), CyclicLR(base_lr=0.01, max_lr=0.1, "
      "step_size_up=4)], milestones=[6])", 40, mom=True)
    C("SequentialLR(schedulers=[LinearLR(total_iters=4), OneCycleLR(max_lr=0.5, total_steps=60)], "
      "milestones=[5])", 50, mom=True)
    C("SequentialLR(schedulers=[ExponentialLR(gamma=0.9), LinearLR(start_factor=0.5, total_iters=4)], "
      "milestones=[0])", 20)  # milestone 0
    C("SequentialLR(schedulers=[StepLR(step_size=2), ExponentialLR(gamma=0.8), StepLR(step_size=3)], "
      "milestones=[4, 4])", 20)  # repeated milestone
    C("SequentialLR(schedulers=[LinearLR(start_factor=0.2, total_iters=8)], milestones=[])", 15)
    C("ChainedScheduler([LinearLR(start_factor=0.1, total_iters=5), CosineAnnealingLR(T_max=30)])", 40)
    C("ChainedScheduler([CyclicLR(base_lr=0.01, max_lr=0.1, step_size_up=5), ExponentialLR(gamma=0.98)])",
      40, mom=True)
    C("ChainedScheduler([OneCycleLR(max_lr=0.5, total_steps=40), MultiplicativeLR(lr_lambda=lambda e: 0.99)])",
      40, mom=True)
    C("ChainedScheduler([ExponentialLR(gamma=0.9), CosineAnnealingWarmRestarts(T_0=4)])", 30)
    C("ChainedScheduler([StepLR(step_size=3)])", 15)
    # nesting PyTorch 2.x allows
    N = lambda spec, steps, **kw: add("nest", spec, steps, **kw)
    for _ in range(8):
        n = R.randint(20, 80)
        g = R.choice([1, 1, 2])
        N(seq(n, g, first=chain(n, g, pool=SIMPLE)), n, lr=lrs_str(g))
        N(seq(n, g, first=seq(n, g, k=R.randint(2, 3))), n, lr=lrs_str(g))
        N("ChainedScheduler(%s)" % lst([seq(n, g, k=2), gen(R.choice(CHAINABLE), n, g)]), n, lr=lrs_str(g))
    N("SequentialLR(schedulers=[ChainedScheduler([LinearLR(start_factor=0.2, total_iters=4), ExponentialLR(gamma=0.9)]), "
      "CosineAnnealingLR(T_max=20)], milestones=[8])", 40)
    N("SequentialLR(schedulers=[SequentialLR(schedulers=[ConstantLR(factor=0.5, total_iters=3), StepLR(step_size=2)], "
      "milestones=[3]), MultiplicativeLR(lr_lambda=lambda e: 0.95)], milestones=[10])", 30, lr="0.1,0.4")
    N("ChainedScheduler([SequentialLR(schedulers=[LinearLR(total_iters=3), ExponentialLR(gamma=0.9)], milestones=[3]), "
      "StepLR(step_size=4, gamma=0.5)])", 30)
    N("ChainedScheduler([ChainedScheduler([StepLR(step_size=2), ExponentialLR(gamma=0.9)]), ConstantLR(factor=0.5)])", 20)
    # a composite as a LATER child of SequentialLR: fine until its milestone, an error at it
    for m, steps in [(5, 20), (5, 5), (30, 20)]:
        N("SequentialLR(schedulers=[ExponentialLR(gamma=0.9), ChainedScheduler([StepLR(step_size=2), "
          "ConstantLR()])], milestones=[%d])" % m, steps)
        N("SequentialLR(schedulers=[ConstantLR(), SequentialLR(schedulers=[StepLR(step_size=2), "
          "ExponentialLR(gamma=0.9)], milestones=[3])], milestones=[%d])" % m, steps)


def errors():
    X = lambda spec, steps=20, **kw: add("error", spec, steps, **kw)
    for spec in ["ConstantLR(factor=1.5)", "ConstantLR(factor=-0.1)", "LinearLR(start_factor=0)",
                 "LinearLR(start_factor=1.5)", "LinearLR(end_factor=1.5)", "LinearLR(end_factor=-0.5)",
                 "OneCycleLR(max_lr=0.1, total_steps=20, pct_start=1.5)",
                 "OneCycleLR(max_lr=0.1, total_steps=20, pct_start=1)",
                 "OneCycleLR(max_lr=0.1, total_steps=20, pct_start=-0.1)",
                 "OneCycleLR(max_lr=0.1, total_steps=0)", "OneCycleLR(max_lr=0.1)",
                 "OneCycleLR(max_lr=0.1, epochs=5)", "OneCycleLR(max_lr=0.1, epochs=0, steps_per_epoch=4)",
                 "OneCycleLR(max_lr=0.1, epochs=4, steps_per_epoch=0)", "OneCycleLR(max_lr=0.1, total_steps=20.0)",
                 "OneCycleLR(max_lr=0.1, total_steps=20, anneal_strategy='foo')",
                 "OneCycleLR(max_lr=0.1, total_steps=20, pct_start=1.0)",  # 0/0 at the final step
                 "CosineAnnealingWarmRestarts(T_0=0)", "CosineAnnealingWarmRestarts(T_0=5, T_mult=0)",
                 "CosineAnnealingWarmRestarts(T_0=2.5)", "CosineAnnealingWarmRestarts(T_0=5, T_mult=1.5)",
                 "ReduceLROnPlateau(factor=1.0)", "ReduceLROnPlateau(mode='foo')",
                 "ReduceLROnPlateau(threshold_mode='foo')",
                 "SequentialLR(schedulers=[ConstantLR(), ReduceLROnPlateau()], milestones=[5])",
                 "ChainedScheduler([ExponentialLR(gamma=0.9), ReduceLROnPlateau()])",
                 "CyclicLR(base_lr=0.01, max_lr=0.1, mode='foo')",
                 "CyclicLR(base_lr=[0.01, 0.02], max_lr=0.1)", "CyclicLR(base_lr=0.01, max_lr=[0.1, 0.2, 0.3])",
                 "CyclicLR(base_lr=0.01, max_lr=0.1, step_size_up=2, scale_fn=lambda x: 1 / x, scale_mode='iterations')",
                 "OneCycleLR(max_lr=[0.1, 0.2], total_steps=20)",
                 "ReduceLROnPlateau(min_lr=[0.01, 0.02, 0.03])", "LambdaLR(lr_lambda=[lambda e: 1.0, lambda e: 0.5])",
                 "MultiplicativeLR(lr_lambda=[lambda e: 0.9, lambda e: 0.9, lambda e: 0.9])",
                 "StepLR(step_size=0)", "CosineAnnealingLR(T_max=0)", "ConstantLR(factor=0.0, total_iters=3)",
                 "SequentialLR(schedulers=[ConstantLR(), ExponentialLR(gamma=0.9)], milestones=[2, 4])",
                 "SequentialLR(schedulers=[], milestones=[])", "ChainedScheduler([])",
                 "LambdaLR(lr_lambda=lambda e: 1 / e)", "LambdaLR(lr_lambda=lambda e: 1 / (e - 4))",
                 "LambdaLR(lr_lambda=lambda e: 1 // (e - 7))", "LambdaLR(lr_lambda=lambda e: e % (e - 3))",
                 "LambdaLR(lr_lambda=lambda e: math.log(e))", "LambdaLR(lr_lambda=lambda e: math.sqrt(5 - e))",
                 "MultiplicativeLR(lr_lambda=lambda e: 1 / (e - 1))",
                 "MultiplicativeLR(lr_lambda=lambda e: 0.9 if e < 6 else 1 / (e - e))",
                 "SequentialLR(schedulers=[LinearLR(total_iters=3), LambdaLR(lr_lambda=lambda e: 2 / e)], "
                 "milestones=[4])"]:
        X(spec, 20, mom="Cyclic" in spec or "OneCycle" in spec)
    X("ReduceLROnPlateau()", 10)  # no metrics at all
    X("ReduceLROnPlateau(min_lr=[0.01])", 10, lr="0.1,0.2", metrics="1.0")
    X("LambdaLR(lr_lambda=[lambda e: 1.0, lambda e: 0.5])", 10, lr="0.1,0.2,0.3")
    X("OneCycleLR(max_lr=0.1, total_steps=20)", 21, mom=True)  # oversteps
    X("OneCycleLR(max_lr=0.1, epochs=3, steps_per_epoch=5)", 50, spe=3)  # 16 scheduler steps > 15
    X("OneCycleLR(max_lr=0.1, total_steps=10, three_phase=True)", 11)
    X("SequentialLR(schedulers=[LinearLR(total_iters=3), OneCycleLR(max_lr=0.1, total_steps=5)], milestones=[4])",
      20)


def longs():
    L = lambda spec, steps, **kw: add("long", spec, steps, **kw)
    L("CosineAnnealingLR(T_max=500, eta_min=0.001)", 3000)
    L("ExponentialLR(gamma=0.999)", 3000)
    L("CyclicLR(base_lr=0.001, max_lr=0.1, step_size_up=150, mode='triangular2')", 2500, mom=True)
    L("CosineAnnealingWarmRestarts(T_0=10, T_mult=2, eta_min=0.0001)", 3000)
    L("OneCycleLR(max_lr=0.5, total_steps=3000, three_phase=True)", 3000, mom=True)
    L("MultiplicativeLR(lr_lambda=lambda e: 0.9995)", 3000)
    L("SequentialLR(schedulers=[LinearLR(start_factor=0.01, total_iters=200), CosineAnnealingLR(T_max=1800)], "
      "milestones=[200])", 2000)
    L("ReduceLROnPlateau(patience=20, factor=0.5, cooldown=10)", 2000, metrics=walk("noisy", 2000))
    L("PolynomialLR(total_iters=1000, power=0.9)", 1200)
    L("CosineAnnealingLR(T_max=37)", 1000, spe=3)


# ---------------------------------------------------------------- PyTorch 2.13's SequentialLR start
# PyTorch 2.13 (pytorch/pytorch#185872, PR #185986): SequentialLR.__init__ gives the initial step
# to the child that bisect_right(milestones, 0) selects, and takes _last_lr from it, where older
# 2.x releases always took the first child. This family builds SequentialLRs where that child is
# not the first one: a milestone at 0 ([0], [0, 5], [0, 0, 6]), negative milestones, unsorted lists
# with bisect_right(ms, 0) > 0; at every depth (SequentialLR inside SequentialLR or
# ChainedScheduler, ChainedScheduler and SequentialLR as children), with 1-3 groups, per-epoch
# stepping, momentum (CyclicLR/OneCycleLR children) and children that fail at epoch 0 or at a later
# step, so that configurations 2.13 accepts where the older source raised, and the reverse, occur.
# A few control cases keep bisect_right(ms, 0) == 0. It has its own seed and runs after every other
# part, so the older families are unchanged.
SEQ213_SEED = 213
SEQ213_COUNT = 160

# Children that raise at some epoch: 1 / 0 at epoch 0 (where a milestone restarts them), or later.
RISKY = [
    lambda n, g: "MultiplicativeLR(lr_lambda=lambda e: 1 / e)",
    lambda n, g: "MultiplicativeLR(lr_lambda=lambda e: %s if e > 0 else 1 / e)" % u(0.8, 0.99),
    lambda n, g: "MultiplicativeLR(lr_lambda=lambda e: %s if e < %d else 1 / (e - e))"
    % (u(0.8, 0.99), R.randint(1, 8)),
    lambda n, g: "LambdaLR(lr_lambda=lambda e: 1 / (e - %d))" % R.randint(1, n + 5),
    lambda n, g: "LambdaLR(lr_lambda=lambda e: %s ** e if e > 0 else 1 / e)" % u(0.8, 0.99),
    lambda n, g: "ConstantLR(factor=0.0, total_iters=%d)" % R.randint(1, max(1, n)),
    lambda n, g: "OneCycleLR(max_lr=%s, total_steps=%d)" % (u(0.05, 1.0), R.randint(1, max(1, n))),
]


def ms213(n, k, kind):
    """k milestones of a kind: zero, negative, unsorted (bisect_right(ms, 0) > 0), or plain."""
    hi = max(2, n + 2)
    if kind == "zero":
        z = R.randint(1, k)
        return sorted([0] * z + [R.randint(0, hi) for _ in range(k - z)])
    if kind == "negative":
        z = R.randint(1, k)
        return sorted([R.randint(-6, -1) for _ in range(z)] + [R.randint(-2, hi) for _ in range(k - z)])
    if kind == "unsorted":
        while True:
            ms = [R.randint(-3, hi) if maybe(0.7) else R.choice([0, -1]) for _ in range(k)]
            if ms != sorted(ms) and bisect_right(ms, 0) > 0:
                return ms
    return sorted(R.sample(range(1, hi + k), k))


def kind213():
    return R.choice(["zero", "zero", "zero", "negative", "negative", "unsorted", "unsorted", "plain"])


def child213(n, g, depth):
    r = R.random()
    if depth < 3 and r < 0.1:
        return chain213(n, g, depth + 1)
    if depth < 3 and r < 0.2:
        return seq213(n, g, depth + 1)
    if r < 0.26:
        return R.choice(RISKY)(n, g)
    return gen(R.choice(CHAINABLE), n, g)


def chain213(n, g, depth):
    return "ChainedScheduler(%s)" % lst([child213(n, g, depth) for _ in range(R.randint(1, 3))])


def seq213(n, g, depth):
    kind = kind213()
    k = R.randint(2 if kind == "unsorted" else 1, 3)
    ms = ms213(n, k, kind)
    kids = [child213(n, g, depth) for _ in range(k + 1)]
    return "SequentialLR(schedulers=%s, milestones=%s)" % (lst(kids), lst(map(str, ms)))


def seq213_case():
    steps = R.randint(8, 70)
    g = R.choice([1, 1, 2, 3])
    spe = R.randint(2, 4) if maybe(0.25) else 1
    n = max(1, steps // spe)
    r = R.random()
    if r < 0.7:
        spec = seq213(n, g, 0)
    else:  # the SequentialLR inside a ChainedScheduler, before or after another child
        parts = [seq213(n, g, 1), child213(n, g, 2)]
        R.shuffle(parts)
        spec = "ChainedScheduler(%s)" % lst(parts)
    mom = "CyclicLR" in spec or "OneCycleLR" in spec or maybe(0.15)
    add("seq213", spec, steps, lrs_str(g), "", spe, mom)


def seq213_cases(count):
    S2 = lambda spec, steps=30, **kw: add("seq213", spec, steps, **kw)
    for ms in ["[0]", "[0, 5]", "[0, 0, 6]", "[-1]", "[-4, 3]", "[5, 0]", "[3, 0, 7]"]:
        k = ms.count(",") + 2
        kids = ["LinearLR(start_factor=0.25, total_iters=4)", "ExponentialLR(gamma=0.9)",
                "MultiplicativeLR(lr_lambda=lambda e: 0.8)", "StepLR(step_size=2, gamma=0.5)"][:k]
        S2("SequentialLR(schedulers=%s, milestones=%s)" % (lst(kids), ms), 20, lr="0.1,0.5")
    # rejected before 2.13 (lr_lambda(0) at the first step), accepted now; and the reverse
    S2("SequentialLR(schedulers=[ConstantLR(factor=0.5), MultiplicativeLR(lr_lambda=lambda e: 1 / e)], "
       "milestones=[0])", 20)
    S2("SequentialLR(schedulers=[ExponentialLR(gamma=0.9), ConstantLR(factor=0.0, total_iters=3)], "
       "milestones=[0])", 20)
    S2("SequentialLR(schedulers=[ExponentialLR(gamma=0.9), ChainedScheduler([StepLR(step_size=2), "
       "ConstantLR()])], milestones=[0])", 20)
    S2("ChainedScheduler([SequentialLR(schedulers=[LinearLR(total_iters=3), CyclicLR(base_lr=0.01, "
       "max_lr=0.1, step_size_up=3)], milestones=[0]), ExponentialLR(gamma=0.95)])", 30, mom=True)
    S2("SequentialLR(schedulers=[SequentialLR(schedulers=[ConstantLR(), StepLR(step_size=2)], "
       "milestones=[0]), OneCycleLR(max_lr=0.5, total_steps=30)], milestones=[0, 0])", 30, spe=2, mom=True)
    for _ in range(count):
        seq213_case()


def recompute(path, out_path):
    """Recomputes "expected" of every case of a JSON-lines file on this PyTorch."""
    lines, changed = [], 0
    with open(path) as fh:
        for line in fh:
            if not line.strip():
                continue
            case = json.loads(line)
            case["expected"] = expect(case)
            lines.append(json.dumps(case) + "\n")
            changed += lines[-1] != line
    with open(out_path, "w") as fh:
        fh.writelines(lines)
    sys.stderr.write("recomputed %d cases (%d changed) to %s\n" % (len(lines), changed, out_path))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                  "pytorch-cases.jsonl"))
    ap.add_argument("--seed", type=int, default=20260521,
                    help="random seed of the random cases (the committed goldens use the default)")
    ap.add_argument("--seq213-seed", type=int, default=SEQ213_SEED,
                    help="seed of the family of the 2.13 SequentialLR change")
    ap.add_argument("--seq213-count", type=int, default=SEQ213_COUNT,
                    help="random cases of that family")
    ap.add_argument("--only", choices=["older", "seq213"],
                    help="generate only the families before the 2.13 change, or only that family")
    ap.add_argument("--recompute", metavar="FILE",
                    help="recompute the expected values of the cases of FILE into --out")
    args = ap.parse_args()
    check_torch()
    if args.recompute:
        recompute(args.recompute, args.out)
        return
    out_path = args.out
    R.seed(args.seed)
    if args.only != "seq213":
        for part in (defaults, randoms, edges, positional, compositions, errors, longs):
            part()
    if args.only != "older":
        R.seed(args.seq213_seed)
        seq213_cases(args.seq213_count)
    counts, dropped, lines = collections.Counter(), 0, []
    for c in CASES:
        res = expect(c)
        vals = [v for key in ("lr", "momentum") for row in res.get(key, []) for v in row]
        if not all(math.isfinite(v) for v in vals):
            dropped += 1
            continue
        top = c["spec"].split("(")[0]
        counts[(top, c["cat"])] += 1
        name = "%s-%s-%03d" % (top, c["cat"], counts[(top, c["cat"])])
        case = {"name": name, **{k: v for k, v in c.items() if k != "cat"}, "expected": res}
        lines.append(json.dumps(case) + "\n")
    with open(out_path, "w") as fh:
        fh.writelines(lines)
    errs = sum('"expected": {"error"' in ln for ln in lines)
    sys.stderr.write("wrote %d cases (%d errors, %d non-finite dropped) to %s\n"
                     % (len(lines), errs, dropped, out_path))


if __name__ == "__main__":
    main()
