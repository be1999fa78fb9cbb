"""Learning about the plant: what a click picks, the info card's words and figures, and the
Explain-the-plant path."""
