"""The pack preview's old address: `trivia.tui.apps.preview` holds it now."""

from __future__ import annotations

from trivia.tui.apps.preview import PreviewApp, PreviewStatus, main_preview, split_target

__all__ = ["PreviewApp", "PreviewStatus", "main_preview", "split_target"]
