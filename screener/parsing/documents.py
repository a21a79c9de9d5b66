"""Word (.docx) and PDF transcripts to text, recognised by their bytes (not their names).

Teams, Google Meet and Otter save transcripts as .docx, and Otter as .pdf. Each becomes the text the
format parsers read: a .docx gives one paragraph per block (paragraphs and table cells in document
order, blocks separated by a blank line, line breaks inside a paragraph kept); a PDF gives its pages'
text with the page furniture (repeated headers and footers, ``Page 2 of 5``, bare page numbers)
removed, and the paragraph breaks pypdf drops restored before ``Name 0:03`` speaker lines.

python-docx reads the .docx (only after the archive is checked: at most ``MAX_UNPACKED`` bytes unpacked,
so a zip bomb is refused before anything is inflated); pypdf reads the PDF (at most ``MAX_PAGES`` pages whose
content inflates to at most ``MAX_CONTENT`` bytes, checked before any text is extracted).
Every problem is one ``InputError`` line naming the fix; a PDF with no text layer (a scan) says so.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter

from ..errors import InputError
from ..util.sizes import human_size
from .labels import clean_name, looks_like_name

MAX_UNPACKED = 20_000_000
"""The most bytes a .docx may unpack to (an hour's transcript is well under 1 MB)."""
MAX_CONTENT = 20_000_000
"""The most bytes a PDF's page content streams may inflate to, all pages together (an Otter page is ~10 kB)."""
MAX_PAGES = 500
"""The most pages a PDF transcript may have (an hour's Otter export is about 20)."""

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old Word .doc (and .xls, .msg)
_FIX_EXPORT = "export the transcript as .docx, .pdf or text (.txt, .vtt, .srt, .json or .md)"


def document_kind(data: bytes) -> str | None:
    """``"docx"``, ``"pdf"``, ``"zip"`` (another archive), ``"doc"`` (old Word) or None (text, or unknown)."""
    if data.startswith(ZIP_MAGIC):
        return "zip"
    if data.startswith(OLE_MAGIC):
        return "doc"
    if data[:64].lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"%PDF-"):
        return "pdf"
    return None


def document_text(data: bytes, name: str) -> str | None:
    """The text of a .docx or PDF transcript, or None when ``data`` is neither (read it as text)."""
    kind = document_kind(data)
    if kind is None:
        return None
    if kind == "doc":
        raise InputError(f"{name}: is an old Word .doc file; open it in Word and save it as .docx, or {_FIX_EXPORT}")
    if kind == "pdf":
        return pdf_text(data, name)
    return docx_text(data, name)


# -- .docx


def _check_archive(data: bytes, name: str) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise InputError(f"{name}: looks like a .docx but the archive is damaged; download it again") from None
    with archive:
        names = set(archive.namelist())
        if "word/document.xml" not in names:
            what = "a spreadsheet" if "xl/workbook.xml" in names else (
                "a presentation" if "ppt/presentation.xml" in names else "a ZIP archive")
            raise InputError(f"{name}: is {what}, not a Word document; {_FIX_EXPORT}")
        unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > MAX_UNPACKED:
            raise InputError(f"{name}: unpacks to {human_size(unpacked)}, over the {human_size(MAX_UNPACKED)} a "
                             "transcript can need; pass only the interview's transcript")


def docx_text(data: bytes, name: str) -> str:
    """The paragraphs of a .docx (tables' cells included, in document order), a blank line between each."""
    _check_archive(data, name)
    import docx  # python-docx: imported here so text transcripts never pay for it
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
        blocks: list[str] = []
        for item in document.iter_inner_content():
            if isinstance(item, Table):
                seen: set[int] = set()
                for row in item.rows:
                    for cell in row.cells:
                        if id(cell._tc) in seen:  # a merged cell repeats in every row and column it spans
                            continue
                        seen.add(id(cell._tc))
                        blocks.extend(p.text for p in cell.paragraphs)
            else:
                blocks.append(item.text)
    except InputError:
        raise
    except Exception as e:  # python-docx and lxml raise many types for a damaged part (KeyError, XMLSyntaxError...)
        raise InputError(f"{name}: cannot be read as a Word document ({type(e).__name__}); open it in Word and "
                         f"save it again, or {_FIX_EXPORT}") from None
    return "\n\n".join(block.strip() for block in blocks if block.strip())


