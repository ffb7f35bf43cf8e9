"""The registry procedure end to end: filing, review, listing, publication, renewal.

:class:`Registry` is the one service with side effects; everything it decides
comes from the pure core (schema, rules, workflow engine).
"""

from coworkreg_core.registry.sampling import SampleDraw, draw_sample
from coworkreg_core.registry.service import Registry, WorkItem

__all__ = ["Registry", "SampleDraw", "WorkItem", "draw_sample"]
