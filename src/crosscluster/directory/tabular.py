"""Reading and writing tables as CSV and XLSX files, independent of what the rows mean.

Reading is defensive: an upload may be anything (a PDF renamed .csv, a corrupt workbook, 50 MB), and
every such case ends in a FileProblem with a message for the user, never in an exception escaping.
Writing is safe to open in a spreadsheet program: text is never taken for a formula.
"""

import codecs
import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime

from django.utils.translation import gettext as _

MAX_FILE_SIZE = 5 * 1024 * 1024
MAX_ROWS = 50_000
MAX_COLUMNS = 200  # far more than any import has; cells further right are not read
FORMATS = ("csv", "xlsx")
# Spreadsheet programs run cells starting with these as formulas; CSV exports defuse them with an apostrophe.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_BINARY_SIGNATURES = (b"%PDF", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\x1f\x8b", b"Rar!", b"7z")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass
class Problem:
    """One thing wrong with an uploaded file: where (line and column as the user sees them) and why."""

    message: str
    line: int | None = None
    column: str = ""
    value: str = ""

    def __str__(self):
        if self.line and self.column:
            return _("Line %(line)s, column '%(column)s': %(message)s") % self.__dict__
        if self.line:
            return _("Line %(line)s: %(message)s") % self.__dict__
        return self.message


class FileProblem(Exception):
    def __init__(self, message, line=None):
        super().__init__(message)
        self.problem = Problem(message, line=line)


class _Echo:
    def write(self, value):
        return value


def _csv_text(value):
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return "'" + text if isinstance(value, str) and text.startswith(_FORMULA_START) else text


def csv_chunks(table, *, rows_per_chunk=500):
    """Excel-friendly CSV (UTF-8 with BOM, semicolons) as byte chunks, for a streaming response."""
    writer = csv.writer(_Echo(), delimiter=";", lineterminator="\r\n")
    chunk = [codecs.BOM_UTF8.decode()]
    for row in table:
        chunk.append(writer.writerow([_csv_text(v) for v in row]))
        if len(chunk) >= rows_per_chunk:
            yield "".join(chunk).encode()
            chunk = []
    yield "".join(chunk).encode()


def write_xlsx(table, fileobj, *, title):
    """Write the table into an XLSX workbook (write-only mode keeps memory flat). Text stays text, never a formula."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(title)[:31])
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    for index, row in enumerate(table):
        cells = []
        for value in row:
            if isinstance(value, str):
                value = _XLSX_ILLEGAL.sub("", value)
                if index == 0 or value.startswith("="):  # openpyxl would store "=…" as a formula
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.data_type = "s"
                    if index == 0:
                        cell.font = bold
                    value = cell
            cells.append(value)
        sheet.append(cells)
    workbook.save(fileobj)


def read_table(uploaded):
    """The header row and the data rows of an uploaded CSV or XLSX file as text.

    Returns ``(header_line, header, rows)`` with ``rows`` a list of ``(line, cells)``; raises FileProblem.
    """
    size = getattr(uploaded, "size", None)
    if size is not None and size > MAX_FILE_SIZE:
        raise FileProblem(_("The file is larger than 5 MB. Please split it into several files."))
    data = uploaded.read(MAX_FILE_SIZE + 1)
    if len(data) > MAX_FILE_SIZE:
        raise FileProblem(_("The file is larger than 5 MB. Please split it into several files."))
    if not data.strip(codecs.BOM_UTF8 + b" \t\r\n"):
        raise FileProblem(_("The file is empty."))
    name = (getattr(uploaded, "name", "") or "").lower()
    extension = name.rsplit(".", 1)[-1] if "." in name else ""
    if extension == "xls":
        raise FileProblem(_("Old Excel files (.xls) cannot be read. Please save the file as .xlsx or as CSV UTF-8."))
    if extension not in ("csv", "txt", "xlsx", ""):
        raise FileProblem(
            _("Please upload a CSV or XLSX file; “.%(extension)s” files cannot be read.")
            % {"extension": extension[:10]}
        )
    if data.startswith(b"PK\x03\x04"):
        rows, from_csv = _xlsx_rows(data), False
    elif extension == "xlsx":
        raise FileProblem(_("The file is not a valid XLSX workbook."))
    else:
        rows, from_csv = _csv_rows(data), True
    header_line, header = None, []
    data_rows = []
    for line, cells in rows:
        cells = [_clean_cell(c, from_csv) for c in cells]
        if not any(cells):
            continue
        if header_line is None:
            header_line, header = line, cells
            continue
        data_rows.append((line, cells))
        if len(data_rows) > MAX_ROWS:
            raise FileProblem(_("The file has more than %(count)s rows. Please split it.") % {"count": f"{MAX_ROWS:,}"})
    if header_line is None:
        raise FileProblem(_("The file is empty."))
    if not data_rows:
        raise FileProblem(_("The file has a header row but no data rows."))
    return header_line, header, data_rows


def _xlsx_rows(data):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            if not workbook.worksheets:
                raise FileProblem(_("The workbook has no worksheet."))
            rows = []
            sheet = workbook.worksheets[0]
            for line, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                rows.append((line, list(row[:MAX_COLUMNS])))
                if len(rows) > MAX_ROWS + 10:
                    break
            return rows
        finally:
            workbook.close()
    except FileProblem:
        raise
    except Exception as exc:  # a corrupt or foreign file can fail anywhere inside openpyxl's parsers
        raise FileProblem(_("The file is not a valid XLSX workbook.")) from exc


def _csv_rows(data):
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise FileProblem(_("The file is not a readable text file.")) from exc
    else:
        if data.startswith(_BINARY_SIGNATURES) or b"\x00" in data:
            raise FileProblem(_("The file is not a CSV text file. Please upload a CSV or XLSX file."))
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise FileProblem(
                _("The file is not UTF-8 encoded text. Please save it as “CSV UTF-8”."), line=line
            ) from exc
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((";", ",", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    try:
        for line, row in enumerate(reader, start=1):
            rows.append((line, row))
            if len(rows) > MAX_ROWS + 10:
                break
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            message = _("A cell is longer than %(limit)s characters; perhaps a quotation mark is not closed.") % {
                "limit": f"{csv.field_size_limit():,}"
            }
        else:
            message = _("The file cannot be read as CSV (%(reason)s).") % {"reason": exc}
        raise FileProblem(message, line=len(rows) + 1) from exc
    return rows


def _clean_cell(value, from_csv):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).replace("\x00", "").strip()
    if from_csv and text.startswith("'") and text[1:].startswith(_FORMULA_START):
        text = text[1:]
    return text
