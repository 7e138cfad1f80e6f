"""Reading a CSV or XLSX file into a header and rows (no Odoo import).

A file is refused before it is parsed when it is too big (``max_bytes``), when an XLSX
declares more rows or columns than allowed (its ``<dimension>``, read from the first bytes of
the sheet) or would inflate beyond ``XLSX_MAX_UNZIPPED`` (zip bomb), and when a CSV has more
lines than allowed (counted before parsing). While reading, rows and columns beyond the
limits are refused too, whatever the file declared. CSV files are read as UTF-8 (with or
without a byte order mark), or as Windows-1252 (what French Excel writes with "CSV
(séparateur : point-virgule)") when they are not UTF-8; a file in none of these (UTF-16, bytes
that Windows-1252 does not define, control characters of a binary file) is refused with the
line where it went wrong. ``read_table(..., details=True)`` also says what was detected
(encoding, separator, first lines) for the preview of the import.
"""
import codecs
import csv
import datetime
import gzip
import io
import json
import re
import zipfile
from xml.etree import ElementTree

import openpyxl

from odoo.addons.asr_charter.rules.errors import RuleError
from odoo.addons.asr_charter.rules.spreadsheet import csv_cell

MAX_BYTES = 20 * 1024 * 1024       # the uploaded file
MAX_ROWS = 100000                  # rows after the header
MAX_COLUMNS = 50
XLSX_MAX_UNZIPPED = 200 * 1024 * 1024
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')
_NS_MAIN = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'
_NS_REL = '{http://schemas.openxmlformats.org/officeDocument/2006/relationships}'
_NS_PKG_REL = '{http://schemas.openxmlformats.org/package/2006/relationships}'
# encodings of a CSV, as read_table names them
UTF8, UTF8_BOM, CP1252 = 'utf-8', 'utf-8-bom', 'cp1252'
PREVIEW_LINES = 5        # first lines of the file shown before importing (header included)
PREVIEW_WIDTH = 200      # characters of a previewed line
ZIP_MAGIC = b'PK\x03\x04'                          # an XLSX workbook is a zip archive
OLE_MAGIC = b'\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1'   # an Excel 97-2003 (.xls) workbook
# C0 control characters that a text file does not hold (tab, line feed, carriage return and
# form feed aside; NUL has its own message)
_CONTROL = re.compile('[\x01-\x08\x0b\x0e-\x1f]')


class TabularError(RuleError):
    """Raised with a message key and its values."""


def column_number(letters):
    """'A' -> 1, 'Z' -> 26, 'AA' -> 27, 'XFD' -> 16384."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord('A') + 1
    return number


def check_size(size, max_bytes=MAX_BYTES):
    if size > max_bytes:
        raise TabularError('size', size=size, max=max_bytes)


def _first_sheet_path(archive):
    """Path in the archive of the workbook's first sheet."""
    try:
        book = ElementTree.fromstring(archive.read('xl/workbook.xml'))
        rels = ElementTree.fromstring(archive.read('xl/_rels/workbook.xml.rels'))
    except (KeyError, ElementTree.ParseError):
        raise TabularError('xlsx')
    sheet = book.find('%ssheets/%ssheet' % (_NS_MAIN, _NS_MAIN))
    if sheet is None:
        raise TabularError('empty')
    rel_id = sheet.get(_NS_REL + 'id')
    for rel in rels.iter(_NS_PKG_REL + 'Relationship'):
        if rel.get('Id') == rel_id:
            target = rel.get('Target', '')
            return target.lstrip('/') if target.startswith('/') else 'xl/' + target
    raise TabularError('xlsx')


