import sys

from benchmarks.runner import main

raise SystemExit(main(sys.argv[1:]))
