"""The tour: route files and their checks, the shuttle's motion (shuttle), the tour cameras, the
test ride, what each stop shows, the guide's rehearsal and notes, and video plans."""
