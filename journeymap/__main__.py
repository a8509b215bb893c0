"""``python -m journeymap``: the command line."""

from journeymap.cli.console import run

if __name__ == "__main__":
    run()
