"""Fan Trivia's apps: the game (`game`), the party host (`party`), the projector display
(`display`) and the pack preview (`preview`), with the game's parts (`rounds`,
`party_hosting`). They build on `trivia.tui.app_base.TriviaAppBase`."""
