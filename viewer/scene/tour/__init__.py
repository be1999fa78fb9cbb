"""The tour drawn: the route, stop posts and shuttle (tour_scene), captions and tour videos."""
