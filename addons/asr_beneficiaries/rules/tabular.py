"""Reading a CSV or XLSX file into a header and rows (no Odoo import).

A file is refused before it is parsed when it is too big (``max_bytes``), when an XLSX
declares more rows or columns than allowed (its ``<dimension>``, read from the first bytes of
the sheet) or would inflate beyond ``XLSX_MAX_UNZIPPED`` (zip bomb), and when a CSV has more
lines than allowed (counted before parsing). While reading, rows and columns beyond the
limits are refused too, whatever the file declared. CSV files are read as UTF-8, or as
Windows-1252 (what French Excel writes) when they are not UTF-8.
"""
import csv
import io
import re
import zipfile
from xml.etree import ElementTree

import openpyxl

MAX_BYTES = 20 * 1024 * 1024       # the uploaded file
MAX_ROWS = 100000                  # rows after the header
MAX_COLUMNS = 50
XLSX_MAX_UNZIPPED = 200 * 1024 * 1024
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')
_NS_MAIN = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'
_NS_REL = '{http://schemas.openxmlformats.org/officeDocument/2006/relationships}'
_NS_PKG_REL = '{http://schemas.openxmlformats.org/package/2006/relationships}'


class TabularError(ValueError):
    def __init__(self, key, **values):
        super(TabularError, self).__init__(key)
        self.key = key
        self.values = values


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


def _decode(content):
    try:
        return content.decode('utf-8-sig')
    except UnicodeDecodeError:
        try:
            return content.decode('cp1252')
        except UnicodeDecodeError:
            raise TabularError('encoding')


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
               max_columns=MAX_COLUMNS):
    """(header, rows) of the first sheet of an .xlsx, or of a .csv (';' or ',')."""
    check_size(len(content or b''), max_bytes)
    name = (filename or '').lower()
    if name.endswith('.xlsx'):
        xlsx_dimensions(content, max_rows, max_columns)
        try:
            book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
            sheet = book.worksheets[0]
            sheet.reset_dimensions()  # never pad rows up to a declared dimension
            rows = _limited(sheet.iter_rows(values_only=True), max_rows, max_columns)
        except TabularError:
            raise
        except Exception:
            raise TabularError('xlsx')
    elif name.endswith('.csv') or name.endswith('.txt'):
        text = _decode(content)
        if '\x00' in text:
            raise TabularError('nul')
        lines = text.count('\n')
        if lines > max_rows + 1:  # header, rows, final line break
            raise TabularError('rows', rows=lines - 1, max=max_rows)
        first = text.split('\n', 1)[0]
        delimiter = ';' if first.count(';') >= first.count(',') else ','
        try:
            rows = _limited(csv.reader(io.StringIO(text), delimiter=delimiter), max_rows,
                            max_columns)
        except csv.Error:
            raise TabularError('csv')
    else:
        raise TabularError('format', filename=filename)
    if not rows:
        raise TabularError('empty')
    return list(rows[0]), [list(r) for r in rows[1:]]
