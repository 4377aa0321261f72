"""Renderings of extractions: JSON Lines for the scorer, a terminal summary, CSV and graphs later."""
