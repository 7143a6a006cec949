"""Sectorplan: the 2015 SW sector-plan scheme from budget to final report."""

__version__ = "0.1.0"
