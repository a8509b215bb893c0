"""The ``journeymap`` command line: the only code that prints and chooses exit statuses. main holds the
group and the small commands; outputs (render, brief), diff, build have their own modules; common
and versions are what the commands share.
"""
