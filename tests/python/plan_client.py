"""Setting up a plan (docs/plans.md) over libca, shared by the plan and run-file tests."""
from epics import caput


def plan_motor(prefix, n, name, start=0.0, stop=0.0, num=1):
    """Motor slot n of the plan PVs $(prefix)Plan:M<n>: the motor $(prefix)<name>, its start, stop and points."""
    plan = prefix + "Plan:"
    caput(plan + f"M{n}:Name", prefix + name, wait=True)
    caput(plan + f"M{n}:Start", start, wait=True)
    caput(plan + f"M{n}:Stop", stop, wait=True)
    caput(plan + f"M{n}:Num", num, wait=True)
