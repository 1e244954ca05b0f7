"""MkDocs hooks: a few lines per event, forwarding to congkhai.mkdocs_adapter.

No state lives here: MkDocs does not reload hooks under ``mkdocs serve``; the adapter keeps
the build's state on the config object, which is new for every build (and, while serving,
what each published page was made from: congkhai/rendercache.py).
"""

from congkhai import mkdocs_adapter as adapter

on_startup = adapter.on_startup
on_config = adapter.on_config
on_files = adapter.on_files
on_nav = adapter.on_nav
on_env = adapter.on_env
on_page_markdown = adapter.on_page_markdown
on_page_content = adapter.on_page_content
on_post_build = adapter.on_post_build
on_build_error = adapter.on_build_error
