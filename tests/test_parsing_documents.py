"""Word and PDF transcripts (Teams, Google Meet, Otter), recognised by their bytes, and every way one can be bad."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pypdf
import pytest

from screener.errors import InputError
from screener.parsing import load_transcript, parse_transcript, read_transcript_text
from screener.parsing.loading import decode

FIXTURES = Path(__file__).parent / "fixtures" / "transcripts"
STARTS = [3.0, 14.0, 47.0, 52.0, 78.0, 84.0, 112.0, 116.0, 141.0, 146.0]


def error_of(fn, *args, **kwargs) -> str:
    with pytest.raises(InputError) as info:
        fn(*args, **kwargs)
    message = str(info.value)
    assert "\n" not in message
    return message


def docx_bytes(*paragraphs: str) -> bytes:
    d = docx.Document()
    for text in paragraphs:
        d.add_paragraph(text)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# -- the vendor fixtures


def test_teams_docx_title_date_duration_and_transcription_notices_are_not_speech():
    t = load_transcript(FIXTURES / "teams.docx")
    assert t.format == "otter"  # Teams' .docx has Otter's layout: "Name   0:03", the speech below
    assert [x.start for x in t.turns] == STARTS
    assert (t.candidate_name, {x.speaker for x in t.interviewer_turns}) == ("Trent Halvorsen", {"Chloé Dubois"})
    numbered = t.numbered()
    for furniture in ("Meeting Recording", "November 24, 2026", "41m 12s", "transcription"):
        assert furniture not in numbered
    assert t.turns[1].text.startswith("Sure. Last year I owned the answer quality")
    assert t.turns[1].text.endswith("we ran it in CI on every prompt or retriever change.")  # two cues, one turn


def test_meet_docx_header_disclaimer_footer_and_a_one_off_attendee():
    t = load_transcript(FIXTURES / "meet.docx")
    assert t.format == "meet"
    numbered = t.numbered()
    for furniture in ("Attendees", "computer generated", "Meeting ended", "2026/11/24"):
        assert furniture not in numbered
    # Marcus speaks once; he is listed under Attendees, so his question is his, not the candidate's
    marcus = [x for x in t.turns if x.speaker == "Marcus Lindqvist"]
    assert [(x.role, x.text, x.start) for x in marcus] == [("interviewer", "Did anything get worse?", 60.0)]
    assert [x.start for x in t.turns] == [0.0, 0.0, 0.0, 0.0, 60.0, 60.0, 60.0, 60.0, 120.0, 120.0]


def test_otter_docx_keywords_and_speakers_lists_are_not_speech():
    t = load_transcript(FIXTURES / "otter.docx")
    assert t.format == "otter"
    assert [x.start for x in t.turns] == STARTS
    numbered = t.numbered()
    for furniture in ("SUMMARY KEYWORDS", "SPEAKERS", "golden set, recall", "otter.ai", "41:12"):
        assert furniture not in numbered


def test_otter_pdf_reads_like_the_docx_across_pages_without_running_footers():
    pdf = load_transcript(FIXTURES / "otter.pdf")
    word = load_transcript(FIXTURES / "otter.docx")
    assert len(pypdf.PdfReader(FIXTURES / "otter.pdf").pages) >= 2
    assert pdf.format == "otter"
    # the same speech, its wrapped lines joined, turn for turn (the export holds the call twice over)
    assert [(x.speaker, x.text) for x in pdf.turns] == [(x.speaker, x.text) for x in word.turns] * 2
    assert [x.start for x in pdf.turns] == STARTS + [s + 900 for s in STARTS]
    assert "screening - 1" not in pdf.numbered() and "otter.ai" not in pdf.numbered()


def test_a_document_is_recognised_by_its_bytes_not_its_name(tmp_path):
    renamed = write(tmp_path, "transcript.txt", (FIXTURES / "teams.docx").read_bytes())
    assert load_transcript(renamed).turns[0].speaker == "Chloé Dubois"
    text_named_docx = write(tmp_path, "notes.docx", b"Dana: Why?\nSam: Because we measured it.\n")
    assert load_transcript(text_named_docx).format == "text"


def test_docx_tables_and_line_breaks_inside_a_paragraph():
    d = docx.Document()
    d.add_paragraph("Interview notes")
    table = d.add_table(rows=2, cols=1)
    table.cell(0, 0).text = "Dana Reyes   0:01"
    table.cell(1, 0).text = "What did the eval show?"
    p = d.add_paragraph()
    p.add_run("Sam Ito   0:07")
    p.add_run().add_break()
    p.add_run("Pass rate rose from 70% to 85% on 300 cases.")
    out = io.BytesIO()
    d.save(out)
    t = parse_transcript(decode(out.getvalue(), "t.docx"))
    assert [(x.speaker, x.start, x.text) for x in t.turns] == [
        ("Dana Reyes", 1.0, "What did the eval show?"),
        ("Sam Ito", 7.0, "Pass rate rose from 70% to 85% on 300 cases."),
    ]


# -- what a person must fix, one line each (exit 2 at the CLI)


def test_a_scanned_pdf_says_it_has_no_text_layer():
    message = error_of(load_transcript, FIXTURES / "scanned.pdf")
    assert message == (
        f"{FIXTURES / 'scanned.pdf'}: the PDF has no text layer (a scan or an image of the transcript); export it "
        "again as text from the meeting tool, or run OCR on it first"
    )


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(("data", "expected"), [
    (docx_bytes("Dana: Why?")[:3000], "looks like a .docx but the archive is damaged; download it again"),
    (_zip({"notes.txt": b"Dana: hi"}), "is a ZIP archive, not a Word document"),
    (_zip({"xl/workbook.xml": b"<x/>"}), "is a spreadsheet, not a Word document"),
    (_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document"}),
     "cannot be read as a Word document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "is an old Word .doc file; open it in Word and save it as .docx"),
    (docx_bytes(), "the transcript is empty"),
    (docx_bytes("Interview", "Dana Reyes   0:01", "Only I talk.", "Dana Reyes   0:09", "Still me."),
     "only one speaker ('Dana Reyes') found"),
    (b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog", "cannot be read as a PDF"),
])
def test_bad_documents_are_one_line_naming_the_fix(tmp_path, data, expected):
    path = write(tmp_path, "t.docx", data)
    assert expected in error_of(load_transcript, path)


def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path):
    bomb = _zip({"word/document.xml": b"\x00" * 60_000_000})
    assert len(bomb) < 200_000
    message = error_of(load_transcript, write(tmp_path, "bomb.docx", bomb))
    assert message.endswith("unpacks to 60.0 MB, over the 20.0 MB a transcript can need; pass only the "
                            "interview's transcript")


def test_a_pdf_stream_bomb_is_refused_before_text_is_extracted(tmp_path):
    from pypdf.generic import DecodedStreamObject, NameObject

    writer = pypdf.PdfWriter()
    for _ in range(2):
        page = writer.add_blank_page(612, 792)
        stream = DecodedStreamObject()
        stream.set_data(b"BT /F1 12 Tf ET\n" + b" " * 15_000_000)
        page[NameObject("/Contents")] = writer._add_object(stream.flate_encode())
    out = io.BytesIO()
    writer.write(out)
    assert len(out.getvalue()) < 200_000
    message = error_of(load_transcript, write(tmp_path, "bomb.pdf", out.getvalue()))
    assert "its pages inflate to over 20.0 MB, more than a transcript holds" in message


def test_password_protected_and_oversized_pdfs(tmp_path):
    writer = pypdf.PdfWriter()
    writer.add_blank_page(612, 792)
    writer.encrypt("s3cret")
    locked = io.BytesIO()
    writer.write(locked)
    assert "the PDF is password-protected" in error_of(load_transcript, write(tmp_path, "l.pdf", locked.getvalue()))
    writer = pypdf.PdfWriter()
    for _ in range(501):
        writer.add_blank_page(10, 10)
    many = io.BytesIO()
    writer.write(many)
    assert "501 pages is more than one interview holds (at most 500)" in error_of(
        load_transcript, write(tmp_path, "m.pdf", many.getvalue()))


def test_size_limits_hold_for_the_file_and_for_the_text_inside(tmp_path):
    path = write(tmp_path, "t.docx", (FIXTURES / "teams.docx").read_bytes())
    assert "size limit" in error_of(load_transcript, path, max_bytes=1000)
    # a small .docx whose text is big: the limit applies to the text as well
    big = docx_bytes(*(["Dana Reyes   0:01", "What did the eval show? " * 40] * 600))
    assert len(big) < 100_000
    assert "its text is over the 100.0 kB size limit" in error_of(decode, big, "big.docx", max_bytes=100_000)


def test_stdin_takes_a_document_too(monkeypatch):
    data = (FIXTURES / "otter.pdf").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert read_transcript_text("-").startswith("Trent Halvorsen screening")


# -- as a user runs it


def _screener(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    import os

    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    return subprocess.run([sys.executable, "-m", "screener", *args], capture_output=True, text=True, env=env,
                          timeout=120, cwd=cwd)


@pytest.mark.parametrize("name", ["teams.docx", "meet.docx", "otter.docx", "otter.pdf"])
def test_grade_reads_word_and_pdf_transcripts(name):
    r = _screener("grade", str(FIXTURES / name), "-q")
    assert r.returncode == 0, r.stderr
    assert "Trent Halvorsen" in r.stdout and "Recommendation:" in r.stdout


def test_grade_of_a_scan_is_one_line_and_exit_2():
    r = _screener("grade", str(FIXTURES / "scanned.pdf"))
    assert r.returncode == 2
    assert r.stderr.strip().count("\n") == 0 and "no text layer" in r.stderr and "Traceback" not in r.stderr


def test_batch_grades_documents_in_a_folder_and_records_the_scan_as_failed(tmp_path):
    import json
    import shutil

    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("teams.docx", "otter.pdf", "scanned.pdf", "zoom_captions.txt"):
        shutil.copy(FIXTURES / name, folder / name)
    out = tmp_path / "r.jsonl"
    r = _screener("batch", str(folder), "-o", str(out), "-q")
    assert r.returncode == 1, r.stderr
    records = {Path(x["input"]).name: x for x in map(json.loads, out.read_text().splitlines())}
    assert {n: x["status"] for n, x in records.items()} == {
        "teams.docx": "graded", "otter.pdf": "graded", "scanned.pdf": "failed", "zoom_captions.txt": "graded"}
    assert "no text layer" in records["scanned.pdf"]["error"]


def test_pdf_reflow_drops_page_furniture_and_keeps_speech():
    from screener.parsing.documents import reflow_pages

    pages = [
        "Screening - Trent\nDana Reyes 0:01\nHow many cases\ndid you label?\nSam Ito 0:05\nWe labelled\n400\n1",
        "Screening - Trent\ncases by hand.\nDana Reyes 0:20\nOkay.\nSam Ito 0:22\nOkay.\n2",
        "Screening - Trent\nDana Reyes 0:30\nThanks.\nPage 3 of 3",
    ]
    # titles and page numbers go; a bare "400" wrapped mid-page and speech repeated at page edges stay
    assert reflow_pages(pages).split("\n") == [
        "Dana Reyes  0:01", "How many cases", "did you label?", "", "Sam Ito  0:05", "We labelled", "400",
        "cases by hand.", "", "Dana Reyes  0:20", "Okay.", "", "Sam Ito  0:22", "Okay.", "", "Dana Reyes  0:30",
        "Thanks."]
