#!/usr/bin/env python3
"""Writes the 150-case lr-curve --batch input of src/jmh/README.md ("Python float repr").

150 JSON lines, 15 schedules cycled, 6667 updates each with one parameter group: 1,000,050
printed learning rates, so that the batch's time is mostly printing. Usage:

    python3 src/jmh/python/repr_batch_cases.py > /tmp/repr-batch.jsonl
    time java -jar tools/target/lr-curve.jar --batch < /tmp/repr-batch.jsonl > /tmp/out.jsonl
"""
import json
import sys

STEPS = 6667
SPECS = [
    "StepLR(step_size=300, gamma=0.5)",
    "MultiStepLR(milestones=[1000, 3000, 5000], gamma=0.3)",
    "ExponentialLR(gamma=0.999)",
    "CosineAnnealingLR(T_max=6667, eta_min=1e-5)",
    "CosineAnnealingWarmRestarts(T_0=50, T_mult=2, eta_min=0.001)",
    "CyclicLR(base_lr=0.001, max_lr=0.1, step_size_up=200)",
    "OneCycleLR(max_lr=0.1, total_steps=6667)",
    "PolynomialLR(total_iters=6000, power=2.0)",
    "LinearLR(start_factor=0.25, total_iters=4000)",
    "ConstantLR(factor=0.5, total_iters=3000)",
    "LambdaLR(lr_lambda=lambda epoch: 0.9995 ** epoch)",
    "MultiplicativeLR(lr_lambda=lambda epoch: 0.9995)",
    "SequentialLR(schedulers=[LinearLR(start_factor=0.1, total_iters=500),"
    " CosineAnnealingLR(T_max=6167)], milestones=[500])",
    "ChainedScheduler([ConstantLR(factor=0.5, total_iters=400), ExponentialLR(gamma=0.9995)])",
    "ReduceLROnPlateau(patience=2)",
]

for i in range(150):
    case = {"spec": SPECS[i % len(SPECS)], "steps": STEPS, "lr": "0.1"}
    if case["spec"].startswith("ReduceLROnPlateau"):
        case["metrics"] = "1.0,0.9,0.9,0.9,0.9,0.85,0.85,0.85,0.85,0.5"
    sys.stdout.write(json.dumps(case) + "\n")
