"""The game in the terminal: a Textual app that shows a `Round` and never scores it.

`trivia.tui.app.create_app` builds the app (packs, seed, clock and save dir injectable for
tests); `trivia.tui.app.main_tui` is what the command line calls.
"""
