#!/usr/bin/env python3
"""Time PyTorch's scheduler.step(): microseconds per call, for every scheduler.

Run from the repository root with a PyTorch 2.x:

    /tmp/t213/bin/python src/jmh/python/torch_step_cost.py

or let the benchmark run it beside the JMH runs, on the same specs (see src/jmh/README.md):

    java -jar target/benchmarks.jar --quick --torch /tmp/t213/bin/python

Each scheduler drives one SGD optimizer (momentum 0.9, lr 0.1) holding 6 parameter tensors in
one parameter group, as the JMH access pattern asks for the rates of 6 parameters. Only
scheduler.step() is timed (optimizer.step() is called once before, so PyTorch does not warn);
ReduceLROnPlateau gets the same slowly falling noisy loss as the JMH run, one value per step.
CyclicLR and OneCycleLR also write the momentum in that step, as PyTorch does by default.

Options: --specs FILE  "name<TAB>spec" lines to time instead of the built-in ones ("-": stdin;
                       the benchmark passes its own so both sides time the same schedules)
         --number N    steps per timed round (default 20000)
         --repeat R    timed rounds (default 7, after one untimed round)
Prints a comment line with the versions, then "name<TAB>median_us<TAB>min_us<TAB>cpu_us" per
scheduler: the median and the least, over the rounds, of the mean wall time per
scheduler.step() call, and the median of the thread's CPU time per call (time.thread_time:
on a machine shared with other jobs it leaves out the time others held the core). The Python
loop around the call, about 0.03 us, is included.
"""
import argparse, math, platform, random, re, statistics, sys, time, warnings
import torch
from torch.optim import lr_scheduler as S

warnings.filterwarnings("ignore")
NAMES = ["LambdaLR", "MultiplicativeLR", "StepLR", "MultiStepLR", "ConstantLR", "LinearLR",
         "ExponentialLR", "SequentialLR", "PolynomialLR", "CosineAnnealingLR", "ChainedScheduler",
         "ReduceLROnPlateau", "CyclicLR", "CosineAnnealingWarmRestarts", "OneCycleLR"]

# The same schedules as src/jmh/java/io/github/lrschedulers/jmh/Shapes.java (SPECS).
SPECS = [
    ("LambdaLR", "LambdaLR(lr_lambda=lambda e: 1 / (1 + e / 1000))"),
    ("MultiplicativeLR", "MultiplicativeLR(lr_lambda=lambda e: 0.99999)"),
    ("StepLR", "StepLR(step_size=1000, gamma=0.9)"),
    ("MultiStepLR", "MultiStepLR(milestones=[100000, 1000000, 5000000], gamma=0.1)"),
    ("ConstantLR", "ConstantLR(factor=0.5, total_iters=1000)"),
    ("LinearLR", "LinearLR(start_factor=0.01, total_iters=10000)"),
    ("ExponentialLR", "ExponentialLR(gamma=0.99999)"),
    ("SequentialLR", "SequentialLR(schedulers=[LinearLR(start_factor=0.01, total_iters=1000),"
                     " CosineAnnealingLR(T_max=100000)], milestones=[1000])"),
    ("PolynomialLR", "PolynomialLR(total_iters=1000000, power=2.0)"),
    ("CosineAnnealingLR", "CosineAnnealingLR(T_max=100000)"),
    ("ChainedScheduler", "ChainedScheduler([ConstantLR(factor=0.5, total_iters=1000),"
                         " ExponentialLR(gamma=0.99999)])"),
    ("ReduceLROnPlateau", "ReduceLROnPlateau(patience=5, cooldown=2)"),
    ("CyclicLR", "CyclicLR(base_lr=0.001, max_lr=0.1, step_size_up=2000)"),
    ("CosineAnnealingWarmRestarts", "CosineAnnealingWarmRestarts(T_0=1000, T_mult=2)"),
    ("OneCycleLR", "OneCycleLR(max_lr=0.1, total_steps=2000000000)"),
]


def build(spec, opt):
    # as src/test/resources/golden/generate_goldens.py: the optimizer goes first in every
    # scheduler but ChainedScheduler
    py = re.sub(r"\b(" + "|".join(n for n in NAMES if n != "ChainedScheduler") + r")\(\s*",
                lambda m: m.group(1) + "(opt, ", spec)
    py = py.replace("(opt, )", "(opt)")
    env = {n: getattr(S, n) for n in NAMES}
    env.update(opt=opt, inf=float("inf"), math=math, min=min, max=max, abs=abs, float=float, int=int)
    return eval(py, {"__builtins__": {}, **env}, env)


def read_specs(path):
    f = sys.stdin if path == "-" else open(path, encoding="utf-8")
    with f:
        specs = []
        for line in f:
            line = line.rstrip("\n")
            if line.strip():
                name, spec = line.split("\t", 1)
                specs.append((name, spec))
        return specs


def per_call_us(spec, number, repeat):
    params = [torch.zeros(4, requires_grad=True) for _ in range(6)]
    opt = torch.optim.SGD(params, lr=0.1, momentum=0.9)
    sched = build(spec, opt)
    opt.step()  # so scheduler.step() does not warn about the order of the two
    step = sched.step
    rounds, cpu = [], []
    if isinstance(sched, S.ReduceLROnPlateau):
        # The loss of the JMH run: slowly falling with noise, so plateaus and reductions happen.
        rng = random.Random(42)
        n = number * (repeat + 1)
        metrics = [1.0 / (1 + i / 5000.0) + 0.01 * rng.random() for i in range(n)]
        for r in range(repeat + 1):
            chunk = metrics[r * number:(r + 1) * number]
            c0, t0 = time.thread_time(), time.perf_counter()
            for m in chunk:
                step(m)
            rounds.append(time.perf_counter() - t0)
            cpu.append(time.thread_time() - c0)
    else:
        loop = range(number)
        for _ in range(repeat + 1):
            c0, t0 = time.thread_time(), time.perf_counter()
            for _ in loop:
                step()
            rounds.append(time.perf_counter() - t0)
            cpu.append(time.thread_time() - c0)
    us = [t / number * 1e6 for t in rounds[1:]]  # the first round warms up
    cpu_us = [t / number * 1e6 for t in cpu[1:]]
    return statistics.median(us), min(us), statistics.median(cpu_us)


def main():
    ap = argparse.ArgumentParser(description="microseconds per PyTorch scheduler.step() call")
    ap.add_argument("--specs", help='"name<TAB>spec" lines ("-": stdin)')
    ap.add_argument("--number", type=int, default=20000)
    ap.add_argument("--repeat", type=int, default=7)
    a = ap.parse_args()
    specs = read_specs(a.specs) if a.specs else SPECS
    torch.set_num_threads(1)
    print("# torch %s, Python %s, %s; 6 parameters in one group, %d steps x %d rounds"
          % (torch.__version__, platform.python_version(), platform.machine(), a.number, a.repeat))
    for name, spec in specs:
        median, least, cpu = per_call_us(spec, a.number, a.repeat)
        print("%s\t%.3f\t%.3f\t%.3f" % (name, median, least, cpu), flush=True)


if __name__ == "__main__":
    main()
