"""``journeymap build``: every output of many journeys, incremental and parallel (build), and the
build folder's index page (index).
"""
