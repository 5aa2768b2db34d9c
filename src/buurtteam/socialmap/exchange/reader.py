"""Reading an uploaded HSDS file: JSON (any of the standard's shapes) or the tabular ZIP data package.

Nothing here touches the database. Whatever is wrong with the file as a whole (too large, not JSON, not a
ZIP, a table missing, a broken CSV row) becomes a :class:`FileRejected` or a row-level problem with a Dutch
message; a file is never half read.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from buurtteam.socialmap.exchange.spec import NUMBER, SPECS, STRING, TABLES, Problem

MAX_BYTES = 10 * 1024 * 1024
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024


def max_bytes() -> int:
    return int(getattr(settings, "HSDS_IMPORT_MAX_BYTES", MAX_BYTES))


class FileRejected(ValueError):
    """The file as a whole cannot be read; the message says why, in Dutch."""


@dataclass
class Row:
    """One row of a tabular table (or an object of a JSON tabular document), with where it came from."""

    data: dict[str, Any]
    where: str
    problems: list[Problem] = field(default_factory=list)


@dataclass
class Upload:
    """What a file held: a JSON document, or the rows of the tabular tables."""

    format: str  # "json" or "tabular"
    document: Any = None
    tables: dict[str, list[Row]] = field(default_factory=dict)


def read_upload(content: bytes, filename: str = "") -> Upload:
    """Parse an upload, or raise :class:`FileRejected`."""
    limit = max_bytes()
    if len(content) > limit:
        raise FileRejected(
            _("Het bestand is groter dan %(mb)s MB; splits het in kleinere bestanden.")
            % {"mb": limit // (1024 * 1024)}
        )
    if not content.strip():
        raise FileRejected(_("Het bestand is leeg."))
    if content[:4] == b"PK\x03\x04" or filename.lower().endswith(".zip"):
        return _read_zip(content)
    return _read_json(content)


def _decode(content: bytes, name: str) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileRejected(
            _("%(name)s is geen UTF-8-tekst (fout bij byte %(pos)s).") % {"name": name, "pos": exc.start}
        ) from exc


def _read_json(content: bytes) -> Upload:
    text = _decode(content, _("Het bestand"))
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FileRejected(
            _("Het bestand is geen geldige JSON: %(msg)s (regel %(line)s, kolom %(col)s).")
            % {"msg": exc.msg, "line": exc.lineno, "col": exc.colno}
        ) from exc
    except RecursionError as exc:
        raise FileRejected(_("Het bestand is te diep genest om te lezen.")) from exc
    if isinstance(document, dict) and any(str(key).endswith(".csv") for key in document):
        return _tabular_from_json(document)
    if not isinstance(document, dict | list):
        raise FileRejected(_("Het bestand bevat geen HSDS-object of -lijst."))
    return Upload(format="json", document=document)


def _tabular_from_json(document: dict[str, Any]) -> Upload:
    """The tables of the data package written out as JSON (the standard's tabular example)."""
    upload = Upload(format="tabular")
    for table, rows in document.items():
        if table not in TABLES:
            continue
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise FileRejected(_("%(table)s moet een lijst van rijen zijn.") % {"table": table})
        upload.tables[table] = [
            Row(_coerce_json_row(table, row), _("%(table)s rij %(n)s") % {"table": table, "n": i + 1})
            for i, row in enumerate(rows)
        ]
    if not upload.tables:
        raise FileRejected(_("Het bestand bevat geen HSDS-tabellen."))
    return upload


def _coerce_json_row(table: str, row: dict[str, Any]) -> dict[str, Any]:
    """Tabular values are text: numbers in text columns are read as text (as a CSV file would give them)."""
    spec = SPECS[TABLES[table]]
    result: dict[str, Any] = {}
    for key, value in row.items():
        spec_field = spec.by_name.get(key)
        if spec_field is not None and spec_field.kind != NUMBER and isinstance(value, int | float):
            value = str(value)
        result[key] = value
    return result


def _read_zip(content: bytes) -> Upload:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise FileRejected(_("Het bestand is geen geldig ZIP-bestand.")) from exc
    if sum(info.file_size for info in infos) > MAX_UNZIPPED_BYTES:
        raise FileRejected(_("Het ZIP-bestand is uitgepakt groter dan 100 MB."))
    names = {info.filename.rsplit("/", 1)[-1]: info.filename for info in infos if not info.is_dir()}
    listed = _datapackage_tables(archive, names)
    missing = [table for table in listed if table not in names]
    if missing:
        raise FileRejected(
            _("Het ZIP-bestand mist tabellen die in datapackage.json staan: %(tables)s.")
            % {"tables": ", ".join(missing)}
        )
    upload = Upload(format="tabular")
    for table in TABLES:
        if table in names:
            upload.tables[table] = _read_csv(archive, names[table], table)
    if not upload.tables:
        raise FileRejected(
            _("Het ZIP-bestand bevat geen HSDS-tabellen (zoals organizations.csv en services.csv).")
        )
    return upload


def _datapackage_tables(archive: zipfile.ZipFile, names: dict[str, str]) -> list[str]:
    if "datapackage.json" not in names:
        return []
    try:
        package = json.loads(_decode(archive.read(names["datapackage.json"]), "datapackage.json"))
    except (json.JSONDecodeError, zipfile.BadZipFile, OSError, RecursionError) as exc:
        raise FileRejected(_("datapackage.json is geen geldige JSON.")) from exc
    resources = package.get("resources") if isinstance(package, dict) else None
    if not isinstance(resources, list):
        raise FileRejected(_("datapackage.json heeft geen lijst resources."))
    tables = []
    for resource in resources:
        path = resource.get("path") if isinstance(resource, dict) else None
        if isinstance(path, str) and path.rsplit("/", 1)[-1] in TABLES:
            tables.append(path.rsplit("/", 1)[-1])
    return tables


def _read_csv(archive: zipfile.ZipFile, member: str, table: str) -> list[Row]:
    try:
        raw = archive.read(member)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise FileRejected(_("%(table)s kan niet worden uitgepakt.") % {"table": table}) from exc
    text = _decode(raw, table)
    spec = SPECS[TABLES[table]]
    try:
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        header = next(reader, None)
        if header is None:
            return []
        header = [h.strip() for h in header]
        if "id" not in header:
            raise FileRejected(_("%(table)s heeft geen kolom id.") % {"table": table})
        rows: list[Row] = []
        for record in reader:
            line = reader.line_num
            where = _("%(table)s rij %(n)s") % {"table": table, "n": line}
            if not any(cell.strip() for cell in record):
                continue
            problems: list[Problem] = []
            if len(record) != len(header):
                problems.append(
                    Problem(
                        where,
                        "*",
                        _("heeft %(got)s kolommen, de kop heeft er %(want)s")
                        % {"got": len(record), "want": len(header)},
                    )
                )
                rows.append(Row({}, where, problems))
                continue
            data: dict[str, Any] = {}
            for name, cell in zip(header, record, strict=True):
                spec_field = spec.by_name.get(name)
                if spec_field is None:
                    continue  # unknown columns are ignored
                if cell == "":
                    if name in spec.required and spec_field.kind == STRING:
                        data[name] = ""  # a required text may be empty; other empty cells are absent values
                    continue
                if spec_field.kind == NUMBER:
                    try:
                        number = float(
                            cell.replace(",", ".") if cell.count(",") == 1 and "." not in cell else cell
                        )
                    except ValueError:
                        problems.append(Problem(where, name, _("moet een getal zijn")))
                        continue
                    data[name] = int(number) if number.is_integer() else number
                else:
                    data[name] = cell
            rows.append(Row(data, where, problems))
    except csv.Error as exc:
        raise FileRejected(
            _("%(table)s is geen geldig CSV-bestand (rij %(n)s): %(msg)s")
            % {"table": table, "n": reader.line_num, "msg": exc}
        ) from exc
    return rows
