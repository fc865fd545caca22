"""Renderers: pure functions from result objects to text; no logic about the record."""
