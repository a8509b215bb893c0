"""The pipeline's records (msgspec Structs, journeymap/journey/records.py): what equality leaves
out, what copies keep, and that a render builds no dataclass at start-up."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from msgspec.structs import replace

import journeymap
from journeymap.journey.model import Touchpoint
from journeymap.journey.project import RegistryDepartment

ROOT = Path(__file__).resolve().parent.parent
MAPS = ROOT / "maps"


def _touchpoint(**changes: object) -> Touchpoint:
    base = Touchpoint(id="call", name="Call", department="cc", stage="report", index=0, pos=(3, 5))
    return replace(base, **changes)


def test_a_touchpoint_is_equal_whether_or_not_its_id_was_written():
    written, derived = _touchpoint(id_written=True), _touchpoint(id_written=False)
    assert written == derived and hash(written) == hash(derived)
    assert _touchpoint(name="Phone") != derived
    assert _touchpoint() != ("call", "Call")


def test_a_journey_is_equal_whatever_its_extensions_and_the_place_of_its_id():
    journey = journeymap.load(MAPS / "home-claim.journey.yaml").journey
    assert journey is not None
    other = replace(journey, extensions={"x-team": "blue"}, id_pos=(40, 1))
    assert other == journey and hash(other) == hash(journey)
    assert replace(journey, title="Another") != journey


def test_a_registry_department_is_equal_whatever_its_values():
    one = RegistryDepartment("claims", {"name": "Claims", "lead": "A"})
    assert one == RegistryDepartment("claims", {"name": "Claims handling"}) and hash(one) is not None
    assert one != RegistryDepartment("claims", {}, (2, 1))


def test_a_checked_file_is_equal_whatever_bytes_it_kept_and_does_not_show_them():
    checked = journeymap.load(MAPS / "home-claim.journey.yaml")
    assert checked.source and replace(checked, source=b"") == checked
    assert "journeymap: 1" not in repr(checked) and repr(checked).startswith("Checked(path=")


def test_a_changed_copy_of_a_journey_works_its_lists_out_again():
    journey = journeymap.load(MAPS / "home-claim.journey.yaml").journey
    assert journey is not None and journey.touchpoints  # worked out and kept
    fewer = replace(journey, stages=journey.stages[:1])
    assert fewer.touchpoints == journey.stages[0].touchpoints
    assert set(fewer.touchpoint_by_id) == {tp.id for tp in journey.stages[0].touchpoints}


def test_records_are_immutable_and_travel_to_build_workers():
    checked = journeymap.load(MAPS / "home-claim.journey.yaml")
    assert checked.analysis is not None
    with pytest.raises(AttributeError):
        checked.analysis.journey.stages[0].touchpoints[0].name = "x"  # type: ignore[misc]
    back = pickle.loads(pickle.dumps(checked))
    assert back == checked and back.analysis.headline == checked.analysis.headline


def test_a_render_builds_no_dataclass(tmp_path):
    """A frozen dataclass costs about 1 ms of start-up (its methods are compiled from source);
    the records a render uses were 35 ms of a 0.2 s render of 30 touch-points."""
    journey = tmp_path / "home-claim.journey.yaml"
    journey.write_bytes((MAPS / "home-claim.journey.yaml").read_bytes())
    code = ("import dataclasses, sys\nbuilt = []\nmake = dataclasses._process_class\n"
            "def counted(cls, *args, **kwargs):\n    built.append(f'{cls.__module__}.{cls.__qualname__}')\n"
            "    return make(cls, *args, **kwargs)\n"
            "dataclasses._process_class = counted\n"
            "from journeymap.cli.main import main\n"
            f"sys.argv = ['journeymap', 'render', {str(journey)!r}, '-o', {str(tmp_path / 'm.svg')!r}]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(' '.join(name for name in built if name.startswith('journeymap')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert (tmp_path / "m.svg").exists(), done.stderr
    assert done.stdout.split() == []


def test_a_record_compared_with_another_type_lets_the_other_answer():
    """As a dataclass's ``__eq__`` did: ``touchpoint == mock.ANY`` asks ``ANY`` (audit AU)."""
    from unittest import mock

    journey = journeymap.load(MAPS / "home-claim.journey.yaml").journey
    assert journey is not None
    assert _touchpoint() == mock.ANY and journey == mock.ANY and [_touchpoint()] == [mock.ANY]
    assert not _touchpoint() != mock.ANY


def test_leaving_out_a_field_a_record_does_not_have_is_an_error():
    """A misspelt name would leave every field in equality without a word."""
    from msgspec import Struct

    from journeymap.journey.records import leaves_out

    class Point(Struct, frozen=True):
        x: int
        y: int = 0

    with pytest.raises(TypeError, match="Point has no field z"):
        leaves_out("z")(Point)
    assert leaves_out("y")(Point)(1, 2) == Point(1, 3)
