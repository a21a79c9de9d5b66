"""Write the vendor-layout transcript fixtures in tests/fixtures/transcripts/ (the committed files came from here).

    python scripts/make_transcript_fixtures.py [FIXTURES_FOLDER]

Writes, in FIXTURES_FOLDER/transcripts (default tests/fixtures), the Word and PDF files (teams.docx,
meet.docx, otter.docx, otter.pdf, and scanned.pdf: a page that is only an image) with python-docx
and fpdf2 (``pip install fpdf2``: needed only here, the tests read the committed files) and the text ones
(otter.srt, zoom_captions.txt, zoom_chat.txt, zoom_web.txt, teams_paste.md, roles_by_name.json,
fireflies.json, gong.json). Each reproduces the layout its tool exports, as its documentation and sample
exports show it: titles, dates, durations, disclaimers, keyword and speaker lists, running footers.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

INTERVIEWER, CANDIDATE = "Chloé Dubois", "Trent Halvorsen"

# (speaker, seconds into the call, text): a screening for an AI engineer, with numbers to grade
DIALOGUE = [
    (INTERVIEWER, 3, "Hi Trent, thanks for joining. I'd like to spend most of the time on one project. Could you pick "
                     "one where you had to know whether an LLM feature actually worked?"),
    (CANDIDATE, 14, "Sure. Last year I owned the answer quality of our support assistant, a retrieval pipeline over "
                    "about 40,000 help-centre articles. Before I joined, people judged changes by reading a handful "
                    "of answers."),
    (CANDIDATE, 31, "So I built a golden set of 400 real customer questions, each labelled with the passage that "
                    "answers it, and we ran it in CI on every prompt or retriever change."),
    (INTERVIEWER, 47, "What did you measure on that set?"),
    (CANDIDATE, 52, "Retrieval recall at 5 and answer faithfulness. Faithfulness was graded by a judge model that we "
                    "checked against two annotators on 150 answers: agreement was 71% at first, and 88% after we "
                    "made the rubric claim-by-claim."),
    (INTERVIEWER, 78, "And what did the numbers show when you changed something?"),
    (CANDIDATE, 84, "Switching to hybrid search with BM25 plus embeddings took recall at 5 from 0.62 to 0.81. "
                    "Faithfulness went from 79% to 86% once answers had to cite a retrieved passage."),
    (INTERVIEWER, 112, "Did anything get worse?"),
    (CANDIDATE, 116, "Latency. p95 went from 1.9 to 2.6 seconds because of the reranker, so we cut the candidate "
                     "list from 50 to 20 passages and got p95 back to 2.1 seconds with recall unchanged."),
    (INTERVIEWER, 141, "Last question from me: what would you do differently?"),
    (CANDIDATE, 146, "Start the golden set on day one, and sample 50 live conversations a week for human review: "
                     "the set drifted from what customers asked within three months."),
]


def mmss(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def hhmmss(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def clock(seconds: int, base: int = 14 * 3600 + 3 * 60 + 12) -> str:
    return hhmmss(base + seconds)


def turns() -> list[tuple[str, int, str]]:
    """Consecutive lines of one speaker as one paragraph (as Teams, Otter and Meet write them)."""
    out: list[tuple[str, int, str]] = []
    for speaker, at, text in DIALOGUE:
        if out and out[-1][0] == speaker:
            out[-1] = (speaker, out[-1][1], out[-1][2] + " " + text)
        else:
            out.append((speaker, at, text))
    return out


def teams_docx(path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("Screening - Trent Halvorsen - AI Engineer-20261124_140312-Meeting Recording")
    d.add_paragraph("November 24, 2026, 2:03PM")
    d.add_paragraph("41m 12s")
    d.add_paragraph()
    d.add_paragraph(f"{INTERVIEWER} started transcription")
    for speaker, at, text in turns():
        d.add_paragraph(f"{speaker}   {mmss(at)}")
        d.add_paragraph(text)
    d.add_paragraph(f"{INTERVIEWER} stopped transcription")
    d.save(path)


def meet_docx(path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_heading("Screening: Trent Halvorsen - 2026/11/24 14:03 CET - Transcript", level=1)
    d.add_heading("Attendees", level=2)
    d.add_paragraph(f"{INTERVIEWER}, Marcus Lindqvist, {CANDIDATE}")
    d.add_heading("Transcript", level=2)
    d.add_paragraph("This editable transcript was computer generated and might contain errors. People can also "
                    "change the text after it was created.")
    stamp = None
    for speaker, at, text in DIALOGUE:
        block = at // 60 * 60
        if block != stamp:
            d.add_paragraph(hhmmss(block))
            stamp = block
        name = "Marcus Lindqvist" if (speaker == INTERVIEWER and at == 112) else speaker
        d.add_paragraph(f"{name}: {text}")
    d.add_paragraph("Meeting ended after 00:41:12 👋")
    d.save(path)


def otter_docx(path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_heading("Trent Halvorsen screening", level=1)
    d.add_paragraph("Tue, Nov 24, 2026 2:03PM • 41:12")
    d.add_heading("SUMMARY KEYWORDS", level=3)
    d.add_paragraph("golden set, recall, faithfulness, judge, annotators, latency, reranker, p95")
    d.add_heading("SPEAKERS", level=3)
    d.add_paragraph(f"{CANDIDATE}, {INTERVIEWER}")
    for speaker, at, text in turns():
        p = d.add_paragraph()
        p.add_run(speaker).bold = True
        p.add_run(f"  {mmss(at).rjust(5, '0')}")
        d.add_paragraph(text)
    d.add_paragraph("Transcribed by https://otter.ai")
    d.save(path)


def otter_pdf(path: Path) -> None:
    from fpdf import FPDF

    class OtterPDF(FPDF):
        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Helvetica", "", 8)
            self.set_text_color(140)
            self.cell(0, 8, f"Trent Halvorsen screening - {self.page_no()}", align="C")

    pdf = OtterPDF(format="letter")
    pdf.set_auto_page_break(auto=True, margin=22)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 10, "Trent Halvorsen screening", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 9)
    pdf.cell(0, 6, "Tue, Nov 24, 2026 2:03PM - 41:12", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("Helvetica", "B", 9)
    pdf.cell(0, 6, "SUMMARY KEYWORDS", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 9)
    pdf.multi_cell(0, 5, "golden set, recall, faithfulness, judge, annotators, latency, reranker, p95",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 9)
    pdf.cell(0, 6, "SPEAKERS", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 9)
    pdf.cell(0, 6, f"{CANDIDATE}, {INTERVIEWER}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    # twice over, so the export runs to a second page (as an hour's call does) and has a running footer
    for lap in range(2):
        for speaker, at, text in turns():
            pdf.set_font("Helvetica", "B", 10)
            pdf.cell(pdf.get_string_width(speaker) + 4, 6, speaker)
            pdf.set_font("Helvetica", "", 9)
            pdf.set_text_color(110)
            pdf.cell(0, 6, mmss(at + lap * 900).rjust(5, "0"), new_x="LMARGIN", new_y="NEXT")
            pdf.set_text_color(0)
            pdf.set_font("Helvetica", "", 10)
            pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
    pdf.set_font("Helvetica", "", 9)
    pdf.cell(0, 6, "Transcribed by https://otter.ai", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def scanned_pdf(path: Path) -> None:
    """A page that is only a picture of text (as a scanner or a phone's 'scan document' makes): no text layer."""
    import io

    from fpdf import FPDF
    from PIL import Image, ImageDraw

    image = Image.new("L", (850, 1100), 255)
    draw = ImageDraw.Draw(image)
    y = 60
    for speaker, at, text in turns()[:4]:
        draw.text((60, y), f"{speaker}  {mmss(at)}", fill=0)
        draw.text((60, y + 20), text[:110], fill=0)
        y += 70
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    pdf = FPDF(format="letter")
    pdf.add_page()
    pdf.image(buffer, x=0, y=0, w=pdf.w)
    pdf.output(str(path))


def otter_srt(path: Path) -> None:
    """Otter's SRT export with speaker names: the name opens each cue's text."""
    blocks = []
    for n, (speaker, at, text) in enumerate(DIALOGUE, start=1):
        end = at + 9
        blocks.append(f"{n}\n{hhmmss(at)},120 --> {hhmmss(end)},480\n{speaker}: {text}\n")
    path.write_text("\n".join(blocks), encoding="utf-8")


def zoom_captions(path: Path) -> None:
    """Zoom's saved captions (Save Captions in a meeting): ``[Name] HH:MM:SS`` then the caption."""
    lines = []
    for speaker, at, text in DIALOGUE:
        lines.append(f"[{speaker}] {clock(at)}\n{text}\n")
    path.write_text("\n".join(lines), encoding="utf-8")


def zoom_chat(path: Path) -> None:
    """Zoom's saved meeting chat (meeting_saved_chat.txt): the header line, then the message, tab-indented."""
    lines = []
    for speaker, at, text in DIALOGUE:
        lines.append(f"{clock(at)} From {speaker} to Everyone:\n\t{text}")
    lines.insert(6, f"{clock(80)} From Marcus Lindqvist to {INTERVIEWER}(Direct Message):\n\tgood answer so far")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def zoom_web(path: Path) -> None:
    """The transcript of a cloud recording on Zoom's web portal, selected and copied: name, time, speech."""
    lines = ["Audio Transcript", "Search transcript", ""]
    for speaker, at, text in DIALOGUE:
        lines += [speaker, hhmmss(at)[3:] if at < 3600 else hhmmss(at), text]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def teams_paste(path: Path) -> None:
    """A Teams transcript copied from the app and pasted into a Markdown note: ``**Name** 2:03 PM``."""
    lines = ["# Screening: Trent Halvorsen", ""]
    base = 14 * 60 + 3
    for speaker, at, text in DIALOGUE:
        minute = base + at // 60
        hour = minute // 60
        lines += [f"**{speaker}** {hour - 12 if hour > 12 else hour}:{minute % 60:02d} PM", text, ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def roles_by_name(path: Path) -> None:
    messages = [{"speaker": s, "text": t, "start": a} for s, a, t in DIALOGUE]
    data = {"messages": messages, "roles": {INTERVIEWER: "interviewer", CANDIDATE: "candidate"}}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def fireflies(path: Path) -> None:
    """Fireflies' GraphQL answer for a transcript: ``data.transcript.sentences`` with ``speaker_name``."""
    sentences = [{"index": i, "speaker_id": 0 if s == INTERVIEWER else 1, "speaker_name": s, "text": t,
                  "raw_text": t, "start_time": float(a) + 0.24, "end_time": float(a) + 8.9}
                 for i, (s, a, t) in enumerate(DIALOGUE)]
    data = {"data": {"transcript": {"id": "01JDX4Q7Z3", "title": "Screening: Trent Halvorsen",
                                    "speakers": [{"id": 0, "name": INTERVIEWER}, {"id": 1, "name": CANDIDATE}],
                                    "sentences": sentences}}}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def gong(path: Path) -> None:
    """Gong's /v2/calls/transcript answer, with the call's parties from /v2/calls/extensive beside it."""
    ids = {INTERVIEWER: "7782342274025937895", CANDIDATE: "2047392883021759420"}
    monologues = []
    for speaker, at, text in turns():
        sentences = [{"start": at * 1000 + 120, "end": at * 1000 + 4000, "text": part.strip() + "."}
                     for part in text.rstrip(".").split(". ")]
        monologues.append({"speakerId": ids[speaker], "topic": "Experience", "sentences": sentences})
    data = {
        "requestId": "4al018gzaztcr8nbukw",
        "records": {"totalRecords": 1, "currentPageSize": 1, "currentPageNumber": 0},
        "callTranscripts": [{"callId": "7782342274025937895", "transcript": monologues}],
        "parties": [
            {"id": "56825452554556", "emailAddress": "chloe.dubois@example.com", "name": INTERVIEWER,
             "affiliation": "Internal", "speakerId": ids[INTERVIEWER]},
            {"id": "56825452554557", "emailAddress": "trent@example.org", "name": CANDIDATE,
             "affiliation": "External", "speakerId": ids[CANDIDATE]},
        ],
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


WRITERS = {
    "teams.docx": teams_docx, "meet.docx": meet_docx, "otter.docx": otter_docx, "otter.pdf": otter_pdf,
    "otter.srt": otter_srt, "zoom_captions.txt": zoom_captions,
    "zoom_chat.txt": zoom_chat, "zoom_web.txt": zoom_web, "teams_paste.md": teams_paste,
    "roles_by_name.json": roles_by_name, "fireflies.json": fireflies, "gong.json": gong,
}


def main(argv: list[str]) -> int:
    fixtures = Path(argv[0]) if argv else Path(__file__).resolve().parent.parent / "tests" / "fixtures"
    for name, write in WRITERS.items():
        write(fixtures / "transcripts" / name)
        print(f"wrote {fixtures / 'transcripts' / name}")
    # the one fixture that cannot be graded: tests that grade every fixture leave it out
    scanned_pdf(fixtures / "transcripts" / "scanned.pdf")
    print(f"wrote {fixtures / 'transcripts' / 'scanned.pdf'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
