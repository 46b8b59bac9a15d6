"""Build-time reading of the editors' YAML files: line-aware parsing, schema checks, Korean errors.

Only CPython at build time imports this module (it needs PyYAML and jsonschema); the browser gets
the already-checked data as JSON.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path as FsPath
from typing import Any

import jsonschema
import yaml

from .bundle import BUNDLE_VERSION, Bundle
from .data import Path, directory_from_dict
from .errors import DataError
from .hours import HolidayCalendar
from .model import PHASES, Checklist, Directory, Kinds
from .rules import checklist_from_dict, kinds_from_dict

__all__ = [
    "CONTACTS_SCHEMA",
    "SITUATION_SCHEMA",
    "LoadedYaml",
    "SiteData",
    "build_bundle",
    "checklist_schema",
    "guide_pages",
    "guide_titles",
    "korean_holidays",
    "load_checklist",
    "load_directory",
    "load_kinds",
    "load_site_data",
    "load_yaml",
    "validate",
]

_ID = {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"}
# An unverified fact's source is a sentence for the reader; a verified fact's source is the official
# page that confirms it (data.py checks which form goes with which, and that the page is official).
_SOURCE = {
    "oneOf": [
        {"type": "string", "minLength": 1},
        {
            "type": "object",
            "required": ["url", "says"],
            "additionalProperties": False,
            "properties": {
                "url": {"type": "string", "minLength": 1},
                "says": {"type": "string", "minLength": 1},
                "copy": {"type": "string", "format": "date"},
            },
        },
    ]
}
_VERIFICATION = {
    "source": _SOURCE,
    "verified_on": {"type": "string", "format": "date"},
    "unverified": {"const": True},
    "check_at": _ID,
}
_TIMES = {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}, "minItems": 1}]}

CONTACTS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["hotline", "contacts", "channels"],
    "additionalProperties": False,
    "properties": {
        "hotline": _ID,
        "contacts": {
            "type": "object",
            "propertyNames": _ID,
            "minProperties": 1,
            "additionalProperties": {
                "type": "object",
                "required": ["name", "kind", "value", "source"],
                "additionalProperties": False,
                "properties": {
                    "name": {"type": "string", "minLength": 1},
                    "kind": {"enum": ["phone", "web", "app", "chat"]},
                    "value": {"type": ["string", "null"], "minLength": 1},
                    "domestic_only": {"type": "boolean"},
                    **_VERIFICATION,
                },
            },
        },
        "channels": {
            "type": "object",
            "propertyNames": _ID,
            "minProperties": 1,
            "additionalProperties": {
                "type": "object",
                "required": ["name", "hours", "source"],
                "additionalProperties": False,
                "properties": {
                    "name": {"type": "string", "minLength": 1},
                    "contact": {"type": ["string", "null"]},
                    "hours": {
                        "oneOf": [
                            {"enum": ["always", "unknown"]},
                            {"type": "object", "minProperties": 1, "additionalProperties": _TIMES},
                        ]
                    },
                    "hours_claim": {"const": "reported"},
                    **_VERIFICATION,
                },
            },
        },
    },
}

_TYPE_KO = {
    "string": "글자(문자열)",
    "object": "항목 묶음(키: 값)",
    "array": "목록(- 로 시작하는 줄)",
    "integer": "정수",
    "number": "숫자",
    "boolean": "true 또는 false",
    "null": "비어 있음(null)",
}


class LoadedYaml:
    """Parsed YAML plus the line of every key path, so any later check can point at a line."""

    def __init__(self, file: str, data: Any, lines: dict[Path, int]) -> None:
        self.file = file
        self.data = data
        self.lines = lines

    def locate(self, path: Path) -> tuple[str | None, int | None]:
        # Fall back to the closest ancestor that has a line (e.g. a missing key -> its parent).
        while path and path not in self.lines:
            path = path[:-1]
        return self.file, self.lines.get(path, 1)

    def error(self, path: Path, message: str) -> DataError:
        file, line = self.locate(path)
        return DataError(message, file=file, line=line)


def _build(node: yaml.Node, path: Path, lines: dict[Path, int], loader: yaml.SafeLoader, file: str) -> Any:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if isinstance(key, (dict, list)):
                raise DataError("키로 쓸 수 없는 값입니다", file=file, line=key_node.start_mark.line + 1)
            key = str(key)
            if key in out:
                raise DataError(f"'{key}' 키가 두 번 나옵니다. 하나를 지워 주세요", file=file, line=key_node.start_mark.line + 1)
            lines[path + (key,)] = key_node.start_mark.line + 1
            out[key] = _build(value_node, path + (key,), lines, loader, file)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), lines, loader, file) for i, item in enumerate(node.value)]
    try:
        value = loader.construct_object(node, deep=True)
    except ValueError:  # e.g. 2026-13-45 looks like a date but is none: let the schema say so
        value = node.value
    # Dates become ISO strings so the same data serialises to JSON for the browser.
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return value


def load_yaml(path: FsPath, display: str | None = None) -> LoadedYaml:
    """Parse a YAML file, remembering lines; syntax errors become a Korean DataError with the line."""
    file = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError("파일이 없습니다", file=file) from None
    except UnicodeDecodeError:
        raise DataError("UTF-8로 저장된 파일이 아닙니다. 편집기에서 UTF-8로 다시 저장해 주세요", file=file) from None
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise DataError(
            f"YAML 문법 오류입니다. 들여쓰기, 콜론(:) 뒤의 띄어쓰기, 따옴표 짝을 확인하세요 ({exc.problem})",
            file=file,
            line=line,
        ) from None
    finally:
        loader.dispose()
    if node is None:
        raise DataError("파일이 비어 있습니다", file=file, line=1)
    lines: dict[Path, int] = {}
    return LoadedYaml(file, _build(node, (), lines, loader, file), lines)


def path_text(path: Path) -> str:
    """A key path as editors count: ('steps', 7, 'title') -> 'steps의 8번째 항목의 title' (lists count from 1)."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text = f"{text}의 {part + 1}번째 항목" if text else f"{part + 1}번째 항목"
        elif text.endswith("항목"):
            text = f"{text}의 {part}"
        else:
            text = f"{text}.{part}" if text else str(part)
    return text or "(파일 전체)"


