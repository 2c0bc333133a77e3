#!/usr/bin/env python3
"""Generate pytorch-long.jsonl: long-horizon golden curves (>= 10^5 updates) from real PyTorch.

Run (from the repository root) on real PyTorch 2.13, as generate_goldens.py (TORCH_LRS works
the same way; without it the installed torch must be 2.13):

    /tmp/t213/bin/python src/test/resources/golden/generate_long.py

It uses generate_goldens.py's harness (spec -> scheduler on torch.optim.SGD with momentum 0.9,
record, optimizer.step(), scheduler.step()) and keeps the file small: only every EVERY-th
update and the last one are written.

Each output line: {"name", "spec", "steps", "lr", "every", "momentum",
"expected": {"k": [sampled 0-based updates], "lr": [[lr per group] per sampled update],
"momentum": [...] (if asked)}}.
"""
import argparse, json, os, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate_goldens as G  # noqa: E402  (the harness; its main() does not run on import)

torch = G.torch
EVERY = 1000
STEPS = 100_000
CASES = [
    # (name, spec, steps, momentum)
    ("ExponentialLR", "ExponentialLR(gamma=0.9999)", STEPS, False),
    ("CosineAnnealingLR", "CosineAnnealingLR(T_max=1000)", STEPS, False),
    ("CosineAnnealingLR-eta", "CosineAnnealingLR(T_max=1000, eta_min=0.001)", STEPS, False),
    ("StepLR", "StepLR(step_size=1000, gamma=0.95)", STEPS, False),
    ("MultiplicativeLR", "MultiplicativeLR(lr_lambda=lambda e: 0.99995)", STEPS, False),
    ("MultiplicativeLR-varying",
     "MultiplicativeLR(lr_lambda=lambda e: 1.0001 if e % 2 == 0 else 0.9999)", STEPS, False),
    ("SequentialLR-warmup-cosine",
     "SequentialLR(schedulers=[LinearLR(start_factor=0.01, total_iters=1000), "
     "CosineAnnealingLR(T_max=99000, eta_min=1e-05)], milestones=[1000])", STEPS, False),
    ("PolynomialLR", "PolynomialLR(total_iters=100000, power=2.0)", STEPS, False),
    ("CyclicLR", "CyclicLR(base_lr=0.001, max_lr=0.1, step_size_up=2000)", STEPS, True),
    ("CyclicLR-exp-range",
     "CyclicLR(base_lr=0.001, max_lr=0.1, step_size_up=1500, step_size_down=2500, "
     "mode='exp_range', gamma=0.99999)", STEPS, True),
    ("OneCycleLR", "OneCycleLR(max_lr=0.1, total_steps=100000)", STEPS, True),
    ("CosineAnnealingWarmRestarts",
     "CosineAnnealingWarmRestarts(T_0=1000, T_mult=2, eta_min=0.0001)", STEPS, False),
]


def run(spec, steps, want_mom, lr=0.1):
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=lr, momentum=0.9)
    sched = G.build(spec, opt)
    ks, lrs, moms = [], [], []
    for k in range(steps):
        if k % EVERY == 0 or k == steps - 1:
            ks.append(k)
            lrs.append([float(g["lr"]) for g in opt.param_groups])
            if want_mom:
                moms.append([float(g["momentum"]) for g in opt.param_groups])
        opt.step()
        sched.step()
    res = {"k": ks, "lr": lrs}
    if want_mom:
        res["momentum"] = moms
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                  "pytorch-long.jsonl"))
    args = ap.parse_args()
    G.check_torch()
    lines = []
    for name, spec, steps, mom in CASES:
        t = time.time()
        res = run(spec, steps, mom)
        case = {"name": "long-" + name, "spec": spec, "steps": steps, "lr": "0.1",
                "every": EVERY, "momentum": mom, "expected": res}
        lines.append(json.dumps(case) + "\n")
        sys.stderr.write("%s: %d steps in %.1f s\n" % (name, steps, time.time() - t))
    with open(args.out, "w") as fh:
        fh.writelines(lines)
    sys.stderr.write("wrote %d cases to %s\n" % (len(lines), args.out))


if __name__ == "__main__":
    main()
