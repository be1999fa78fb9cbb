"""Kiosk mode for exhibition-hall screens: the mode, hall and wall kiosks, their log, the health
server and the supervisor that restarts them."""
