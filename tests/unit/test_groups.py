"""The samverkan group: create, validate, change settings, pick the group to work on."""

from __future__ import annotations

import struct
import zlib

import pytest

from naravard_desktop.db.enums import ParagraphNumbering
from naravard_desktop.errors import DomainError, NotFoundError, StaleEditError, ValidationError
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.read_models import GroupInput
from naravard_desktop.services.system.database import Database


def tiny_png() -> bytes:
    """A valid 1×1 white PNG, built here so no binary test file is needed."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


BERGSJO = GroupInput(
    name="Lokal samverkansgrupp Bergsjö",
    municipality="Bergsjö kommun",
    region="Region Mittland",
)


def test_create_group_and_read_it_back(db: Database) -> None:
    created = groups.create_group(db, BERGSJO)

    stored = groups.get_group(db, created.id)
    assert stored == created
    assert stored.name == "Lokal samverkansgrupp Bergsjö"
    assert stored.paragraph_numbering is ParagraphNumbering.PER_YEAR
    assert stored.protocol_language == "sv"
    assert stored.logo is None
    assert stored.principals_line.startswith("Region Mittland")
    assert stored.principals_line.endswith("Bergsjö kommun")
    assert groups.list_groups(db) == [stored]


def test_names_are_cleaned_of_stray_whitespace_and_control_characters(db: Database) -> None:
    created = groups.create_group(
        db, GroupInput(name="  Samverkan\tNorrby\x07\n ", municipality=" Norrby  kommun ")
    )
    assert created.name == "Samverkan Norrby"
    assert created.municipality == "Norrby kommun"
    assert created.principals_line == "Norrby kommun"


@pytest.mark.parametrize("name", ["", "   ", "\n\t\x00"])
def test_group_without_a_name_is_refused(db: Database, name: str) -> None:
    with pytest.raises(ValidationError) as caught:
        groups.create_group(db, GroupInput(name=name))
    assert set(caught.value.fields) == {"name"}
    assert groups.list_groups(db) == []


def test_too_long_names_are_refused_field_by_field(db: Database) -> None:
    too_long = "x" * (groups.NAME_LIMIT + 1)
    with pytest.raises(ValidationError) as caught:
        groups.create_group(db, GroupInput(name=too_long, municipality=too_long, region="ok"))
    assert set(caught.value.fields) == {"name", "municipality"}
    assert str(groups.NAME_LIMIT) in caught.value.fields["name"]
    assert groups.list_groups(db) == []


def test_longest_allowed_name_is_accepted(db: Database) -> None:
    name = "Å" * groups.NAME_LIMIT
    assert groups.create_group(db, GroupInput(name=name)).name == name


def test_logo_that_is_not_an_image_is_refused(db: Database) -> None:
    with pytest.raises(ValidationError) as caught:
        groups.create_group(db, GroupInput(name="Samverkan", logo=b"%PDF-1.7 not an image"))
    assert set(caught.value.fields) == {"logo"}
    assert groups.list_groups(db) == []


def test_too_large_logo_is_refused(db: Database) -> None:
    huge = tiny_png() + b"\x00" * groups.MAX_LOGO_BYTES
    with pytest.raises(ValidationError) as caught:
        groups.create_group(db, GroupInput(name="Samverkan", logo=huge))
    assert set(caught.value.fields) == {"logo"}


def test_png_logo_is_stored_with_its_type(db: Database) -> None:
    png = tiny_png()
    created = groups.create_group(db, GroupInput(name="Samverkan", logo=png))

    stored = groups.get_group(db, created.id)
    assert stored.logo == png
    assert stored.logo_mime == "image/png"


def test_jpeg_logo_is_recognised() -> None:
    assert groups.logo_mime_type(b"\xff\xd8\xff\xe0\x00\x10JFIF") == "image/jpeg"
    assert groups.logo_mime_type(b"GIF89a") is None


def test_unknown_protocol_language_is_refused(db: Database) -> None:
    with pytest.raises(ValidationError) as caught:
        groups.create_group(db, GroupInput(name="Samverkan", protocol_language="de"))
    assert set(caught.value.fields) == {"protocol_language"}


def test_update_changes_settings_and_removes_logo(db: Database) -> None:
    created = groups.create_group(db, GroupInput(name="Samverkan", logo=tiny_png()))

    updated = groups.update_group(
        db,
        created.id,
        GroupInput(
            name="Samverkan Bergsjö",
            municipality="Bergsjö kommun",
            paragraph_numbering=ParagraphNumbering.PER_MEETING,
            protocol_language="en",
        ),
        expected_version=created.version,
    )

    stored = groups.get_group(db, created.id)
    assert stored == updated
    assert stored.name == "Samverkan Bergsjö"
    assert stored.paragraph_numbering is ParagraphNumbering.PER_MEETING
    assert stored.protocol_language == "en"
    assert stored.logo is None
    assert stored.logo_mime is None
    assert stored.version > created.version


def test_invalid_update_changes_nothing(db: Database) -> None:
    created = groups.create_group(db, BERGSJO)
    with pytest.raises(ValidationError):
        groups.update_group(db, created.id, GroupInput(name=""), created.version)
    assert groups.get_group(db, created.id) == created


def test_update_from_a_stale_copy_is_refused_and_changes_nothing(db: Database) -> None:
    seen_by_both = groups.create_group(db, BERGSJO)
    first = groups.update_group(
        db,
        seen_by_both.id,
        GroupInput(name="Saved first", municipality="Bergsjö kommun"),
        expected_version=seen_by_both.version,
    )

    with pytest.raises(StaleEditError):
        groups.update_group(
            db, seen_by_both.id, GroupInput(name="Saved second"), seen_by_both.version
        )

    assert groups.get_group(db, seen_by_both.id) == first


def test_missing_group_is_not_found(db: Database) -> None:
    with pytest.raises(NotFoundError):
        groups.get_group(db, 4711)
    with pytest.raises(NotFoundError):
        groups.update_group(db, 4711, BERGSJO, expected_version=1)


def test_resolve_group_without_any_group(db: Database) -> None:
    with pytest.raises(NotFoundError):
        groups.resolve_group(db, None)


def test_resolve_group_picks_the_only_group(db: Database) -> None:
    only = groups.create_group(db, BERGSJO)
    assert groups.resolve_group(db, None) == only
    assert groups.resolve_group(db, only.id) == only


def test_resolve_group_needs_an_id_when_there_are_several(db: Database) -> None:
    first = groups.create_group(db, BERGSJO)
    second = groups.create_group(db, GroupInput(name="Samverkan Norrby"))

    with pytest.raises(DomainError) as caught:
        groups.resolve_group(db, None)

    assert "2" in caught.value.message
    assert "--group" in caught.value.message
    assert groups.resolve_group(db, second.id) == second
    assert groups.resolve_group(db, first.id) == first
    with pytest.raises(NotFoundError):
        groups.resolve_group(db, 4711)


def test_groups_are_listed_by_name(db: Database) -> None:
    for name in ("Samverkan Östby", "Samverkan Arby", "Samverkan Mellby"):
        groups.create_group(db, GroupInput(name=name))
    assert [g.name for g in groups.list_groups(db)] == [
        "Samverkan Arby",
        "Samverkan Mellby",
        "Samverkan Östby",
    ]
