"""checker: content linting and fact-consistency checking for health-clinic articles."""

__version__ = "0.1.0"
