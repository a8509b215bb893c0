"""Templates of the live preview (``journeymap serve``)."""