# -- PDF

_PAGE_NUMBER = re.compile(r"^(?:page[ \t]+)?[-–—]?[ \t]*\d{1,4}[ \t]*(?:(?:of|/)[ \t]*\d{1,4})?[ \t]*[-–—]?$", re.I)
_HEADER = re.compile(r"^(?P<name>.{1,70}?)[ \t]+(?P<stamp>(?:\d{1,3}:)?\d{1,2}:\d{2})$")


def pdf_text(data: bytes, name: str) -> str:
    """The text of a PDF's pages, page furniture removed and speaker-header paragraphs restored."""
    import pypdf
    from pypdf.errors import PyPdfError

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(f"{name}: the PDF is password-protected; save an unprotected copy or {_FIX_EXPORT}")
        count = len(reader.pages)
        if count > MAX_PAGES:
            raise InputError(f"{name}: {count:,} pages is more than one interview holds (at most {MAX_PAGES}); "
                             "pass only the interview's transcript")
        inflated = 0
        for page in reader.pages:  # inflate first (zlib, fast): a stream bomb is refused before text extraction
            contents = page.get_contents()
            inflated += len(contents.get_data()) if contents is not None else 0
            if inflated > MAX_CONTENT:
                raise InputError(f"{name}: its pages inflate to over {human_size(MAX_CONTENT)}, more than a "
                                 "transcript holds; pass only the interview's transcript")
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError,
            OverflowError, ZeroDivisionError, NotImplementedError) as e:
        raise InputError(f"{name}: cannot be read as a PDF ({type(e).__name__}); download it again or "
                         f"{_FIX_EXPORT}") from None
    if not any(page.strip() for page in pages):
        raise InputError(f"{name}: the PDF has no text layer (a scan or an image of the transcript); export it "
                         f"again as text from the meeting tool, or run OCR on it first")
    return reflow_pages(pages)


def reflow_pages(pages: list[str]) -> str:
    """The pages' lines as one text: furniture dropped, a blank line and a two-space gap before each
    ``Name 0:03`` line whose name heads two or more such lines (pypdf writes one space and no blank line)."""
    per_page = [[line.strip() for line in page.replace("\r", "\n").split("\n")] for page in pages]
    per_page = [[line for line in lines if line] for lines in per_page]
    lines = [line for page in _strip_furniture(per_page) for line in page]
    headers: list[tuple[str, str] | None] = []
    for line in lines:
        m = _HEADER.match(line) if line[-1:].isdigit() and len(line) <= 90 else None
        found = None
        if m is not None:
            speaker = clean_name(m.group("name"))
            if looks_like_name(speaker):
                found = (speaker, m.group("stamp"))
        headers.append(found)
    counts = Counter(h[0] for h in headers if h is not None)
    out: list[str] = []
    for line, header in zip(lines, headers, strict=True):
        if header is not None and counts[header[0]] >= 2:
            out.extend(("", f"{header[0]}  {header[1]}"))
        else:
            out.append(line)
    return "\n".join(out).strip("\n")


_DIGITS = re.compile(r"\d+")


def _strip_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Each page without its running header and footer: a first (or last) line whose shape, numbers aside
    (``Title - 1``, ``Title - 2``), opens (or closes) at least half of the pages, two or more, and a page
    number (``3``, ``Page 3 of 5``). Only a page's own first and last lines are candidates (speech that wraps
    onto a line of its own stays), and a speaker line (``Name 0:03``) never is one."""
    enough = max(2, (len(pages) + 1) // 2)

    def shape(line: str) -> str | None:
        if _PAGE_NUMBER.match(line):
            return "#"  # "3", "Page 3 of 5", "- 3 -": always furniture at a page's edge
        return None if _HEADER.match(line) else _DIGITS.sub("#", line)

    tops = Counter(shape(lines[0]) for lines in pages if lines)
    bottoms = Counter(shape(lines[-1]) for lines in pages if lines)
    out = []
    for lines in pages:
        if lines and (s := shape(lines[0])) is not None and (s == "#" or tops[s] >= enough):
            lines = lines[1:]
        if lines and (s := shape(lines[-1])) is not None and (s == "#" or bottoms[s] >= enough):
            lines = lines[:-1]
        out.append(lines)
    return out
