"""Package list for setuptools (everything else is in pyproject.toml).

The rule data stays in the top-level ``rules/`` folder, where editors change it, and ships
inside the package as ``checker._rules`` (``package-dir`` in pyproject.toml maps one to the
other). ``find_packages`` cannot see a package that lives outside ``checker/``, so it is added
here.
"""

from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["checker", "checker.*"]), "checker._rules"])
