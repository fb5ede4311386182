"""The text of the PDFs the tests print (Chromium's page.pdf, LibreOffice's export), read with PDFium.

pypdf read them in pure Python: about 60 ms a printed page, a tenth of the browser tier's Python CPU
in a full run (a profile of the workers). PDFium, Chromium's own PDF library through pypdfium2,
reads the same pages in about 7 ms, text and places alike.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium


@dataclass(frozen=True)
class PrintedPage:
    """One printed page: its size in points, its text in the PDF's order with ligatures undone (NFKC),
    and its pieces of text with their place, top to bottom."""

    width: float
    height: float
    text: str
    pieces: list[tuple[float, float, str]]  # (share of the page's height from the top, x in points, text)


def read_pdf(pdf: bytes | Path) -> list[PrintedPage]:
    """Every page of a PDF, from its bytes or its path."""
    document = pdfium.PdfDocument(pdf)
    try:
        return [read_page(document[index]) for index in range(len(document))]
    finally:
        document.close()


def read_page(page: pdfium.PdfPage) -> PrintedPage:
    width, height = page.get_size()
    text_page = page.get_textpage()
    count = text_page.count_chars()
    # PDFium writes a hyphen that ends a line as U+FFFE (it might be a word broken there); in this
    # site's pages it is always a real hyphen, such as M-PW's, printed where the line broke.
    text = text_page.get_text_range(0, count).replace("\ufffe", "-")
    return PrintedPage(width, height, unicodedata.normalize("NFKC", text), pieces_of(text_page, text, height))


def pieces_of(text_page: pdfium.PdfTextPage, text: str, height: float) -> list[tuple[float, float, str]]:
    """Runs of characters that sit on one line in one font size, each placed by the bottom of its
    font's box (the same for every letter of the run, unlike the letters' own shapes). A line break
    ends a run; a space PDFium puts between words (a box of no size) stays in its run. Sorted top to
    bottom: Chromium writes a table after what follows it, so the PDF's own order is not the page's."""
    pieces: list[tuple[float, float, str]] = []
    run: list[str] = []
    start_x = bottom = 0.0

    def close_run() -> None:
        if "".join(run).strip():
            pieces.append((round(1 - bottom / height, 3), start_x, "".join(run)))
        run.clear()

    for index, char in enumerate(text):
        if char in "\r\n":
            close_run()
            continue
        left, char_bottom, right, top = text_page.get_charbox(index, loose=True)
        if left == right and char_bottom == top:  # a space PDFium made up: no box of its own
            if run:
                run.append(char)
            continue
        if run and abs(char_bottom - bottom) > 0.01:
            close_run()
        if not run:
            start_x, bottom = left, char_bottom
        run.append(char)
    close_run()
    return sorted(pieces)