def _focus(error: jsonschema.ValidationError) -> jsonschema.ValidationError:
    """For a 'oneOf' that failed inside one of its choices (a wrong item in a list), that inner error."""
    if error.validator == "oneOf" and error.context:
        deeper = max(error.context, key=lambda e: len(e.absolute_path))
        if len(deeper.absolute_path) > len(error.absolute_path):
            return _focus(deeper)
    return error


def _as_written(value: Any) -> str:
    """A value as an editor types it in YAML: true/false/null, not Python's True/False/None."""
    return {True: "true", False: "false", None: "null"}.get(value, str(value)) if isinstance(value, bool | None) else str(value)


def _alternatives(schemas: list[Mapping[str, Any]]) -> str:
    """What a oneOf accepts, in editors' words: 'always, 또는 lost, stolen, ... 중 하나 이상을 적은 항목'."""
    said = []
    for schema in schemas:
        if "const" in schema:
            said.append(_as_written(schema["const"]))
        elif "enum" in schema:
            said.append(", ".join(map(_as_written, schema["enum"])))
        elif schema.get("type") == "object" and schema.get("properties"):
            said.append("{" + ", ".join(schema["properties"]) + "} 중 하나 이상을 적은 항목")
        elif "type" in schema:
            types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
            said.append(" 또는 ".join(_TYPE_KO.get(t, t) for t in types))
    return ", 또는 ".join(said)


def _message(error: jsonschema.ValidationError) -> str:
    name = path_text(tuple(error.absolute_path))
    match error.validator:
        case "required":
            missing = next((k for k in error.validator_value if k not in error.instance), "?")
            return f"'{name}'에 꼭 필요한 항목 '{missing}'이(가) 없습니다"
        case "type":
            wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
            return f"'{name}'의 값은 {' 또는 '.join(_TYPE_KO.get(t, t) for t in wanted)}이어야 합니다 (지금 값: {error.instance!r})"
        case "enum" | "const":
            allowed = error.validator_value if error.validator == "enum" else [error.validator_value]
            if "x-or" in error.schema:  # `when: sometimes`: name both forms a rule may take
                return f"'{name}'의 값 {error.instance!r}은(는) 쓸 수 없습니다. 쓸 수 있는 것: {_alternatives([error.schema, error.schema['x-or']])}"
            return f"'{name}'의 값 {error.instance!r}은(는) 쓸 수 없습니다. 쓸 수 있는 값: {', '.join(map(_as_written, allowed))}"
        case "additionalProperties":
            extra = next((k for k in error.instance if k not in error.schema.get("properties", {})), "?")
            return f"'{name}'에 알 수 없는 항목 '{extra}'이(가) 있습니다. 오타인지 확인하세요"
        case "pattern" | "propertyNames":
            return f"'{name}'의 id {error.instance!r}는 영어 소문자, 숫자, 밑줄(_)만 쓸 수 있고 소문자로 시작해야 합니다"
        case "format":
            return f"'{name}'의 날짜 {error.instance!r}는 YYYY-MM-DD 형식이어야 합니다"
        case "minLength" | "minProperties" | "minItems":
            return f"'{name}'이(가) 비어 있습니다"
        case "oneOf" if isinstance(error.instance, dict) and name.endswith(".source"):
            # A source mapping: say what is wrong inside it, not just "wrong shape".
            inner = [e for e in error.context or [] if e.validator != "type"]
            return _message(inner[0]) if inner else f"'{name}'의 형식이 맞지 않습니다 (지금 값: {error.instance!r})"
        case "oneOf":
            return f"'{name}'의 값 {error.instance!r}은(는) 쓸 수 없습니다. 쓸 수 있는 것: {_alternatives(error.validator_value)}"
        case _:
            return f"'{name}'의 값이 맞지 않습니다: {error.message}"


