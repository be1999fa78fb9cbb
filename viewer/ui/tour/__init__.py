"""Tour guides' tools: the tour controller and dock, rehearsal, saving routes, the printable
script, the minimap and plan, and video export."""
