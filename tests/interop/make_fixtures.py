"""Builds the Anki packages under tests/fixtures/ that recall's Rust tests import.

anki-notes.apkg is written by genanki (the older collection.anki2 inside). The same notes,
imported into a collection of the `anki` package and exported again, give
anki-notes-21b.apkg, which holds the zstd-compressed collection.anki21b that current Anki
writes. Run by .ci/interop with the pinned versions; the output is committed.
"""

import os
import sys
import tempfile

import genanki
from anki.collection import (
    Collection,
    ExportAnkiPackageOptions,
    ImportAnkiPackageOptions,
    ImportAnkiPackageRequest,
)
from anki.decks import DeckId

OUT = sys.argv[1]

# The fixed ids genanki's own stock models use, so the package is the same on every run.
DECK_ID = 2059400110
VOCAB = genanki.Model(
    1607392320,
    "Vocabulary",
    fields=[{"name": "Word"}, {"name": "Meaning"}, {"name": "Example"}],
    templates=[{"name": "Card 1", "qfmt": "{{Word}}", "afmt": "{{Meaning}}<br>{{Example}}"}],
)


def notes():
    basic = genanki.BASIC_MODEL
    return [
        genanki.Note(basic, ["What is the capital of <b>France</b>?", "Paris"], tags=["geo"], guid="g-basic-1"),
        genanki.Note(basic, ["2 &lt; 3?", "yes<br>of course"], guid="g-basic-2"),
        genanki.Note(genanki.BASIC_AND_REVERSED_CARD_MODEL, ["le chien", "the dog"], tags=["french"], guid="g-rev-1"),
        genanki.Note(genanki.BASIC_OPTIONAL_REVERSED_CARD_MODEL, ["le chat", "the cat", "y"], guid="g-opt-1"),
        genanki.Note(genanki.BASIC_OPTIONAL_REVERSED_CARD_MODEL, ["la maison", "the house", ""], guid="g-opt-2"),
        genanki.Note(genanki.CLOZE_MODEL, ["{{c1::Ottawa::city}} is the capital of {{c2::Canada}}", "extra"], tags=["geo"], guid="g-cloze-1"),
        genanki.Note(genanki.CLOZE_MODEL, ["Water boils at {{c1::100}} degrees", ""], guid="g-cloze-2"),
        genanki.Note(VOCAB, ["Haus", "house", "Das Haus ist alt. <img src=\"haus.jpg\">"], guid="g-vocab-1"),
    ]


def main():
    deck = genanki.Deck(DECK_ID, "Languages::French basics")
    for note in notes():
        deck.add_note(note)
    legacy = os.path.join(OUT, "anki-notes.apkg")
    genanki.Package(deck).write_to_file(legacy, timestamp=1700000000)
    with tempfile.TemporaryDirectory() as tmp:
        col = Collection(os.path.join(tmp, "c.anki2"))
        col.import_anki_package(
            ImportAnkiPackageRequest(package_path=legacy, options=ImportAnkiPackageOptions())
        )
        did = col.decks.id_for_name("Languages::French basics")
        col.export_anki_package(
            out_path=os.path.join(OUT, "anki-notes-21b.apkg"),
            options=ExportAnkiPackageOptions(with_scheduling=False, with_media=True, legacy=False),
            limit=DeckId(did),
        )
        col.close()


main()
