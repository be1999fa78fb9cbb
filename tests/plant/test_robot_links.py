"""The industrial robot's link meshes: bulky and rounded from every side, closed, cheap, and still
on the kinematics' frames (the tool's tip where the programs put it)."""

from __future__ import annotations

import numpy as np
import pytest
import pyvista as pv

from viewer.model.geometry import quaternion_rotate
from viewer.model.motion.robot import (
    KR210,
    LINKS,
    TOOL_LENGTH,
    forward_kinematics,
    inverse_kinematics,
    tool_tip,
)
from viewer.scene import shapes
from viewer.scene.instancing import closed_outward

NEAR_BUDGET = 420  # triangles of the whole detailed arm with its tool (was 328 as plain boxes)


def _across(mesh: pv.PolyData, axis: str, at: float) -> np.ndarray:
    """The extents (2,) of ``mesh``'s cross-section square to ``axis`` at ``at``, in the other
    two coordinates (x, y, z order)."""
    normal = {"x": (1, 0, 0), "y": (0, 1, 0), "z": (0, 0, 1)}[axis]
    origin = np.zeros(3)
    origin["xyz".index(axis)] = at
    cut = mesh.slice(normal=normal, origin=tuple(origin))
    assert cut.n_points, f"nothing at {axis} = {at}"
    extent = np.ptp(cut.points, axis=0)
    return np.delete(extent, "xyz".index(axis))


def _directions(mesh: pv.PolyData, z: float) -> int:
    """How many different directions the edges of ``mesh``'s horizontal section at ``z`` take
    (a box's: 2; an octagon's: 4)."""
    cut = mesh.slice(normal=(0, 0, 1), origin=(0, 0, z))
    lines = cut.lines.reshape(-1, 3)[:, 1:]
    edges = cut.points[lines[:, 1]] - cut.points[lines[:, 0]]
    angles = np.mod(np.degrees(np.arctan2(edges[:, 1], edges[:, 0])), 180.0)
    return len(np.unique(np.round(angles / 5.0).astype(int) % 36))


def test_every_link_is_closed_and_the_arm_keeps_to_its_triangle_budget():
    meshes = [shapes.robot_link(link) for link in LINKS]
    assert all(closed_outward(mesh) for mesh in meshes)
    assert sum(mesh.n_cells for mesh in meshes) <= NEAR_BUDGET
    assert shapes.robot_link_far("turret").n_cells <= 36 and shapes.robot_tiny().n_cells == 12


def test_the_forearm_is_thick_all_the_way_with_its_motors_behind_the_elbow():
    forearm = shapes.robot_link("forearm")
    for x in np.linspace(0.0, KR210.forearm - 0.2, 8):  # from the elbow to the wrist's fork
        assert (_across(forearm, "x", x) >= 0.25).all(), x
    behind = forearm.bounds[0]
    assert behind <= -0.6  # the housing with the wrist motors counterweighs the arm
    assert (_across(forearm, "x", behind + 0.1) >= 0.35).all()
    assert forearm.bounds[1] < KR210.forearm - 0.1  # the wrist's own link carries on


def test_the_upper_arm_is_thick_from_shoulder_to_elbow():
    upper = shapes.robot_link("upper_arm")
    for z in np.linspace(0.05, KR210.upper_arm, 8):
        assert (_across(upper, "z", z) >= 0.40).all(), z


def test_the_turret_is_a_rounded_carousel_with_a_broad_shoulder():
    turret = shapes.robot_link("turret")
    assert _directions(turret, 0.25) >= 4  # the carousel's section is rounded, not a box
    # the shoulder's hub and its motor span the arm's width and more
    assert turret.bounds[3] - turret.bounds[2] >= 1.0
    hub = _across(turret, "y", 0.0)
    assert hub[1] >= KR210.shoulder_height + 0.25  # the hub rises round the shoulder axis


def _posed(link: str, poses: object, index: int) -> np.ndarray:
    points = np.asarray(shapes.robot_link(link).points, dtype=float)
    rotation = np.repeat(poses.quaternions[link][index : index + 1], len(points), axis=0)
    return quaternion_rotate(rotation, points) + poses.positions[link][index]


@pytest.mark.parametrize("tip", [(1.9, 0.4, 1.2), (1.2, -0.9, 0.6), (0.8, 1.0, 2.2)])
def test_the_posed_tool_mesh_reaches_the_programmed_tip(tip):
    """Each link drawn on its frame: the tool's jaws end at the tip the programs aim at, and
    the wrist's and the forearm's meshes meet round the wrist centre."""
    base, yaw = np.zeros((1, 3)), np.zeros(1)
    joints = inverse_kinematics(base, yaw, np.array([tip]))
    poses = forward_kinematics(base, yaw, joints)
    aimed = tool_tip(poses)[0]
    assert np.linalg.norm(aimed - tip) < 1e-6
    tool = _posed("tool", poses, 0)
    flange = poses.flange[0]
    reach = np.linalg.norm(tool - flange, axis=1).max()
    assert reach == pytest.approx(np.hypot(TOOL_LENGTH, 0.13), abs=0.01)
    axis = (aimed - flange) / TOOL_LENGTH
    assert ((tool - flange) @ axis).max() == pytest.approx(TOOL_LENGTH, abs=1e-3)
    wrist = poses.positions["wrist"][0]
    for link in ("forearm", "wrist"):
        assert np.linalg.norm(_posed(link, poses, 0) - wrist, axis=1).min() < 0.3, link
