"""The ordered steps of `load_demo`. Each demo module contributes its part with `@step(order, label)`;
the command runs them in order. Steps are idempotent: a second run only fills gaps.

Orders used today (leave room between them for a new app):
  10 sites and roles   20 site identity and utility pages   30 staff   40 articles
  50 cases   51 polls   52 solicitations   53 specials   54 volunteers   55 forum and message board
  56 interviews   57 OA paper flow   58 信息精灵 (notify)   59 两会议案与督办   60 home page blocks
  61 会议通知
A new app adds its module to demo/ and to DemoConfig.ready, and registers its steps here."""

from dataclasses import dataclass, field


@dataclass
class DemoContext:
    """What the steps share: the two home pages (set by the first step) and the lines to print."""

    public_home: object = None
    intranet_home: object = None
    log: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Step:
    order: int
    label: str
    run: object


_steps: dict[str, Step] = {}


def step(order, label):
    """Register the decorated function `run(context)` as a demo step; registering the same
    function again (a module imported twice) replaces it rather than running it twice."""

    def register(run):
        key = f"{run.__module__}.{run.__qualname__}"
        _steps[key] = Step(order, label, run)
        return run

    return register


def steps():
    return sorted(_steps.values(), key=lambda s: (s.order, s.label))
