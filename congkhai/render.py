"""Jinja2 environment for the content of generated pages (display only, autoescaped).

The theme (mkdocs-material) renders the frame around it; this environment renders the
part that is ours from a page context, so it can be tested without MkDocs.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2


@cache
def make_env(template_dir: Path) -> jinja2.Environment:
    """``template_dir`` is ``overrides/congkhai`` of the project. One environment per folder
    and process: under ``mkdocs serve`` each rebuild reuses the compiled templates (Jinja's
    ``auto_reload`` recompiles a template whose file changed)."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_dir)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=True,
    )


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in the process, keyed by Jinja on name and source checksum
    (an edited template compiles anew): the theme's environment is new for every build."""

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._store.clear()


def render(env: jinja2.Environment, template: str, ctx: Any) -> str:
    return env.get_template(template).render(ctx=ctx)