def _error_path(error: jsonschema.ValidationError) -> Path:
    """Where to point: the offending key itself for an unknown key, else the value."""
    path = tuple(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        extra = [k for k in error.instance if k not in error.schema.get("properties", {})]
        if extra:
            return (*path, extra[0])
    return path


def validate(loaded: LoadedYaml, schema: Mapping[str, Any]) -> None:
    """Check against a JSON schema; report every problem, sorted by line, as one DataError."""
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted((_focus(e) for e in validator.iter_errors(loaded.data)), key=lambda e: loaded.locate(_error_path(e))[1] or 0)
    if not errors:
        return
    problems = [loaded.error(_error_path(e), _message(e)) for e in errors]
    if len(problems) == 1:
        raise problems[0]
    first = problems[0]
    details = "\n".join(f"  {p}" for p in problems)
    raise DataError(f"{len(problems)}개의 문제가 있습니다:\n{details}", file=first.file, line=first.line)


def _no_future_checks(loaded: LoadedYaml, today: _dt.date) -> None:
    """A fact cannot have been checked on a day that has not come yet (a typo in verified_on)."""
    for section in ("contacts", "channels"):
        for item_id, item in loaded.data[section].items():
            checked = item.get("verified_on")
            if checked is not None and _dt.date.fromisoformat(checked) > today:
                raise loaded.error(
                    (section, item_id, "verified_on"),
                    f"verified_on {checked}은(는) 오늘({today.isoformat()})보다 뒤입니다. 실제로 확인한 날짜를 적어 주세요",
                )


def load_directory(
    path: FsPath, display: str | None = None, today: _dt.date | None = None
) -> tuple[Directory, dict[str, Any]]:
    """contacts.yml -> (checked Directory, plain data for the browser)."""
    loaded = load_yaml(path, display)
    return _checked_directory(loaded, today), loaded.data


def _checked_directory(loaded: LoadedYaml, today: _dt.date | None = None) -> Directory:
    validate(loaded, CONTACTS_SCHEMA)
    _no_future_checks(loaded, today or _dt.date.today())
    return directory_from_dict(loaded.data, loaded.locate)


# --- The kinds of lost items and the flags (checklist.yml, section `situation`) ------------------
_KIND_ID = {"type": "string", "pattern": "^[a-z][a-z0-9-]*$"}
_LABEL = {"type": "string", "minLength": 1}

SITUATION_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["lost", "flags"],
    "additionalProperties": False,
    "properties": {
        "lost": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["id", "label"],
                "additionalProperties": False,
                "properties": {"id": _KIND_ID, "label": _LABEL},
            },
        },
        "flags": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "label", "question"],
                "additionalProperties": False,
                "properties": {"id": _KIND_ID, "label": _LABEL, "question": _LABEL},
            },
        },
    },
}


def _ids(raw_situation: Any, group: str) -> list[str]:
    """The ids an editor declared (whatever else is wrong there, the schema reports it)."""
    items = raw_situation.get(group) if isinstance(raw_situation, Mapping) else None
    if not isinstance(items, list):
        return []
    return [str(item["id"]) for item in items if isinstance(item, Mapping) and "id" in item]


