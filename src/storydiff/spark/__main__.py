"""``python -m storydiff.spark INPUT… OUTPUT``: the same as ``storydiff spark``."""

from storydiff.spark.job import main

main()
