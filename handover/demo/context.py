"""What the demo made so far, handed from step to step (the cases, then the reviewer pool and the panel drawn)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class DemoContext:
    """What the demo made, for later steps (e.g. the reviewer pool and a drawn panel for the complete case)."""

    complete_case: int = 0
    half_case: int = 0
    lines: list[str] = field(default_factory=list)
