"""Checks recall's exports with the other tools themselves, and its import of a package
genanki builds: the `anki` package (the library Anki ships) imports our .apkg (with a
picture's media) and our plain-text export, pygiftparser
parses our GIFT, lxml reads our QTI; recall imports packages with a picture (genanki's, and
its own export passed through Anki's current format). Run by .ci/interop as

    check_exports.py RECALL DECK WORKDIR

and prints the figures it checked. Exits non-zero at the first thing that is wrong.
"""

import csv
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter

RECALL, DECK, WORK = sys.argv[1:4]
HERE = os.path.dirname(os.path.abspath(__file__))


def recall(*args):
    done = subprocess.run([RECALL, *args], capture_output=True, text=True, cwd=WORK)
    if done.returncode != 0:
        sys.exit(f"recall {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def expected():
    """What the deck holds, read from recall's own CSV export: note types and items."""
    path = os.path.join(WORK, "deck.csv")
    recall("export", DECK, "--format", "csv", "-o", path)
    types, kinds, items = Counter(), Counter(), 0
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["cloze"]:
                types["Cloze"] += 1
                kinds["short"] += row["cloze"].count("{{")
                items += row["cloze"].count("{{")
            elif row["reverse"] == "true":
                types["Basic (and reversed card)"] += 1
                items += 2
            else:
                types["Basic"] += 1
                items += 1
    return types, items


def check_anki(types):
    from anki.collection import (
        Collection,
        ImportAnkiPackageOptions,
        ImportAnkiPackageRequest,
    )

    package = os.path.join(WORK, "deck.apkg")
    recall("export", DECK, "--format", "anki", "-o", package)
    with tempfile.TemporaryDirectory() as tmp:
        col = Collection(os.path.join(tmp, "c.anki2"))
        request = ImportAnkiPackageRequest(
            package_path=package, options=ImportAnkiPackageOptions()
        )
        log = col.import_anki_package(request).log
        got = Counter(
            # Anki adds "+" to a type whose name its own stock type already has.
            col.get_note(n).note_type()["name"].rstrip("+")
            for n in col.find_notes("")
        )
        assert got == types, f"note types: {got} != {types}"
        assert len(log.new) == sum(types.values()), log
        title = open(DECK, encoding="utf-8").read().split('title = "', 1)[1].split('"', 1)[0]
        assert col.decks.id_for_name(title), f"no deck named {title!r}"
        # A later export updates the notes; none is added twice.
        time.sleep(1.1)
        recall("export", DECK, "--format", "anki", "-o", package)
        again = col.import_anki_package(request).log
        assert len(again.new) == 0 and len(again.updated) == sum(types.values()), again
        assert len(col.find_notes("")) == sum(types.values())
        col.close()
    print("anki: " + ", ".join(f"{n} {t}" for t, n in sorted(got.items()))
          + f"; re-import updated {len(again.updated)}, added {len(again.new)}")


def check_anki_text(types):
    from anki.collection import Collection
    from anki.import_export_pb2 import ImportCsvRequest

    path = os.path.join(WORK, "deck-anki.txt")
    recall("export", DECK, "--format", "anki-text", "-o", path)
    with tempfile.TemporaryDirectory() as tmp:
        col = Collection(os.path.join(tmp, "c.anki2"))
        # What Anki reads from our header lines alone.
        metadata = col.get_csv_metadata(path=path, delimiter=None)
        assert metadata.is_html and metadata.tags_column == 5, metadata
        assert metadata.notetype_column == 1 and metadata.deck_column == 2, metadata
        log = col.import_csv(ImportCsvRequest(path=path, metadata=metadata)).log
        got = Counter(col.get_note(n).note_type()["name"] for n in col.find_notes(""))
        assert got == types, f"note types: {got} != {types}"
        assert len(log.new) == sum(types.values()), log
        col.close()
    print("anki-text: Anki's importer reads the headers and adds "
          + ", ".join(f"{n} {t}" for t, n in sorted(got.items())))


def check_gift(items):
    from pygiftparser import parser

    path = os.path.join(WORK, "deck.gift")
    recall("export", DECK, "--format", "gift", "-o", path)
    with open(path, encoding="utf-8") as f:
        questions = parser.parseFile(f)
    invalid = [q.title for q in questions if not q.valid]
    assert not invalid, f"questions pygiftparser finds invalid: {invalid}"
    assert len(questions) == items, f"{len(questions)} questions, {items} items"
    kinds = Counter(type(q.answers).__name__ for q in questions)
    print(f"gift: {len(questions)} questions parsed: "
          + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())))


def check_qti(items):
    from lxml import etree

    path = os.path.join(WORK, "deck.zip")
    recall("export", DECK, "--format", "qti", "-o", path)
    with zipfile.ZipFile(path) as z:
        manifest = etree.fromstring(z.read("imsmanifest.xml"))
        hrefs = [r.get("href") for r in manifest.iter("{*}resource")]
        assert hrefs == ["assessment.xml"], hrefs
        test = etree.fromstring(z.read("assessment.xml"))
    found = list(test.iter("{*}item"))
    assert len(found) == items, f"{len(found)} items, {items} wanted"
    kinds = Counter(i.find(".//{*}fieldentry").text for i in found)
    print(f"qti: {len(found)} items well formed: "
          + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())))


