"""`python -m trivia` runs the command line."""

from trivia.cli import main

raise SystemExit(main())
