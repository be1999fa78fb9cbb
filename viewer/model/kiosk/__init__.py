"""The unattended hall screen: the kiosk loop's program, synchronised clocks, opening hours,
playlists and video-wall tiles."""
