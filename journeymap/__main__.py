"""``python -m journeymap``: the command line."""

from journeymap.cli.main import main

if __name__ == "__main__":
    main()
