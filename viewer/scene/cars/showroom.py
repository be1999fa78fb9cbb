"""The lobby sculpture on screen: the Möbius strip, the SU7 on it, and the mirrored ceiling.

VTK has no planar reflections, so the mirror is a reflected copy of what hangs below it (the
strip, the car, the lobby floor), drawn above a translucent, shiny ceiling. The copies' faces are
turned back the right way round after the reflection (a reflection reverses the winding, which
would light them from inside, black). The copies only show while the camera is in the lobby,
under the ceiling; from outside or above they would stand over the roof, and the ceiling is then
an opaque sheet. On Medium and High the paint and the strip are physically based, lit by an
environment made in code (:mod:`viewer.scene.cars.environment`). On every preset the strip's
points carry the lobby's light all round it (:func:`~viewer.model.cars.sculpture.band_shade`:
the plant's lights shine from above, and its underside was one flat grey), and its single edge
is a lit bead, lighter than the band, that crosses over where the band turns.

Examples
--------
>>> import pyvista as pv
>>> from viewer.model.plant.layout import load_plant
>>> plant = load_plant()
>>> plotter = pv.Plotter(off_screen=True, window_size=(320, 180))
>>> showroom = ShowroomScene(plotter, plant)
>>> len(showroom.reflected) > 3
True
>>> plotter.close()
"""

from __future__ import annotations

import numpy as np
import pyvista as pv
from vtkmodules.vtkCommonMath import vtkMatrix4x4
from vtkmodules.vtkRenderingCore import vtkPolyDataMapper

from viewer.model.cars.car import SU7, SU7_COLORS, head_lamps_mesh
from viewer.model.cars.sculpture import (
    Sculpture,
    band_shade,
    car_pose,
    edge_mesh,
    hanging_point,
    mobius_mesh,
    mobius_normals,
    turn_angle,
)
from viewer.model.plant.layout import Plant
from viewer.model.plant.tech_showroom import exhibit_pieces, moved, ring_sector
from viewer.scene import shapes
from viewer.scene.cars.car_model_look import add_car_model
from viewer.scene.cars.environment import use_environment
from viewer.scene.instancing import closed_outward, shaded_normals
from viewer.scene.kiosk.tiling import tiling_of
from viewer.scene.level_of_detail import LevelOfDetail, sphere_in_view
from viewer.scene.palette import FLOORS

STRIP_COLOR = (0.93, 0.94, 0.95)
EDGE_COLOR = (0.97, 0.98, 1.0)  # the band's single edge: a polished bead that catches the light
# all round, a bright line along both rims of the band that crosses over where it turns
EDGE_PLAIN = (0.25, 30.0, 0.2, 0.78)  # its Phong specular, power, diffuse and ambient (all presets)
RIMS = (0.46, 0.48, 0.52)  # dark silver: lit from below they read as wheels, not white plates
STRIP_ROUGHNESS = 0.45  # brushed: the lights spread into soft sheens, no blown-out spots
MIRROR_OPAQUE = (0.84, 0.85, 0.88)  # the ceiling seen from outside the lobby: a plain sheet
MIRROR_COLOR = (0.09, 0.10, 0.12)  # a smoked mirror: what it shows, darkened towards graphite
MIRROR_OPACITY = 0.42  # ... by this share: the reflected lobby a mid grey (a silvered, light
# sheen over a light floor read as a plain pale ceiling), against which the strip's copy shines
# light and the car's keeps its blue
MIRROR_SHEEN_CODE = f"""
//VTK::Light::Impl
fragOutput0.rgb = mix(clamp(fragOutput0.rgb, 0.0, 1.0), vec3{MIRROR_COLOR}, {MIRROR_OPACITY});
"""  # what the mirror's silvered sheen does to what is seen in it
SUN_MAP_DEPTH = "gl_FragData[0].r = exp(depthC * ldepth);"  # what VTK's shadow-map baker
# writes for each fragment of an occluder (vtkShadowMapBakerPass): the mirror's world and the
# copies in it discard theirs, so they cast no shadow on the real lobby
MIRROR_JOINTS = (0.55, 0.58, 0.63)  # the joints between the ceiling's panels and its frame
MIRROR_PANEL_M = 6.0  # about how wide a ceiling panel is
MIRROR_FRAME_M = 0.8  # the darker frame round the ceiling's edge
MIRROR_WALL_INSET = 0.6  # m the glazing's copy in the mirror stands inside the real glazing
REFLECTED_WALLS = (
    0.86,
    0.88,
    0.90,
)  # the lobby's daylit glazing and frames in the mirror: pale grey,
# not sky blue, so the mirrored ceiling reads as one ceiling, not a slab floating in the sky
TAIL_LIGHT = (0.85, 0.05, 0.08)
HEAD_LAMPS = (0.95, 0.97, 1.0)  # the bright lamps inside the head lights' dark lenses
GLASS = (0.08, 0.11, 0.15)
TYRES = (0.06, 0.06, 0.07)
CABLES = (0.78, 0.80, 0.83)  # thin steel, light against the light lobby
NEAR_M = 90.0  # m from the sculpture: nearer, its metals are physically based (Medium, High)
MIRROR_SEGMENTS = 120  # sections round the strip's copy in the mirror (the strip has 240)
FAR_PIXELS = 60.0  # the sculpture's radius on screen (px) under which it is drawn coarse
STRIP_PLAIN = (0.4, 60.0, 0.3, 1.0)  # the strip's Phong specular, its power, diffuse and
# ambient (Low): the lobby's light all round (band_shade, in its points' colours) carried by
# the ambient term, the sun and fill light (both from above) by the diffuse one. With 0.6
# ambient and one colour the whole underside, seen from the lobby floor, was one flat grey (144
# of 255 on 55 % of the band): a ring, the half twist not legible
STRIP_PBR_DIFFUSE = 1.0  # physically based (High), VTK scales the points' colours by it
STRIP_SPOTLIT = (0.25, 10.0, 0.12, 0.8)  # ... under the spotlight (Medium: brushed, no hot
# spots; the spot lights the top, the lobby's light all round)
SPOT_INTENSITY = 0.62  # the spotlight under the ceiling on the sculpture (Medium, High)
SPOT_CONE = 45.0  # degrees from its axis to the edge of its cone
STRIP_SPOT_SHEEN = 0.4  # the spot's highlight on the strip, a share of the metal's own: the
# twisting band turns a broad face square to the lamp and the lobby at once (a full highlight
# burnt a hand's width of it out white)
SPOT_HEADROOM = 0.5  # m under the ceiling
SPOT_BACK = 6.0  # m south of the sculpture's centre, so the car's side facing the lobby is lit
SPOT_CODE = """
//VTK::Light::Impl
{ // the sculpture's spotlight, drawn here so that the rest of the plant keeps directional lights
  vec3 toSpot = normalize(spotPositionVC - vertexVC.xyz);
  float along = dot(-toSpot, spotDirectionVC);
  if (along > spotCosCone) {
    vec3 n = normalize(normalVCVSOutput);
    float lit = max(dot(n, toSpot), 0.0);
    vec3 h = normalize(toSpot - normalize(vertexVC.xyz));
    float shine = lit > 0.0 ? pow(max(dot(n, h), 0.0), spotShininess) : 0.0;
    fragOutput0.rgb += along * along * (spotDiffuse * lit + spotSpecular * shine);
  }
}
"""
CABLE_ANGLES = (100.0, 170.0, 300.0)  # degrees round the strip from the car (at 0): from the
# showroom view and the first stops no cable rises from behind the car's roof like an aerial


