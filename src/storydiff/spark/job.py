"""spark-submit's entry point: the ``storydiff spark`` command, in the session spark-submit made::

    spark-submit --master yarn …/site-packages/storydiff/spark/job.py INPUT… OUTPUT [--partitions N]

It takes the options of ``storydiff spark --help`` (``--master`` is spark-submit's then). Run as a
script, so it imports storydiff absolutely; ``python -m storydiff.spark`` runs the same.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> None:
    from storydiff.cli import spark_cli

    spark_cli.main(args=list(sys.argv[1:] if argv is None else argv), prog_name="storydiff spark")


if __name__ == "__main__":
    main()
