"""Educators' tools: click to learn, the info card and its figures, the Explain-the-plant panel."""
