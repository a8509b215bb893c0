"""journeymap: journey maps as code.

A journey is a declarative YAML file (stages, touch-points, the departments that own them,
reliability ratings, moments of truth). journeymap checks it and compiles it into swimlane
maps, briefings and exports. The pipeline, one module per step::

    reader -> validate -> model -> analysis/checks -> grid -> dot -> graphviz -> briefing -> pdf
"""

__version__ = "0.1.0"
FORMAT_VERSION = 1