def _head_lamps() -> pv.PolyData:
    """The bright lamps inside the SU7's head lights (empty with a user's car model)."""
    if shapes.car_model_in_use():
        return pv.PolyData()
    return shapes.mesh_from_arrays(*head_lamps_mesh(SU7, "fine"))


def _matrix(values: np.ndarray) -> vtkMatrix4x4:
    matrix = vtkMatrix4x4()
    matrix.DeepCopy(values.ravel())
    return matrix


def _turn(center: np.ndarray, angle: float) -> np.ndarray:
    """4x4: a turn by ``angle`` about the vertical axis through ``center`` (x, y)."""
    c, s = np.cos(angle), np.sin(angle)
    m = np.eye(4)
    m[:2, :2] = [[c, -s], [s, c]]
    m[:2, 3] = center - m[:2, :2] @ center
    return m


def _place(position: np.ndarray, yaw: float) -> np.ndarray:
    """4x4: turn by ``yaw`` about z, then move to ``position``."""
    m = _turn(np.zeros(2), yaw)
    m[:3, 3] = position
    return m


def _reflect(height: float) -> np.ndarray:
    """4x4: the mirror image in the horizontal plane at ``height``."""
    m = np.eye(4)
    m[2, 2] = -1.0
    m[2, 3] = 2.0 * height
    return m


def _mirrored(mesh: pv.PolyData, height: float) -> pv.PolyData:
    """``mesh`` reflected in the plane z = ``height``, lit as the original is.

    The points are reflected and the triangles turned back the right way round, but each point
    keeps the original's normal: a mirror shows the lit side of what it reflects.
    """
    if "Normals" in mesh.point_data:  # already smoothed by the caller
        original = mesh
    else:
        original = mesh.compute_normals(auto_orient_normals=False, split_vertices=False)
    copy = original.copy()
    copy.points[:, 2] = 2.0 * height - copy.points[:, 2]
    faces = copy.faces.reshape(-1, 4)
    copy.faces = np.column_stack([faces[:, 0], faces[:, 1], faces[:, 3], faces[:, 2]]).ravel()
    copy.point_data["Normals"] = original.point_data["Normals"]
    copy.point_data.active_normals_name = "Normals"
    return copy


