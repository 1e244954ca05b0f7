"""Jinja2 environment for the content of generated pages (display only, autoescaped).

The theme (mkdocs-material) renders the frame around it; this environment renders the
part that is ours from a page context, so it can be tested without MkDocs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2


def make_env(template_dir: Path) -> jinja2.Environment:
    """``template_dir`` is ``overrides/congkhai`` of the project."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_dir)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(env: jinja2.Environment, template: str, ctx: Any) -> str:
    return env.get_template(template).render(ctx=ctx)