def xlsx_dimensions(content, max_rows=MAX_ROWS, max_columns=MAX_COLUMNS):
    """Check an XLSX from its metadata, without loading it: members not inflating beyond
    XLSX_MAX_UNZIPPED, and the first sheet's declared dimension (rows include the header)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, ValueError):
        raise TabularError('xlsx')
    with archive:
        if sum(info.file_size for info in archive.infolist()) > XLSX_MAX_UNZIPPED:
            raise TabularError('unzipped', max=XLSX_MAX_UNZIPPED)
        path = _first_sheet_path(archive)
        try:
            with archive.open(path) as sheet:
                head = sheet.read(65536)
        except KeyError:
            raise TabularError('xlsx')
    match = _DIMENSION.search(head)
    if match:
        last_col, last_row = match.group(3) or match.group(1), match.group(4) or match.group(2)
        if int(last_row) - 1 > max_rows:
            raise TabularError('rows', rows=int(last_row) - 1, max=max_rows)
        if column_number(last_col.decode()) > max_columns:
            raise TabularError('columns', columns=column_number(last_col.decode()),
                               max=max_columns)


def _line_of(data, index):
    """Line number (from 1) of the character or byte at ``index``."""
    return data.count(b'\n' if isinstance(data, bytes) else '\n', 0, index) + 1


def decode_text(content):
    """(text, encoding) of the bytes of a CSV file: UTF-8 with its byte order mark
    (UTF8_BOM), UTF-8 (UTF8, plain ASCII included) or Windows-1252 (CP1252). Refused:
    UTF-16 or UTF-32 ('utf16'), bytes that neither UTF-8 nor Windows-1252 read ('encoding',
    with the line and the byte), NUL characters ('nul') and other control characters of a
    binary file ('binary', with the line). Line breaks come back as '\\n'."""
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)) \
            or (content and content.count(b'\x00') * 3 >= len(content)):
        raise TabularError('utf16')
    text = encoding = None
    if content.startswith(codecs.BOM_UTF8):
        try:
            text, encoding = content[len(codecs.BOM_UTF8):].decode('utf-8'), UTF8_BOM
        except UnicodeDecodeError:
            content = content[len(codecs.BOM_UTF8):]
    if text is None:
        try:
            text, encoding = content.decode('utf-8'), UTF8
        except UnicodeDecodeError:
            try:
                text, encoding = content.decode('cp1252'), CP1252
            except UnicodeDecodeError as err:
                raise TabularError('encoding', line=_line_of(content, err.start),
                                   byte='0x%02X' % content[err.start])
    if '\x00' in text:
        raise TabularError('nul')
    text = text.rstrip('\x1a')  # the end-of-file mark of old DOS tools
    control = _CONTROL.search(text)
    if control:
        raise TabularError('binary', line=_line_of(text, control.start()),
                           char='0x%02X' % ord(control.group()))
    return text.replace('\r\n', '\n').replace('\r', '\n'), encoding


def csv_delimiter(first_line):
    """';' (French Excel), ',' or a tab: the one the header line uses most, ';' on a tie."""
    semicolons, commas, tabs = (first_line.count(c) for c in (';', ',', '\t'))
    if tabs > max(semicolons, commas):
        return '\t'
    return ';' if semicolons >= commas else ','


def _limited(rows, max_rows, max_columns):
    """The rows, refusing as soon as there are too many rows or columns (trailing empty
    cells of a spreadsheet row are not columns)."""
    result = []
    for row in rows:
        row = list(row)
        while row and row[-1] in (None, ''):
            row.pop()
        if len(row) > max_columns:
            raise TabularError('columns', columns=len(row), max=max_columns)
        result.append(row)
        if len(result) > max_rows + 1:
            raise TabularError('rows', rows=len(result) - 1, max=max_rows)
    return result


def read_table(content, filename, max_bytes=MAX_BYTES, max_rows=MAX_ROWS,
               max_columns=MAX_COLUMNS, details=False):
    """(header, rows) of the first sheet of an .xlsx, or of a .csv (';', ',' or tab).

    With ``details``, (header, rows, info) where info says what was read: 'format' ('csv'
    or 'xlsx'), 'encoding' (UTF8, UTF8_BOM or CP1252; None for an XLSX), 'delimiter',
    'sheet' (the name of the XLSX sheet read) and 'lines' (the first PREVIEW_LINES lines of
    the decoded text of a CSV, each cut at PREVIEW_WIDTH characters).
    """
    check_size(len(content or b''), max_bytes)
    name = (filename or '').lower()
    info = {'format': None, 'encoding': None, 'delimiter': None, 'sheet': None, 'lines': []}
    if name.endswith('.xlsx'):
        xlsx_dimensions(content, max_rows, max_columns)
        try:
            book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
            sheet = book.worksheets[0]
            sheet.reset_dimensions()  # never pad rows up to a declared dimension
            rows = _limited(sheet.iter_rows(values_only=True), max_rows, max_columns)
            info.update(format='xlsx', sheet=sheet.title)
        except TabularError:
            raise
        except Exception:
            raise TabularError('xlsx')
    elif name.endswith('.csv') or name.endswith('.txt'):
        if content.startswith(ZIP_MAGIC):
            raise TabularError('workbook', kind='xlsx')  # an XLSX workbook named .csv
        if content.startswith(OLE_MAGIC):
            raise TabularError('workbook', kind='xls')   # an Excel 97-2003 workbook
        text, encoding = decode_text(content)
        lines = text.count('\n')
        if lines > max_rows + 1:  # header, rows, final line break
            raise TabularError('rows', rows=lines - 1, max=max_rows)
        first = text.split('\n', 1)[0]
        delimiter = csv_delimiter(first)
        try:
            rows = _limited(csv.reader(io.StringIO(text), delimiter=delimiter), max_rows,
                            max_columns)
        except csv.Error:
            raise TabularError('csv')
        head = text.split('\n', PREVIEW_LINES)[:PREVIEW_LINES]
        while head and not head[-1]:
            head.pop()  # the final line break
        info.update(format='csv', encoding=encoding, delimiter=delimiter,
                    lines=[line if len(line) <= PREVIEW_WIDTH else line[:PREVIEW_WIDTH] + '…'
                           for line in head])
    else:
        raise TabularError('format', filename=filename)
    if not rows:
        raise TabularError('empty')
    header, rows = list(rows[0]), [list(r) for r in rows[1:]]
    return (header, rows, info) if details else (header, rows)


def csv_bytes(rows):
    """A CSV file as French Excel opens it with its accents: UTF-8 with a byte order mark,
    ';' between cells, CRLF line breaks; a text that a spreadsheet would run as a formula
    is escaped (rules.spreadsheet of asr_charter)."""
    stream = io.StringIO()
    writer = csv.writer(stream, delimiter=';', lineterminator='\r\n')
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return codecs.BOM_UTF8 + stream.getvalue().encode('utf-8')


# -- rows kept between the batches of a background import ---------------------------------
def _json_cell(value):
    if isinstance(value, datetime.datetime):
        return {'datetime': value.isoformat()}
    if isinstance(value, datetime.date):
        return {'date': value.isoformat()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _cell_from_json(obj):
    if 'datetime' in obj:
        return datetime.datetime.fromisoformat(obj['datetime'])
    if 'date' in obj:
        return datetime.date.fromisoformat(obj['date'])
    return obj


def dump_rows(header, rows):
    """The header and rows of a file, as compressed bytes that load_rows gives back
    unchanged (texts, numbers, booleans, empty cells, dates and date-times)."""
    data = {'header': [_json_cell(c) for c in header],
            'rows': [[_json_cell(c) for c in row] for row in rows]}
    return gzip.compress(json.dumps(data, ensure_ascii=False, separators=(',', ':'))
                         .encode('utf-8'), compresslevel=6)


def load_rows(data):
    """(header, rows) of bytes made by dump_rows."""
    loaded = json.loads(gzip.decompress(data).decode('utf-8'), object_hook=_cell_from_json)
    return loaded['header'], loaded['rows']