class ShowroomScene:
    """The sculpture, its car and the mirror, on a plotter showing the plant."""

    def __init__(self, plotter: pv.BasePlotter, plant: Plant) -> None:
        assert plant.sculpture is not None
        self.plotter = plotter
        self.sculpture: Sculpture = plant.sculpture
        s = self.sculpture
        room = next(r for b in plant.buildings for r in b.rooms if r.id == s.room)
        self.room = room
        # the band's rounded rims lie inside the edge's tube (edge_mesh): three points round
        # each are enough (4,800 triangles where 7,680 were drawn; the same picture, its flat
        # sides' normals as before; with fewer the sides' shading bends towards the rims)
        strip = self._strip(segments=240, corner=3)
        # its copy in the mirror, seen through the ceiling's sheen: half the sections
        strip_copy = self._strip(segments=MIRROR_SEGMENTS, corner=3)
        self.turning: list[tuple[pv.Actor, bool]] = []  # (actor, is the car)
        self.reflected: list[pv.Actor] = []
        self.strip_actors = self._add(
            strip,
            STRIP_COLOR,
            False,
            closed=True,
            specular=STRIP_PLAIN[0],
            specular_power=STRIP_PLAIN[1],
            diffuse=STRIP_PLAIN[2],
            ambient=STRIP_PLAIN[3],
            copy=strip_copy,
        )
        # the single edge, a rolled bead round the band's rim in the band's own metal (a dark
        # one outlined the band like a saucer's rim from the lobby floor)
        edge_points, edge_faces = edge_mesh(s, segments=120, sides=5)  # 2,400 triangles
        edge = shapes.mesh_from_arrays(edge_points + [*s.center, 0.0], edge_faces)
        copy_points, copy_faces = edge_mesh(s, segments=MIRROR_SEGMENTS // 2, sides=4)
        edge_copy = shapes.mesh_from_arrays(copy_points + [*s.center, 0.0], copy_faces)
        self.edge_actors = self._add(
            edge,
            EDGE_COLOR,
            False,
            closed=True,
            specular=EDGE_PLAIN[0],
            specular_power=EDGE_PLAIN[1],
            diffuse=EDGE_PLAIN[2],
            ambient=EDGE_PLAIN[3],
            copy=edge_copy,
        )
        self.band_actors = [*self.strip_actors, *self.edge_actors]  # the band and its bead
        self.paint_actors: list[pv.Actor] = []
        self.lamp_actors: list[pv.Actor] = []  # the head lights' bright lamps (and their copy)
        lamps = _head_lamps()
        for mesh, color, specular in (
            (shapes.car_body_fine(), SU7_COLORS[s.car_color], 1.0),
            (shapes.car_glass_fine(), GLASS, 1.0),
            (shapes.car_wheels(), TYRES, 0.2),
            (shapes.car_rims(), RIMS, 0.9),
            (shapes.car_tail_light(), TAIL_LIGHT, 0.6),
            (lamps, HEAD_LAMPS, 0.6),
        ):
            if mesh.n_cells:  # a user's car model has no separate glass, wheels or lights
                added = self._add(
                    mesh,
                    color,
                    True,
                    closed=not shapes.car_model_in_use(),  # a user's model may be open
                    specular=specular,
                    specular_power=80,
                    diffuse=0.75,
                    ambient=0.55,  # Low's plain colours: the paint reads bright from below too
                )
                if mesh is shapes.car_body_fine():
                    self.paint_actors = added
                if mesh is lamps:
                    self.lamp_actors = added
        self.model_look = add_car_model(self._add, plotter.renderer)  # a user's --car-model
        self._add_hangers()
        self._add_mirror(room.footprint)
        self.light: pv.Light | None = None  # a spotlight only with a GPU (see set_quality)
        self.reflections = True
        self.high = False  # the quality asks for physically based looks
        self.metal = True  # ... the strip's too
        self.look_high: bool | None = None  # what is drawn now (near the lobby only)
        self.exhibits = self._add_exhibits(plant)
        originals = [actor for actor, _ in self.turning if actor not in self.reflected]
        self.far_actors = self._add_far()  # the sculpture while a few dozen pixels big
        self.cheap_copies = self._add_cheap_copies()  # Low's mirror
        for actor in self.reflected:  # what is seen in the mirror casts no real shadow
            actor.GetShaderProperty().AddFragmentShaderReplacement(
                SUN_MAP_DEPTH, False, "discard;", False
            )
        self.culled = [*originals, self.cables, *self.exhibits, *self.far_actors]
        reach = s.radius + SU7.length + s.height  # the strip, the car on it, the stand
        self._sculpture = (np.array([*s.center, s.height]), reach)
        self._spheres = [(self._sculpture, [*originals, self.cables])]
        self._spheres += [(_sphere(actor), [actor]) for actor in self.exhibits]
        # the strip's and the car's copies in the mirror, and the sphere round them
        self.copies = [
            actor
            for actor, _ in self.turning
            if actor in self.reflected and actor not in self.cheap_copies
        ]
        self.car_copies = [actor for actor, car in self.turning if car and actor in self.copies]
        self.cheap_car_copies = [a for a, car in self.turning if car and a in self.cheap_copies]
        across = float(np.hypot(s.radius + s.half_width, SU7.length / 2 + 0.5))
        up = s.half_width + s.thickness + SU7.height  # the band on edge, the car on its crest
        down = s.half_width + s.thickness  # the band on edge (the stand is not reflected)
        low, high = 2.0 * s.mirror_height - s.height - up, 2.0 * s.mirror_height - s.height + down
        self._copies_box = np.array(
            [(x, y, z) for x in (-across, across) for y in (-across, across) for z in (low, high)]
        ) + [*s.center, 0.0]
        self._draw_first()
        # before the car model's look, which follows the environment switched here
        self._observer = plotter.renderer.AddObserver("StartEvent", self._before_render, 1.0)
        self.set_time(0.0)

    # -- building -------------------------------------------------------------------------------
    def _strip(self, segments: int, corner: int) -> pv.PolyData:
        """The strip's mesh in the room, with its surface's own normals (smooth round the rims,
        flat across the faces; :func:`~viewer.model.cars.sculpture.mobius_normals`)."""
        s = self.sculpture
        points, faces = mobius_mesh(s, segments=segments, corner=corner)
        mesh = shapes.mesh_from_arrays(points + [*s.center, 0.0], faces)
        normals = mobius_normals(s, segments=segments, corner=corner)
        mesh.point_data["Normals"] = normals
        mesh.point_data.active_normals_name = "Normals"
        return _lobby_lit(mesh, band_shade(points, normals), STRIP_COLOR)

    def _add(
        self,
        mesh: pv.PolyData,
        color: tuple,
        is_car: bool,
        closed: bool = False,
        copy: pv.PolyData | None = None,
        **material: float,
    ) -> list[pv.Actor]:
        """One part and its reflection; returns both actors. ``closed``: the part's faces are
        wound outward and its inside is never seen (its back faces are not drawn). ``copy``: a
        coarser mesh of the part for its reflection (default: the part's own)."""
        added = []

        def smooth(mesh: pv.PolyData) -> pv.PolyData:
            if "Normals" in mesh.point_data:  # its own (the strip's)
                return mesh
            # smooth normals, split only at real edges (the wheel arches' lips, the tyres' faces)
            return mesh.compute_normals(
                auto_orient_normals=False, split_vertices=True, feature_angle=65.0
            )

        mesh = smooth(mesh)
        mirrored = _mirrored(mesh if copy is None else smooth(copy), 0.0)
        for source, reflected in ((mesh, False), (mirrored, True)):
            actor = self._actor(source, color=color, **material)
            prop = actor.GetProperty()
            prop.SetInterpolationToPhong()  # no facets: shaded per pixel
            if closed:  # a third less to fill on a software renderer: no hidden insides
                prop.BackfaceCullingOn()
            self.turning.append((actor, is_car))
            if reflected:
                actor.GetProperty().SetDiffuse(0.55)  # a mirror loses some light
                self.reflected.append(actor)
            added.append(actor)
        return added

    def _actor(self, mesh: pv.PolyData, **material: object) -> pv.Actor:
        """An actor drawing ``mesh`` in one colour with ``material`` (PyVista property names),
        on the plotter, not pickable (what ``add_mesh`` does here, at a quarter of its cost)."""
        mapper = vtkPolyDataMapper()
        mapper.SetInputData(mesh)
        mapper.ScalarVisibilityOff()
        if SHADED in mesh.point_data:  # the strip: lit all round by the lobby (_lobby_lit)
            mapper.ScalarVisibilityOn()
            mapper.SetScalarModeToUsePointFieldData()
            mapper.SelectColorArray(SHADED)
            mapper.SetColorModeToDirectScalars()
        actor = pv.Actor(mapper=mapper)
        for name, value in material.items():
            setattr(actor.prop, name, value)
        actor.SetPickable(False)
        self.plotter.add_actor(actor, reset_camera=False, pickable=False)
        return actor

    def _coarse_meshes(self) -> list[tuple[pv.PolyData, tuple, bool]]:
        """(mesh, colour, is the car) of the coarse strip (48 sections) and the line's far car
        body, with smooth normals: about a twentieth of the fine ones' triangles."""
        car = shapes.car_far().compute_normals(auto_orient_normals=False, feature_angle=65.0)
        return [
            (self._strip(segments=48, corner=1), STRIP_COLOR, False),
            (car, SU7_COLORS[self.sculpture.car_color], True),
        ]

    def _add_far(self) -> list[pv.Actor]:
        """The strip and the car as they are drawn while the sculpture is under
        :data:`FAR_PIXELS` on screen (from the plant's other halls, the overview): the coarse
        meshes (:meth:`_coarse_meshes`), which a software renderer pays for however small the
        sculpture is."""
        actors = []
        for mesh, color, is_car in self._coarse_meshes():
            actor = self._actor(mesh, color=color, diffuse=0.75, ambient=0.45, specular=0.3)
            actor.SetVisibility(False)
            self.turning.append((actor, is_car))
            actors.append(actor)
        return actors

    def _add_cheap_copies(self) -> list[pv.Actor]:
        """Low's mirror: the coarse strip (:meth:`_coarse_meshes`) and the line's car (its body,
        glass and far wheels; a user's model: its far body) reflected, in plain colours already
        mixed with the mirror's sheen. From the lobby floor the mirror shows the car's top: the
        far body (a block with a dark top) read as a blue tub, the line's body reads as the
        car. About 4,000 triangles where the fine copies have 20,000, drawn only while the
        mirror shows them (:meth:`_before_render`), and on Low kept in the still frame while
        the sculpture stands still."""
        pieces = []  # (mesh, colour, whether it rides with the car)
        for mesh, color, is_car in self._coarse_meshes():
            if is_car and not shapes.car_model_in_use():
                pieces += [
                    (shaded_normals(shapes.car_body()), color, True),
                    (shapes.car_glass(), GLASS, True),
                    (shapes.car_wheels_far(), TYRES, True),
                ]
            else:  # the strip, or a user's model's far body
                pieces.append((mesh, color, is_car))
        actors = []
        for mesh, color, is_car in pieces:
            if SHADED in mesh.point_data:  # the strip's shade, seen through the mirror's sheen
                shaded = mesh.point_data[SHADED] / 255.0
                mesh.point_data[SHADED] = _colors(_through_mirror_array(shaded))
            actor = self._actor(
                _mirrored(mesh, 0.0),
                color=_through_mirror(color),
                diffuse=0.55,
                ambient=0.45,
                specular=0.0,
            )
            actor.GetProperty().SetInterpolationToGouraud()
            if closed_outward(mesh):  # (a user's model may be open)
                actor.GetProperty().BackfaceCullingOn()  # closed, wound outward after the flip
            actor.SetVisibility(False)
            self.turning.append((actor, is_car))
            self.reflected.append(actor)
            actors.append(actor)
        return actors

    def _draw_first(self) -> None:
        """Draw the strip and the car before the rest of the plant: from the lobby they stand
        in front of most of it, and what they hide is then never shaded (the same picture,
        about a fifteenth less to fill on a software renderer)."""
        props = self.plotter.renderer.GetViewProps()
        for actor, _ in reversed(self.turning):
            if actor not in self.reflected and actor not in self.far_actors:
                props.RemoveItem(actor)
                props.InsertItem(-1, actor)  # to the front of the list

    def _add_hangers(self) -> None:
        """Three steel cables from the strip up to the ceiling, none behind the car as seen from
        the lobby floor (:data:`CABLE_ANGLES`)."""
        s = self.sculpture
        cables, ends = [], []
        for angle in np.radians(CABLE_ANGLES):
            x, y, z0 = hanging_point(s, angle) + [*s.center, 0.0]
            # 4 cm tubes, not GL lines, which shadow maps can't light
            cable = ring_sector((0.0, 0.02), s.mirror_height - z0, 6)
            points, faces = moved(cable, (x, y, (z0 + s.mirror_height) / 2), axis="z")
            cables.append((points, faces + len(points) * len(cables)))
            ends += [(x, y, z0), (x, y, s.mirror_height)]
        points = np.vstack([p for p, _ in cables] + [np.asarray(ends)])
        faces = np.vstack([f for _, f in cables])
        first = len(points) - len(ends)
        # each cable's middle line too: from across the lobby a tube is thinner than a pixel
        # and breaks up into dots; a line is drawn a pixel wide however far
        lines = np.column_stack(
            [
                np.full(len(ends) // 2, 2),
                np.arange(first, len(points), 2),
                np.arange(first + 1, len(points), 2),
            ]
        )
        tubes = pv.PolyData(
            points,
            faces=np.column_stack([np.full(len(faces), 3), faces]).ravel(),
            lines=lines.ravel(),
        )
        self.cables = self.plotter.add_mesh(
            tubes, color=CABLES, ambient=0.5, specular=0.6, reset_camera=False, pickable=False
        )

    def _add_mirror(self, footprint: np.ndarray) -> None:
        """The shiny ceiling over the whole lobby, its panel joints and frame, and the mirror's
        world above it: the reflected floor and the reflected glazing round it (a closed box, so
        from anywhere on the lobby floor the translucent ceiling shows no sky)."""
        s = self.sculpture
        (x0, y0), (x1, y1) = footprint.min(axis=0), footprint.max(axis=0)
        h = s.mirror_height

        def quads(corners: list[np.ndarray]) -> pv.PolyData:  # quads (4 corners each)
            points = np.vstack(corners).astype(float)
            starts = np.arange(0, len(points), 4)[:, None]
            faces = np.vstack([starts + [0, 2, 1], starts + [0, 3, 2]])
            return shapes.mesh_from_arrays(points, faces)

        def sheet(z: float) -> np.ndarray:  # the room's rectangle at height z
            return np.array([(x0, y0, z), (x1, y0, z), (x1, y1, z), (x0, y1, z)])

        # flat sheets: their shading is the same everywhere, so not lit (cheaper)
        self.mirror = self._actor(quads([sheet(h)]), color=MIRROR_OPAQUE, lighting=False)
        self.joints = self._actor(
            _ceiling_joints((x0, y0, x1, y1), h - 0.03), color=MIRROR_JOINTS, lighting=False
        )
        top = 2.0 * h - 0.02
        daylit = tuple(min(1.0, 1.12 * c) for c in FLOORS["hall"])  # the polished floor, sunlit
        floor = self._actor(quads([sheet(top)]), color=daylit, lighting=False)
        # the glazing's copy stands inside the real glazing and its mullions, which rise past
        # the mirror to the hall's roof: drawn where they stand, the real ones showed through
        corners = sheet(0.0) + np.array([[1, 1, 0], [-1, 1, 0], [-1, -1, 0], [1, -1, 0]]) * (
            MIRROR_WALL_INSET
        )
        walls = [
            np.array([(*a[:2], h), (*b[:2], h), (*b[:2], top), (*a[:2], top)])
            for a, b in zip(corners, np.roll(corners, -1, axis=0), strict=True)
        ]
        glazing = self._actor(quads(walls), color=REFLECTED_WALLS, lighting=False)
        self.reflected += [floor, glazing]
        self._room_copy = [(floor, daylit), (glazing, REFLECTED_WALLS)]
        self.sheen_drawn: bool | None = None  # the sheen in the mirror's world (_show_sheen)
        self.flat_lit = False  # the mirror's world lit by ambient light alone (_flat_lit)

    def _add_light(self) -> None:
        """A spotlight under the ceiling on the sculpture and its car. It is not one of the
        renderer's lights: a positional light there (even switched off) makes VTK light every
        pixel of every actor of the plant the costly way, about a quarter of a Medium frame in
        the lobby on a software renderer, for a faint pool of light on the floor and the
        visitors. The sculpture's own actors draw it in their shaders (:data:`SPOT_CODE`,
        :meth:`_aim_spot`): the same highlights on the car and the strip."""
        s = self.sculpture
        light = pv.Light(
            position=(*(s.center + [0.0, -SPOT_BACK]), s.mirror_height - SPOT_HEADROOM),
            focal_point=(*s.center, s.height),
            light_type="scene light",
            intensity=SPOT_INTENSITY,
        )
        light.positional = True
        light.cone_angle = SPOT_CONE
        light.exponent = 2
        self.light = light

    def _spot_lit(self) -> list[pv.Actor]:
        """The actors the spotlight falls on: the strip, its edge and the car (not their copies
        in the mirror, which keep plain colours, nor the coarse ones drawn from far off)."""
        return [
            actor
            for actor, _ in self.turning
            if actor not in self.reflected and actor not in self.far_actors
        ]

    def _light_with_spot(self, on: bool) -> None:
        """Add the spotlight's code to the sculpture's shaders (``on``) or take it out; each
        actor's share of it follows its material: its diffuse colour and its highlights."""
        for actor in self._spot_lit():
            shader = actor.GetShaderProperty()
            shader.ClearFragmentShaderReplacement("//VTK::Light::Impl", False)
            if not on:
                continue
            shader.AddFragmentShaderReplacement("//VTK::Light::Impl", False, SPOT_CODE, False)
            prop = actor.GetProperty()
            color = np.asarray(prop.GetColor())
            if prop.GetInterpolation() == 3:  # physically based: metal tints its highlights
                metallic, rough = prop.GetMetallic(), max(prop.GetRoughness(), 0.05)
                diffuse = (1.0 - metallic) * color
                specular = 0.04 * (1 - metallic) + metallic * color ** (1 / 2.2)
                shininess = 2.0 / rough**4 - 2.0  # Blinn-Phong's like a GGX lobe
            else:
                diffuse = prop.GetDiffuse() * color
                specular = prop.GetSpecular() * np.asarray(prop.GetSpecularColor())
                shininess = prop.GetSpecularPower()
            if actor in self.band_actors:
                specular = STRIP_SPOT_SHEEN * specular
            uniforms = shader.GetFragmentCustomUniforms()
            uniforms.SetUniform3f("spotDiffuse", list(SPOT_INTENSITY * diffuse))
            uniforms.SetUniform3f("spotSpecular", list(SPOT_INTENSITY * specular))
            uniforms.SetUniformf("spotShininess", float(min(shininess, 500.0)))
            uniforms.SetUniformf("spotCosCone", float(np.cos(np.radians(SPOT_CONE))))
            uniforms.SetUniform3f("spotPositionVC", [0.0, 0.0, 0.0])
            uniforms.SetUniform3f("spotDirectionVC", [0.0, 0.0, -1.0])

    def _aim_spot(self, camera: object) -> None:
        """The spotlight's place and direction in the camera's coordinates, for this frame."""
        assert self.light is not None
        view = np.array(
            [camera.GetViewTransformMatrix().GetElement(i, j) for i in range(4) for j in range(4)]
        ).reshape(4, 4)
        position = np.asarray(self.light.position, dtype=float)
        axis = np.asarray(self.light.focal_point, dtype=float) - position
        position_vc = (view @ [*position, 1.0])[:3]
        axis_vc = view[:3, :3] @ (axis / np.linalg.norm(axis))
        for actor in self._spot_lit():
            if actor.GetVisibility():
                uniforms = actor.GetShaderProperty().GetFragmentCustomUniforms()
                uniforms.SetUniform3f("spotPositionVC", list(position_vc))
                uniforms.SetUniform3f("spotDirectionVC", list(axis_vc))

    def _add_exhibits(self, plant: Plant) -> list[pv.Actor]:
        """The technology showroom's exhibits (:mod:`viewer.model.plant.tech_showroom`): two
        actors, the lit pieces and the screens' glowing pictures, each coloured per point."""
        rooms = [r for b in plant.buildings for r in b.rooms if r.exhibition is not None]
        if not rooms:
            return []
        pieces = exhibit_pieces(rooms[0].footprint, rooms[0].exhibition)
        actors = []
        for lit in (True, False):
            chosen = [piece for piece in pieces if piece.lit == lit]
            offsets = np.cumsum([0] + [len(piece.points) for piece in chosen[:-1]])
            mesh = shapes.mesh_from_arrays(
                np.vstack([piece.points for piece in chosen]),
                np.vstack([piece.faces + k for piece, k in zip(chosen, offsets, strict=True)]),
            )
            colors = np.vstack([piece.colors for piece in chosen])
            mesh.point_data["colors"] = (np.clip(colors, 0, 1) * 255).astype(np.uint8)
            if lit:  # smooth round the motors and the plinth, sharp at the boxes' edges
                mesh = mesh.compute_normals(
                    auto_orient_normals=False, split_vertices=True, feature_angle=40.0
                )
            actor = self.plotter.add_mesh(
                mesh,
                scalars="colors",
                rgb=True,
                lighting=lit,
                specular=0.5 if lit else 0.0,
                specular_power=40,
                ambient=0.4 if lit else 0.0,  # the room's light all round: no black sides
                diffuse=0.75,
                reset_camera=False,
                pickable=False,
            )
            actor.GetProperty().SetInterpolationToGouraud()  # smooth round the motors
            actor.GetProperty().BackfaceCullingOn()  # closed pieces, wound outward
            actors.append(actor)
        return actors

    def set_quality(self, high: bool, reflections: bool = True, metal: bool = True) -> None:
        """``high``: metallic paint, brushed metal (physically based) and a spotlight on the
        sculpture while the camera is within :data:`NEAR_M` of it; otherwise plain colours and
        the plant's lights only. ``reflections``: the mirrored ceiling shows the fine strip and
        car upside down (copies that cost a frame's time again on a software renderer);
        without (Low), their coarse copies (:meth:`_add_cheap_copies`), almost free. ``metal``
        (with ``high``): the strip physically based too, else Phong-shaded brushed metal."""
        self.reflections = reflections
        self.high = high
        if metal != self.metal:
            self.metal, self.look_high = metal, None  # chosen again
        self._set_look(high)

    def _set_look(self, high: bool) -> None:
        """Physically based looks and the spotlight (``high``) or plain colours. The spotlight
        is a positional light: every pixel of every actor pays for it (and the environment's
        maps are bound to every physically based one), so far from the lobby, where the car is
        a few pixels, the plain look is drawn instead."""
        if high == self.look_high:
            return
        self.look_high = high
        use_environment(self.plotter.renderer, high)  # what the metal and the paint reflect
        if high and self.light is None:
            self._add_light()
        elif not high and self.light is not None:
            self.light = None
        paint = SU7_COLORS[self.sculpture.car_color]
        for actors, color, metallic, roughness, coat in (
            (self.paint_actors, paint, 0.2, 0.3, 0.8),  # metallic Aqua Blue under a clear coat
            (self.strip_actors, STRIP_COLOR, 0.85, STRIP_ROUGHNESS, 0.0),  # brushed metal
        ):  # (the edge's bright bead keeps its Phong look: EDGE_PLAIN)
            for actor in actors:
                prop = actor.GetProperty()
                # the copies in the mirror keep plain colours: seen through a faint translucent
                # ceiling no one tells them apart, and physically based shading is the dearest
                # a software renderer draws (a frame's time again for the strip's copy)
                pbr = high and (self.metal or actors is self.paint_actors)
                if actors is self.strip_actors:  # its points' colours for this look
                    chosen = SHADED_PBR if pbr and actor not in self.reflected else SHADED
                    actor.GetMapper().SelectColorArray(chosen)
                if pbr and actor not in self.reflected:  # PBR colours are linear; sRGB out
                    prop.SetInterpolationToPBR()
                    prop.SetDiffuse(STRIP_PBR_DIFFUSE)  # it scales the albedo
                    prop.SetColor(*(np.asarray(color) ** 2.2))
                    prop.SetMetallic(metallic)
                    prop.SetRoughness(roughness)
                    prop.SetCoatStrength(coat)
                    prop.SetCoatRoughness(0.05)
                else:
                    prop.SetInterpolationToPhong()
                    prop.SetColor(*color)
                    if actors is self.strip_actors:
                        # under the spotlight (``high``) a broad, soft sheen and less diffuse
                        # light: no burnt-out white. The copies in the mirror, which the spot
                        # does not reach, keep the plain metal (spotlit, they were dull grey)
                        spotlit = high and actor not in self.reflected
                        plain = STRIP_SPOTLIT if spotlit else STRIP_PLAIN
                        specular, power, diffuse, ambient = plain
                        prop.SetSpecular(specular)
                        prop.SetSpecularPower(power)
                        prop.SetDiffuse(diffuse)
                        prop.SetAmbient(ambient)
        self._light_with_spot(high)

    # -- time and camera ------------------------------------------------------------------------
    def set_time(self, time: float) -> None:
        """Turn the sculpture (and its car) to where it is at simulation ``time``."""
        s = self.sculpture
        angle = turn_angle(s, time)
        strip = _turn(s.center, angle)
        position, yaw = car_pose(s, time)
        car = _place(position, yaw)
        mirror = _reflect(s.mirror_height)
        # the sphere round the car's copy in the mirror (see _before_render)
        middle = [*position[:2], 2.0 * s.mirror_height - position[2] - SU7.height / 2]
        self._car_copy = (np.array(middle), float(np.hypot(SU7.length, SU7.width)) / 2 + 0.3)
        for actor, is_car in self.turning:
            placed = car if is_car else strip
            if actor in self.reflected:  # the copy was built reflected in z = 0
                placed = _lift(mirror, placed)
            actor.SetUserMatrix(_matrix(placed))

    def near(self, point: np.ndarray) -> bool:
        """Whether ``point`` is within :data:`NEAR_M` of the sculpture (its looks matter)."""
        s = self.sculpture
        centre = np.array([*s.center, s.height])
        return bool(np.linalg.norm(np.asarray(point, dtype=float) - centre) < NEAR_M)

    def inside(self, point: np.ndarray) -> bool:
        """Whether ``point`` (x, y, z) is in the lobby, under its mirrored ceiling."""
        (x0, y0), (x1, y1) = self.room.footprint.min(axis=0), self.room.footprint.max(axis=0)
        x, y, z = point
        return bool(x0 < x < x1 and y0 < y < y1 and z < self.sculpture.mirror_height)

    def _before_render(self, *_: object) -> None:
        """The reflection only for someone in the lobby; from outside or above, the copies
        would stand over the roof, and the ceiling is an opaque sheet. With reflections the
        mirror shows the fine strip and car; without (Low) their coarse copies
        (:meth:`_add_cheap_copies`)."""
        camera = self.plotter.renderer.GetActiveCamera()
        eye = np.asarray(camera.GetPosition())
        self._set_look(self.high and self.near(eye))
        self._leave_out_of_view(camera)
        if self.look_high:
            self._aim_spot(camera)
        mirrored = self.inside(eye)
        # the copies of the strip and the car only while the mirror shows them: looking
        # along the lobby or down, they are out of the picture (and cost as much as seen)
        copies = mirrored and self.copies_in_view(camera)
        car = copies and self.car_copy_in_view(camera)  # often above the picture's top
        fine, cheap = self.reflections, not self.reflections
        for actor in self.reflected:
            if actor in self.copies:
                actor.SetVisibility(copies and fine)
            elif actor in self.cheap_copies:
                actor.SetVisibility(copies and cheap)
            else:  # the mirror's world: the reflected floor and glazing
                actor.SetVisibility(mirrored)
        for actor in self.car_copies:
            actor.SetVisibility(car and fine)
        for actor in self.cheap_car_copies:
            actor.SetVisibility(car and cheap)
        # with the reflection, the translucent sheet is drawn only under the sun's shadows
        # (High's render passes), which darken the mirror's world under the roof but not the
        # sheet; otherwise what shows through it has the sheet's sheen in its own colours: the
        # same picture without blending a sheet over a third of it, a software renderer's
        # dearest pixels
        sheet = mirrored and self.shadowed()
        self._show_sheen(mirrored and not sheet)
        self._flat_lit(self.shadowed())
        self.mirror.SetVisibility(not mirrored or sheet)
        prop = self.mirror.GetProperty()
        prop.SetOpacity(MIRROR_OPACITY if mirrored else 1.0)
        prop.SetColor(MIRROR_OPAQUE if not mirrored else MIRROR_COLOR)

    def _flat_lit(self, lit: bool) -> None:
        """The mirror's world (its floor and glazing) in flat colours: unlit, or (``lit``,
        under the sun's shadows) lit by ambient light alone. What the mirror shows takes no
        shadow from the real sun: the shadows' pass darkens unlit surfaces where its map says
        shadow (High showed a blurred grey slab on the ceiling behind the car), and lit by
        ambient light alone (the same colour) they are out of its reach. Nor do they cast one
        (:data:`SUN_MAP_DEPTH`: the mirror's floor, 26 m up, shaded the whole lobby)."""
        if lit == self.flat_lit:
            return
        self.flat_lit = lit
        for actor, _ in self._room_copy:
            prop = actor.GetProperty()
            prop.SetLighting(lit)
            prop.SetAmbient(1.0 if lit else 0.0)
            prop.SetDiffuse(0.0 if lit else 1.0)
            prop.SetSpecular(0.0)

    def shadowed(self) -> bool:
        """Whether the picture is drawn through render passes: the sun's shadows (High)."""
        return self.plotter.renderer.GetPass() is not None

    def _show_sheen(self, own: bool) -> None:
        """The mirror's sheen in the colours of what is seen in it (``own``), or not (the
        translucent sheet draws it, or there is no reflection)."""
        if own == self.sheen_drawn:
            return
        self.sheen_drawn = own
        for actor, color in self._room_copy:
            actor.GetProperty().SetColor(*(_through_mirror(color) if own else color))
        for actor in self.copies:
            shader = actor.GetShaderProperty()
            shader.ClearFragmentShaderReplacement("//VTK::Light::Impl", False)
            if own:
                shader.AddFragmentShaderReplacement(
                    "//VTK::Light::Impl", False, MIRROR_SHEEN_CODE, False
                )

    def _leave_out_of_view(self, camera: object) -> None:
        """Hide the sculpture, its car, the cables and the exhibits while outside the picture:
        the renderer culls nothing by itself (the plant's labels need it so), and their tens
        of thousands of triangles cost a software renderer a few ms from anywhere in the plant.
        Each group is tested as one sphere worked out once (the car turns on the strip, within
        the sculpture's). A video wall's tile draws them all (its camera sees only a part of
        the wall's view)."""
        renderer = self.plotter.renderer
        width, height = renderer.GetSize()
        wall = tiling_of(renderer) is not None
        # far off, the coarse strip and car in place of the fine ones, and no exhibits, each
        # judged by its own size on screen; an exhibit is kept within NEAR_M of it, however
        # small the picture (at its own stop in a kiosk's small window). Not on a wall's tile,
        # whose camera sees a part of a bigger picture.
        eye = np.asarray(camera.GetPosition(), dtype=float)
        for k, ((centre, radius), actors) in enumerate(self._spheres):
            seen = wall or sphere_in_view(camera, width / max(height, 1), centre, radius)
            far = not wall and _small(camera, height, centre, radius)
            if k > 0 and np.linalg.norm(eye - centre) < NEAR_M:
                far = False
            for actor in actors:  # far off, the exhibits are specks: left out
                actor.SetVisibility(seen and not far)
            if k == 0:
                for actor in self.far_actors:
                    actor.SetVisibility(seen and far)

    def copies_in_view(self, camera: object) -> bool:
        """Whether the box round the copies of the strip and the car in the mirror reaches
        into the picture (always on a video wall's tile, whose camera sees a part of it)."""
        return self._box_in_view(camera, self._copies_box)

    def car_copy_in_view(self, camera: object) -> bool:
        """Whether the box round the car's copy in the mirror reaches into the picture."""
        centre, radius = self._car_copy
        corners = [(x, y, z) for x in (-1, 1) for y in (-1, 1) for z in (-1, 1)]
        return self._box_in_view(camera, centre + radius * np.array(corners, dtype=float))

    def _box_in_view(self, camera: object, box: np.ndarray) -> bool:
        """Whether a box (its 8 corners) reaches into the picture: not when all its corners
        lie beyond one of the picture's sides, or behind the eye (always on a video wall's
        tile, whose camera sees a part of a bigger picture)."""
        renderer = self.plotter.renderer
        if tiling_of(renderer) is not None:
            return True
        width, height = renderer.GetSize()
        matrix = camera.GetCompositeProjectionTransformMatrix(width / max(height, 1), -1, 1)
        clip = np.array([[matrix.GetElement(i, j) for j in range(4)] for i in range(4)])
        corners = np.column_stack([box, np.ones(len(box))]) @ clip.T
        x, y, w = corners[:, 0], corners[:, 1], corners[:, 3]
        outside = (x < -w).all() or (x > w).all() or (y < -w).all() or (y > w).all()
        return bool(not outside and (w > 0).any())

    def far(self, camera: object, height: int) -> bool:
        """Whether the sculpture is under :data:`FAR_PIXELS` (its radius) on a picture
        ``height`` pixels high seen through ``camera`` (it is then drawn coarse, and the
        technology showroom's exhibits, a few metres each, not at all)."""
        return _small(camera, height, *self._sculpture)

    def release(self) -> None:
        """Stop following the camera (when the scene is replaced)."""
        self.plotter.renderer.RemoveObserver(self._observer)


def _small(camera: object, height: int, centre: np.ndarray, radius: float) -> bool:
    """Whether a sphere's radius is under :data:`FAR_PIXELS` on a picture ``height`` pixels
    high seen through ``camera``."""
    distance = float(np.linalg.norm(np.asarray(camera.GetPosition()) - centre))
    if camera.GetParallelProjection():
        return bool(radius * height / (2.0 * camera.GetParallelScale()) < FAR_PIXELS)
    angle = camera.GetViewAngle()
    return bool(distance > LevelOfDetail.near_distance(radius, angle, height, FAR_PIXELS))


def _sphere(actor: pv.Actor) -> tuple[np.ndarray, float]:
    """A sphere round an actor that stays where it is: its bounds' centre and half diagonal."""
    x0, x1, y0, y1, z0, z1 = actor.GetBounds()
    centre = np.array([x0 + x1, y0 + y1, z0 + z1]) / 2.0
    return centre, 0.5 * float(np.linalg.norm([x1 - x0, y1 - y0, z1 - z0]))


SHADED = "lobby_light"  # the strip's points' colours: its metal in the lobby's light (sRGB)
SHADED_PBR = "lobby_light_pbr"  # ... physically based (High), whose environment already
# shades the band by its normal: the lobby's light at a third of its strength (PBR_SHADE)
PBR_SHADE = 0.3  # the power of the shade (at 1 the underside went dark grey, 75 of 255, no
# lighter than the smoked ceiling behind it)


def _colors(rgb: np.ndarray) -> np.ndarray:
    """(M, 3) colours 0 to 1 as bytes."""
    return np.round(np.clip(rgb, 0.0, 1.0) * 255).astype(np.uint8)


def _lobby_lit(mesh: pv.PolyData, shade: np.ndarray, color: tuple) -> pv.PolyData:
    """``mesh`` with its points coloured ``color`` in the lobby's light (``shade``, 0 to 1 per
    point: :func:`~viewer.model.cars.sculpture.band_shade`): :data:`SHADED` for Phong shading,
    :data:`SHADED_PBR` for physically based (both sRGB: VTK makes them linear). The plant's
    lights (the sun, the fill light) shine from above: in one colour the band's whole
    underside, seen from the lobby floor, was one flat grey, its half twist not legible. The
    mirror's copies keep these colours (and the normals they were worked out from)."""
    metal = np.asarray(color, dtype=float)[None, :]
    mesh.point_data[SHADED] = _colors(shade[:, None] * metal)
    mesh.point_data[SHADED_PBR] = _colors(shade[:, None] ** PBR_SHADE * metal)
    mesh.point_data.active_normals_name = "Normals"
    return mesh


def _through_mirror_array(rgb: np.ndarray) -> np.ndarray:
    """(M, 3) colours seen in the mirror (:func:`_through_mirror` for many)."""
    return (1.0 - MIRROR_OPACITY) * rgb + MIRROR_OPACITY * np.asarray(MIRROR_COLOR)[None, :]


def _through_mirror(color: tuple) -> tuple:
    """``color`` seen in the mirror: mixed with its sheen (:data:`MIRROR_COLOR`) as a
    translucent sheet of :data:`MIRROR_OPACITY` over it would show it."""
    mixed = (1.0 - MIRROR_OPACITY) * np.asarray(color) + MIRROR_OPACITY * np.asarray(MIRROR_COLOR)
    return tuple(float(c) for c in mixed)


def _lift(mirror: np.ndarray, placed: np.ndarray) -> np.ndarray:
    """The transform of a copy built reflected in z = 0: place it as the original, mirrored.

    mirror(placed(p)) for an original point p; the copy holds reflect0(p), so the copy's matrix
    is mirror · placed · reflect0 (reflect0 is its own inverse).
    """
    return mirror @ placed @ _reflect(0.0)


def _ceiling_joints(bounds: tuple[float, float, float, float], z: float) -> pv.PolyData:
    """Flat strips facing down at height ``z`` over ``bounds`` (x0, y0, x1, y1): a frame
    :data:`MIRROR_FRAME_M` wide round the edge and joints between panels about
    :data:`MIRROR_PANEL_M` across, so the ceiling reads as a built ceiling, not a blank."""
    x0, y0, x1, y1 = bounds
    f, j = MIRROR_FRAME_M, 0.12  # frame and joint widths (m)
    rects = [(x0, y0, x1, y0 + f), (x0, y1 - f, x1, y1), (x0, y0, x0 + f, y1), (x1 - f, y0, x1, y1)]
    for lo, hi, along_x in ((x0, x1, True), (y0, y1, False)):
        count = max(1, round((hi - lo) / MIRROR_PANEL_M))
        for c in np.linspace(lo, hi, count + 1)[1:-1]:
            if along_x:  # a joint across the room at x = c
                rects.append((c - j / 2, y0, c + j / 2, y1))
            else:
                rects.append((x0, c - j / 2, x1, c + j / 2))
    points = np.array(
        [(a, b, z) for ra, rb, rc, rd in rects for a, b in ((ra, rb), (rc, rb), (rc, rd), (ra, rd))]
    )
    starts = np.arange(0, len(points), 4)[:, None]
    return shapes.mesh_from_arrays(points, np.vstack([starts + [0, 1, 2], starts + [0, 2, 3]]))
