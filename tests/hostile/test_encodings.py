"""Text encodings as they come: byte-order marks honoured, Western code pages told apart from
Central European ones, and a declared charset that does not fit replaced, with a warning naming
the input. Real files through `ingest`, real pages from a local HTTP server through `collect`,
and what was stored read back from the DuckDB file."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from metrics.cli import main
from metrics.store import connect
from tests.hostile.conftest import consistency_problems

FRENCH = (
    "Une séquence de 90 secondes de la réunion du conseil de mardi a été vue plus de 2 millions de fois, "
    "a déclaré jeudi le bureau des communications. « C’est énorme », a ajouté la mairesse, "
    "qui préfère la crème brûlée au café noir."
)


def stored(db: Path) -> dict[str, str]:
    """Each article's text by its source."""
    con = connect(db, read_only=True)
    try:
        return dict(con.execute("SELECT source, text FROM articles").fetchall())
    finally:
        con.close()


def french_page(meta_charset: str | None = None) -> str:
    meta = f'<meta charset="{meta_charset}">' if meta_charset else ""
    return (
        f'<!doctype html><html lang="fr"><head>{meta}'
        "<title>La vidéo du conseil dépasse 2 millions de vues | Gazette de Montréal</title>"
        '<meta property="og:site_name" content="Gazette de Montréal">'
        '<meta property="article:published_time" content="2025-03-14T09:30:00-04:00"></head>'
        f"<body><article><h1>La vidéo du conseil dépasse 2 millions de vues</h1><p>{FRENCH}</p>"
        "<p>La séance complète a été publiée plus tard sur le site de la ville, où elle a été vue "
        "des milliers de fois depuis.</p></article></body></html>"
    )


def test_byte_order_marks_decide_the_encoding(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    marked = {
        "utf-8-bom.txt": codecs.BOM_UTF8 + FRENCH.encode("utf-8"),
        "utf-16-le.txt": codecs.BOM_UTF16_LE + FRENCH.replace("mardi", "jeudi").encode("utf-16-le"),
        "utf-16-be.txt": codecs.BOM_UTF16_BE + FRENCH.replace("mardi", "lundi").encode("utf-16-be"),
        "utf-32-le.txt": codecs.BOM_UTF32_LE + FRENCH.replace("mardi", "mercredi").encode("utf-32-le"),
        "utf-32-be.txt": codecs.BOM_UTF32_BE + FRENCH.replace("mardi", "vendredi").encode("utf-32-be"),
    }
    for name, data in marked.items():
        (tmp_path / name).write_bytes(data)

    assert main(["ingest", *(str(tmp_path / name) for name in marked)]) == 0

    err = capsys.readouterr().err
    assert "binary" not in err and "not UTF-8" not in err
    texts = stored(db)
    assert len(texts) == len(marked)
    assert all("« C’est énorme »" in text and "crème brûlée" in text for text in texts.values())
    assert all("\x00" not in text and "\ufeff" not in text for text in texts.values())


# (text, the encoding it is written in): the Western ones were read as cp1250 or cp775 ("crčme").
WESTERN = [
    ("Une crème brûlée, s'il vous plaît.", "latin-1"),
    ("The CIA said the videos were “a success” — more than 5 million views… in a day.", "cp1252"),
    ("Die Größe des Videos überraschte die Behörden: mehr als fünf Millionen Aufrufe.", "latin-1"),
    ("The café reported 300 views on Monday.", "latin-1"),
]
# Guards: text that is Central European or Cyrillic keeps its code page.
OTHERS = [
    ("Příliš žluťoučký kůň úpěl ďábelské ódy. Video mělo více než pět milionů zhlédnutí.", "cp1250"),
    ("Zażółć gęślą jaźń. Nagranie miało ponad pięć milionów wyświetleń w pierwszym dniu.", "cp1250"),
    ("Árvíztűrő tükörfúrógép. A videót az első napon több mint ötmillióan nézték meg.", "cp1250"),
    ("Видео набрало более пяти миллионов просмотров за первый день, сообщило агентство.", "cp1251"),
]


def test_latin1_and_cp1252_are_told_apart_from_central_european_code_pages(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = {}
    for n, (text, encoding) in enumerate(WESTERN + OTHERS):
        path = tmp_path / f"{n}-{encoding}.txt"
        path.write_bytes(text.encode(encoding))
        files[str(path)] = text

    assert main(["ingest", *files]) == 0

    texts = stored(db)
    assert {source: texts[source].strip() for source in files} == files
    err = capsys.readouterr().err
    for n, (_text, encoding) in enumerate(WESTERN):
        assert f"warning: {tmp_path}/{n}-{encoding}.txt: not UTF-8; read as cp1252" in err


def test_invalid_utf8_in_a_text_file_stays_utf8_with_a_warning(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damaged = tmp_path / "damaged.txt"
    damaged.write_bytes(FRENCH.encode("utf-8") + b" Fin\xff.")  # one stray byte at the end

    assert main(["ingest", str(damaged)]) == 0

    [text] = stored(db).values()
    assert "crème brûlée" in text and text.rstrip().endswith("Fin\ufffd.")
    assert (
        f"warning: {damaged}: not valid UTF-8: 1 damaged byte sequence replaced with \ufffd (the first at "
        f"byte {len(FRENCH.encode('utf-8')) + 4})"
    ) in capsys.readouterr().err


def test_an_html_file_is_read_in_the_charset_its_meta_declares(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(french_page("windows-1252").encode("cp1252"))

    assert main(["ingest", str(page)]) == 0

    assert "crème brûlée" in stored(db)[str(page)]
    assert "warning: " + str(page) + ": not UTF-8" not in capsys.readouterr().err


def test_a_page_in_utf8_declared_as_shift_jis_is_read_as_utf8_with_a_warning(
    httpserver: HTTPServer, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    httpserver.expect_request("/jp").respond_with_data(
        french_page().encode("utf-8"), content_type="text/html; charset=shift_jis"
    )
    url = httpserver.url_for("/jp")

    assert main(["collect", url]) == 0

    assert "crème brûlée" in stored(db)[url]
    assert (
        f"warning: {url}: the HTTP header declares shift_jis, but the bytes are UTF-8; read as UTF-8"
        in capsys.readouterr().err
    )


def test_a_declared_charset_that_does_not_fit_is_replaced_by_detection_with_a_warning(
    httpserver: HTTPServer, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    httpserver.expect_request("/fr").respond_with_data(
        french_page().encode("cp1252"), content_type="text/html; charset=utf-8"
    )
    url = httpserver.url_for("/fr")

    assert main(["collect", url]) == 0

    assert "crème brûlée" in stored(db)[url]
    err = capsys.readouterr().err
    assert (
        f"warning: {url}: the HTTP header declares utf-8, but the bytes are not UTF-8 (invalid byte at "
        in err
    )
    assert "; detected cp1252" in err


def test_a_byte_order_mark_wins_over_a_wrong_header(
    httpserver: HTTPServer, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = codecs.BOM_UTF16_LE + french_page().encode("utf-16-le")
    httpserver.expect_request("/bom").respond_with_data(body, content_type="text/html; charset=iso-8859-1")
    url = httpserver.url_for("/bom")

    assert main(["collect", url]) == 0

    text = stored(db)[url]
    assert "crème brûlée" in text and "\x00" not in text
    con = connect(db, read_only=True)
    assert con.execute("SELECT outlet FROM articles").fetchall() == [
        ("Gazette de Montréal",)
    ]  # its <meta> read too
    con.close()
    assert consistency_problems(db) == {}
