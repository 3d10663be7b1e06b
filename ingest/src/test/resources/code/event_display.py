"""Event display helpers for the TPC.

Usage::

    def not_a_function():   # inside the module docstring
        pass
"""
from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Callable, Final

try:
    import numba
    HAVE_NUMBA = True
except ImportError:  # pragma: no cover
    HAVE_NUMBA = False

DRIFT_VELOCITY: Final[float] = 0.0675  # cm/us
to_pe = lambda area, gain=1.0: area / gain
LABELS = {
    "s1": "S1",

    "s2": "S2",
}
TEMPLATE = '''
class Ghost:
    def haunt(self): ...
'''


@dataclass(frozen=True)
class Hit:
    """One PMT hit."""
    channel: int
    time: int
    area: float = 0.0
    tags: list[str] = field(default_factory=list)

    class Meta:
        unit = "PE"

        def describe(self) -> str:
            return f"unit {self.unit}"

    @property
    def end(self) -> int:
        return self.time + 10


def select(hits: list[Hit],
           keep: Callable[[Hit], bool] = lambda h: h.area > 0,
           ) -> list[Hit]:
    # A comment inside the body, before the docstring-less code.
    kept = [h for h in hits
            if keep(h)]

    return kept
    # trailing note about select


async def stream_hits(source, *, batch: int = 100):
    async for chunk in source:
        yield chunk[:batch]


class Display:
    def __init__(self, hits):
        self.hits = hits

    def render(self, title="""def fake():
    pass"""):
        def panel(ax):
            return ax.plot(self.hits)
        return panel

    async def refresh(self): await asyncio.sleep(0)


if __name__ == "__main__":
    def main():
        print(select([Hit(0, 0, 1.0)]))

    main()
