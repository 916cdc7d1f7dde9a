"""Dialogs: modal screens over the game (`ModalScreen[T]`) that return the player's answer
through `dismiss` (confirm, resume, settings, profiles, score correction, help)."""