def png(width, height):
    """A small PNG, made with the standard library alone."""
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x20\x60\xa0" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


def check_anki_pictures():
    """A deck with a picture exported as .apkg: Anki imports the note with its <img> and
    puts the file in the collection's media folder, byte for byte."""
    from anki.collection import (
        Collection,
        ImportAnkiPackageOptions,
        ImportAnkiPackageRequest,
    )

    folder = os.path.join(WORK, "pictures")
    os.makedirs(os.path.join(folder, "maps"), exist_ok=True)
    picture = png(6, 4)
    with open(os.path.join(folder, "maps", "route.png"), "wb") as f:
        f.write(picture)
    deck = os.path.join(folder, "maps.toml")
    with open(deck, "w", encoding="utf-8") as f:
        f.write('[deck]\ntitle = "Maps"\n\n[[card]]\nid = "route"\nfront = "Which route?"\n'
                'back = "Moscow to Alma-Ata"\nimage = "maps/route.png"\nimage_alt = "A route"\n')
    recall("check", deck)
    package = os.path.join(WORK, "maps.apkg")
    recall("export", deck, "--format", "anki", "-o", package)
    with tempfile.TemporaryDirectory() as tmp:
        col = Collection(os.path.join(tmp, "c.anki2"))
        request = ImportAnkiPackageRequest(
            package_path=package, options=ImportAnkiPackageOptions()
        )
        col.import_anki_package(request)
        notes = [col.get_note(n) for n in col.find_notes("")]
        assert len(notes) == 1, notes
        front = notes[0].fields[0]
        assert '<img src="maps_route.png" alt="A route">' in front, front
        with open(os.path.join(col.media.dir(), "maps_route.png"), "rb") as f:
            assert f.read() == picture, "the picture in Anki's media differs"
        col.close()
    print("anki: a picture exported with its note, in the media folder byte for byte")


def check_picture_import():
    """Packages with a picture imported by recall: one genanki builds (a JSON media map),
    and recall's own export passed through Anki and exported in its current format (a zstd
    protobuf media map, each file compressed). The file lands beside the new deck byte for
    byte, the deck names it, and `recall check` passes."""
    import genanki
    from anki.collection import (
        Collection,
        ExportAnkiPackageOptions,
        ImportAnkiPackageOptions,
        ImportAnkiPackageRequest,
    )
    from anki.decks import DeckId

    folder = os.path.join(WORK, "genanki-media")
    os.makedirs(folder, exist_ok=True)
    picture = png(5, 3)
    with open(os.path.join(folder, "eiffel_tower.png"), "wb") as f:
        f.write(picture)
    deck = genanki.Deck(2059400111, "Places")
    deck.add_note(genanki.Note(genanki.BASIC_MODEL, ['Where is this?<img src="eiffel_tower.png">', "Paris"]))
    package = os.path.join(WORK, "places.apkg")
    genanki.Package(deck, media_files=[os.path.join(folder, "eiffel_tower.png")]).write_to_file(package)
    recall("import", package)
    with open(os.path.join(WORK, "places-media", "eiffel_tower.png"), "rb") as f:
        assert f.read() == picture, "the imported picture differs"
    with open(os.path.join(WORK, "places.toml"), encoding="utf-8") as f:
        text = f.read()
    assert 'image = "places-media/eiffel_tower.png"\nimage_alt = "eiffel tower"' in text, text
    recall("check", os.path.join(WORK, "places.toml"))
    print("genanki: a picture imported by recall beside the deck, byte for byte, check passed")

    with tempfile.TemporaryDirectory() as tmp:
        col = Collection(os.path.join(tmp, "c.anki2"))
        col.import_anki_package(ImportAnkiPackageRequest(
            package_path=os.path.join(WORK, "maps.apkg"), options=ImportAnkiPackageOptions()))
        col.export_anki_package(
            out_path=os.path.join(WORK, "maps-21b.apkg"),
            options=ExportAnkiPackageOptions(with_scheduling=False, with_media=True, legacy=False),
            limit=DeckId(col.decks.id_for_name("Maps")),
        )
        col.close()
    with zipfile.ZipFile(os.path.join(WORK, "maps-21b.apkg")) as z:
        assert "collection.anki21b" in z.namelist(), z.namelist()
    recall("import", "maps-21b.apkg")
    with open(os.path.join(WORK, "maps-21b-media", "maps_route.png"), "rb") as f:
        assert f.read() == png(6, 4), "the picture back from Anki differs"
    with open(os.path.join(WORK, "maps-21b.toml"), encoding="utf-8") as f:
        text = f.read()
    assert 'image = "maps-21b-media/maps_route.png"\nimage_alt = "A route"' in text, text
    recall("check", os.path.join(WORK, "maps-21b.toml"))
    print("anki: recall's picture exported, through Anki's current format, imported again, check passed")


def check_genanki_import():
    subprocess.run([sys.executable, os.path.join(HERE, "make_fixtures.py"), WORK], check=True)
    for package in ("anki-notes.apkg", "anki-notes-21b.apkg"):
        out = recall("import", package, "--to", package + ".toml")
        assert "8 cards imported" in out, out
    print("genanki: both packages imported by recall, 8 cards each, check passed")


types, items = expected()
check_anki(types)
check_anki_pictures()
check_picture_import()
check_anki_text(types)
check_gift(items)
check_qti(items)
check_genanki_import()
