"""Write the generated parts of the documentation into ``docs/_generated/``.

Files are rewritten only when their text changes, so an unchanged build stays
incremental.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import api_pages
import schema_tables

from coworkreg_core import Towns, get_plugin_manager
from coworkreg_core.workflow import to_mermaid, workflow_for_town


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def workflow_diagram(town: str = "seregno") -> str:
    """The Mermaid state diagram of ``town``'s procedure, in English."""
    towns = Towns.from_plugins(get_plugin_manager())
    return to_mermaid(workflow_for_town(towns, town), "en")


SCRIPTS = Path(__file__).resolve().parents[2] / "examples" / "scripts"


def script_outputs(scripts: list[Path]) -> dict[Path, str]:
    """What each example script prints, run side by side; one that fails stops the build."""
    running = {
        script: subprocess.Popen(
            [sys.executable, str(script)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for script in scripts
    }
    outputs = {}
    for script, process in running.items():
        stdout, stderr = process.communicate(timeout=300)
        if process.returncode != 0:
            raise RuntimeError(f"{script.name} failed:\n{stderr}")
        outputs[script] = stdout
    return outputs


def write_all(target: Path) -> None:
    """Every generated file under ``target``."""
    for name, page in schema_tables.all_pages().items():
        _write(target / "schemas" / f"{name}.md", page)
    _write(target / "workflow-seregno.mmd", workflow_diagram())
    for stem, page in api_pages.all_pages().items():
        _write(target / "api" / f"{stem}.md", page)
    for script, output in script_outputs(sorted(SCRIPTS.glob("*.py"))).items():
        _write(target / "output" / f"{script.stem}.txt", output)
