"""What moves, as a pure function of time: the whole plant's state (simulation), robots and
their programs, presses and die casting, product flows through the lines, AGVs, people and
forklifts, the paint robots' rails and the test track's traffic."""