def _condition_schema(situation: Any) -> dict[str, Any]:
    """A when/unless mapping: `lost` from the declared kinds, flags by their declared ids (true).

    Without a readable ``situation`` section only the shape is checked: that section's own error
    is the one to fix first, not one "unknown id" per rule.
    """
    if not isinstance(situation, Mapping) or not _ids(situation, "lost"):
        return {"type": "object", "minProperties": 1, "properties": {"lost": {"type": "array", "minItems": 1}}}
    flag_ids = _ids(situation, "flags")
    # propertyNames with an enum makes an unknown key fail with the list of allowed ones.
    return {
        "type": "object",
        "minProperties": 1,
        "propertyNames": {"enum": ["lost", *flag_ids]},
        "properties": {
            "lost": {"type": "array", "minItems": 1, "items": {"enum": _ids(situation, "lost")}},
            **{flag: {"const": True} for flag in flag_ids},
        },
    }


def checklist_schema(raw: Any) -> dict[str, Any]:
    """The schema of checklist.yml, with the kind and flag ids its own ``situation`` section declares."""
    condition = _condition_schema(raw.get("situation") if isinstance(raw, Mapping) else None)
    # A list of conditions: every one must hold (e.g. abroad and a lost card).
    one_or_all = {"if": {"type": "array"}, "then": {"type": "array", "minItems": 2, "items": condition}, "else": condition}
    return {
        "type": "object",
        "required": ["situation", "rules", "steps"],
        "additionalProperties": False,
        "properties": {
            "situation": SITUATION_SCHEMA,
            "rules": {
                "type": "object",
                "propertyNames": _ID,
                "minProperties": 1,
                "additionalProperties": {
                    "type": "object",
                    "required": ["description", "when"],
                    "additionalProperties": False,
                    "properties": {
                        "description": {"type": "string", "minLength": 1},
                        # if/then/else, not oneOf: a mistake inside the mapping is reported as itself.
                        # "x-or" (ignored by the validator) lets the message also name the mapping form.
                        "when": {"if": {"type": "string"}, "then": {"const": "always", "x-or": condition}, "else": one_or_all},
                        "unless": one_or_all,
                    },
                },
            },
            "steps": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "required": ["id", "title", "phase", "channel", "page", "rule"],
                    "additionalProperties": False,
                    "properties": {
                        "id": _ID,
                        "title": {"type": "string", "minLength": 1},
                        "phase": {"enum": list(PHASES)},
                        "channel": {"oneOf": [_ID, {"type": "null"}]},
                        "page": {"type": "string", "pattern": "^[a-z0-9-]+(/[a-z0-9-]+)*[.]md$"},
                        "rule": _ID,
                    },
                },
            },
        },
    }


