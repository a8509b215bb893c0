"""The project file's names and default bounds: what finding and applying it needs without its models.

Kept apart from :mod:`journeymap.journey.projectformat` (pydantic) so that loading a valid journey
under a project file does not pay for importing pydantic.
"""

PROJECT_FILE_NAMES = ("journeymap.yaml", "journeymap.yml")
DEFAULT_MIN_MOMENTS = 10  #: fewer moments of truth across a portfolio gives W115
DEFAULT_MAX_MOMENTS = 20  #: more gives W115
