"""``python -m congkhai``: the ``congkhai`` command without the console script."""

from congkhai.cli import main

main()