def guide_pages(docs_dir: FsPath) -> frozenset[str]:
    """Markdown pages under docs/, as the paths checklist.yml uses ('lost/phone.md')."""
    return frozenset(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md"))


def guide_titles(docs_dir: FsPath, pages: Iterable[str]) -> dict[str, str]:
    """The title of each guide page ('lost/phone.md' -> '휴대폰(케이뱅크 앱)을 잃어버렸을 때').

    Front matter ``title:`` first, else the first '# ' heading, as MkDocs does; links in the plan
    say where they go with it.
    """
    titles = {}
    for page in pages:
        text = (docs_dir / page).read_text(encoding="utf-8")
        body = text
        if text.startswith("---\n"):
            meta_text, _, body = text[4:].partition("\n---\n")
            try:
                meta = yaml.safe_load(meta_text) or {}
            except yaml.YAMLError:  # the page checks report it with its line; a title is not worth failing for
                meta = {}
            if isinstance(meta, dict) and isinstance(meta.get("title"), str):
                titles[page] = meta["title"]
                continue
        heading = next((line[2:].strip() for line in body.splitlines() if line.startswith("# ")), None)
        if heading:
            titles[page] = heading
    return titles


def load_checklist(
    path: FsPath, directory: Directory, display: str | None = None, pages: frozenset[str] | None = None
) -> tuple[Checklist, dict[str, Any]]:
    """checklist.yml -> (checked Checklist, plain data for the browser)."""
    loaded = load_yaml(path, display)
    return _checked_checklist(loaded, directory, pages), loaded.data


def _checked_checklist(loaded: LoadedYaml, directory: Directory, pages: frozenset[str] | None) -> Checklist:
    validate(loaded, checklist_schema(loaded.data))
    return checklist_from_dict(loaded.data, directory, loaded.locate, pages)


def holiday_years() -> tuple[int, int]:
    """The first and last year the holidays library knows Korean public holidays for (1948-2100 in 0.109)."""
    import holidays

    return holidays.KR.start_year, holidays.KR.end_year


def load_kinds(path: FsPath, display: str | None = None) -> Kinds:
    """Only checklist.yml's ``situation`` section -> Kinds (the CLI needs them to know its options)."""
    loaded = load_yaml(path, display)
    validate(loaded, {"type": "object", "required": ["situation"], "properties": {"situation": SITUATION_SCHEMA}})
    return kinds_from_dict(loaded.data["situation"], loaded.locate)


def korean_holidays(years: tuple[int, ...] | list[int]) -> dict[str, Any]:
    """Korean public holidays, substitute holidays included, for the span of ``years`` (JSON-able).

    Years are passed in (not read from the clock) so builds and tests are reproducible.
    """
    import holidays  # build-time only, like yaml and jsonschema

    first, last = min(years), max(years)
    known_first, known_last = holiday_years()
    if first < known_first or last > known_last:
        raise DataError(f"{first}~{last}년의 공휴일은 알 수 없습니다. {known_first}년부터 {known_last}년 사이만 됩니다")
    span = list(range(first, last + 1))
    calendar = holidays.country_holidays("KR", years=span, language="ko")
    return {
        "first_year": first,
        "last_year": last,
        "dates": {day.isoformat(): name for day, name in sorted(calendar.items())},
        "source": f"holidays {holidays.__version__} (KR)",
    }


def holiday_calendar(raw: Mapping[str, Any]) -> HolidayCalendar:
    """The dict of ``korean_holidays`` -> the engine's calendar (no second parse of the bundle)."""
    dates = {_dt.date.fromisoformat(day): str(name) for day, name in raw["dates"].items()}
    return HolidayCalendar(int(raw["first_year"]), int(raw["last_year"]), dates)


@dataclass(frozen=True, slots=True)
class SiteData:
    """docs/data loaded and checked once: the engine objects, the browser's JSON and the YAML lines.

    ``raw`` is the JSON-able bundle the browser receives (bundle.json); ``contacts_yaml`` and
    ``checklist_yaml`` keep the line of every key for later messages (e.g. facts due for re-checking).
    """

    bundle: Bundle
    raw: Mapping[str, Any]
    contacts_yaml: LoadedYaml
    checklist_yaml: LoadedYaml


def shown_path(path: FsPath, root: FsPath | None) -> str:
    """How a file is named in messages: from ``root`` (the repository) when it lies inside, else absolute."""
    path = path.resolve()
    if root is not None:
        try:
            return path.relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return str(path)


def load_site_data(
    data_dir: FsPath,
    years: tuple[int, ...] | list[int],
    *,
    pages: frozenset[str] | None = None,
    display_root: FsPath | None = None,
    today: _dt.date | None = None,
) -> SiteData:
    """Read contacts.yml and checklist.yml in ``data_dir`` itself, check them, add the holidays of ``years``.

    ``pages``: the guide pages that exist (None skips that check); ``display_root``: file names in
    messages are written from there (the repository root). Raises DataError (Korean, file:line).
    """
    contacts_path, checklist_path = data_dir / "contacts.yml", data_dir / "checklist.yml"
    contacts_yaml = load_yaml(contacts_path, shown_path(contacts_path, display_root))
    directory = _checked_directory(contacts_yaml, today)
    checklist_yaml = load_yaml(checklist_path, shown_path(checklist_path, display_root))
    checklist = _checked_checklist(checklist_yaml, directory, pages)
    holidays = korean_holidays(years)
    raw = {"version": BUNDLE_VERSION, "contacts": contacts_yaml.data, "checklist": checklist_yaml.data, "holidays": holidays}
    titles: dict[str, str] = {}
    if pages is not None:  # a site build: the plan's links say where they go with the guides' titles
        titles = guide_titles(FsPath(data_dir).parent, dict.fromkeys(step["page"] for step in checklist_yaml.data["steps"]))
        raw["pages"] = titles
    bundle = Bundle(directory=directory, checklist=checklist, calendar=holiday_calendar(holidays), page_titles=titles)
    return SiteData(bundle=bundle, raw=raw, contacts_yaml=contacts_yaml, checklist_yaml=checklist_yaml)


def build_bundle(docs_dir: FsPath, years: tuple[int, ...] | list[int], display_root: FsPath | None = None) -> dict[str, Any]:
    """Everything the engine needs, checked, as one JSON-able dict: contacts, checklist, holidays.

    ``docs_dir`` is the docs folder (data in docs_dir/data, pages checked against it);
    ``display_root`` makes file names in errors relative (default: the folder above docs/).
    """
    root = display_root if display_root is not None else docs_dir.parent
    return dict(load_site_data(docs_dir / "data", years, pages=guide_pages(docs_dir), display_root=root).raw)
