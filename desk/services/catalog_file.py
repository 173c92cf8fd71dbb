"""The catalog file: export, and import checked against ``resources/catalog/schema.json``.

An admin edits these files by hand or gets them from the province, so an error must say
where it is: the line, the field path (``procedures[3].fee.tiers[0].amount``) and the
procedure, in Vietnamese. Checking is all-or-nothing: one bad procedure rejects the file
before anything is written.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

import resources
from contract import limits
from desk.domain.errors import DomainError
from desk.domain.money import format_vnd
from desk.domain.procedure import ProcedureTemplate

SCHEMA_ID = "mot-cua-desk/catalog"


class CatalogFileError(DomainError):
    def __init__(self, message: str, *, line: int | None = None, path: str = "", code: str = ""):
        where = ", ".join(p for p in (f"dòng {line}" if line else "", f"trường {path}" if path else "") if p)
        where += f" (thủ tục {code})" if code else ""
        super().__init__(f"{where[:1].upper()}{where[1:]}: {message}" if where else message, field=path or None)
        self.line = line
        self.path = path


@dataclass(frozen=True)
class CatalogItem:
    template: ProcedureTemplate
    retired: bool = False


# -- where each value stands in the text -----------------------------------------------------
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?")
_SPACE = re.compile(r"[ \t\n\r]*")
_STRINGS = json.JSONDecoder()  # raw_decode at a '"' reads one string and says where it ends


def _match_end(pattern: re.Pattern[str], text: str, position: int) -> int:
    """Where ``pattern`` ends that matches at ``position``: blanks match anywhere (maybe none), and where text
    json.loads accepted has no string, literal or container, it has a number."""
    match = pattern.match(text, position)
    assert match is not None
    return match.end()


def value_lines(text: str) -> dict[tuple, int]:
    """Map every JSON path (a tuple of keys and indexes) to the line where its value starts.

    Only called on text ``json.loads`` accepted, so it can trust the syntax."""
    lines: dict[tuple, int] = {}
    newlines = [m.start() for m in re.finditer("\n", text)]

    def line_of(position: int) -> int:
        low, high = 0, len(newlines)
        while low < high:
            middle = (low + high) // 2
            if newlines[middle] < position:
                low = middle + 1
            else:
                high = middle
        return low + 1

    def skip(position: int) -> int:
        return _match_end(_SPACE, text, position)

    def value(position: int, path: tuple) -> int:
        position = skip(position)
        lines[path] = line_of(position)
        char = text[position]
        if char == "{":
            position = skip(position + 1)
            if text[position] == "}":
                return position + 1
            while True:
                key, position = _STRINGS.raw_decode(text, skip(position))
                position = skip(position) + 1  # the colon
                position = skip(value(position, path + (key,)))
                if text[position] == "}":
                    return position + 1
                position += 1  # the comma
        if char == "[":
            position = skip(position + 1)
            if text[position] == "]":
                return position + 1
            index = 0
            while True:
                position = skip(value(position, path + (index,)))
                index += 1
                if text[position] == "]":
                    return position + 1
                position += 1
        if char == '"':
            return _STRINGS.raw_decode(text, position)[1]
        for literal in ("true", "false", "null"):
            if text.startswith(literal, position):
                return position + len(literal)
        return _match_end(_NUMBER, text, position)

    value(0, ())
    return lines


def format_path(path) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


# -- checking ---------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _validator():
    from jsonschema import Draft202012Validator

    schema = json.loads(resources.CATALOG_SCHEMA.read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


TYPE_WORDS = {"string": "chuỗi chữ", "integer": "số nguyên", "number": "số", "boolean": "true hoặc false",
              "array": "danh sách [...]", "object": "đối tượng {...}", "null": "null"}


def _explain(error) -> str:
    """A jsonschema error in Vietnamese."""
    kind, expected = error.validator, error.validator_value
    if kind == "required":
        missing = re.search(r"'([^']+)' is a required property", error.message)
        return f"thiếu trường bắt buộc “{missing.group(1) if missing else expected}”."
    if kind == "additionalProperties":
        extra = re.findall(r"'([^']+)'", error.message.split("(")[-1])
        return f"trường không được phép: {', '.join(f'“{e}”' for e in extra)}."
    if kind == "type":
        types: list[str] = expected if isinstance(expected, list) else [expected]
        return f"phải là {' hoặc '.join(TYPE_WORDS.get(t, t) for t in types)}."
    if kind == "enum":
        return f"giá trị {json.dumps(error.instance, ensure_ascii=False)} không hợp lệ; chỉ nhận: " \
               f"{', '.join(json.dumps(v, ensure_ascii=False) for v in expected)}."
    if kind == "const":
        return f"phải là {json.dumps(expected, ensure_ascii=False)}."
    if kind == "pattern":
        return f"giá trị {json.dumps(error.instance, ensure_ascii=False)} không đúng định dạng."
    if kind == "minLength":
        return "không được để trống."
    if kind == "maxLength":
        return f"dài quá {expected} ký tự."
    if kind == "minimum":
        return f"phải từ {expected} trở lên."
    if kind == "maximum":
        return f"không được lớn hơn {expected}."
    if kind == "oneOf":
        return "phải là số nguyên không âm hoặc null."
    return error.message


def parse_catalog(text: str) -> list[CatalogItem]:
    """Every procedure of a catalog file, or a CatalogFileError naming the first problem's line and field."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CatalogFileError(f"tệp không phải JSON hợp lệ (cột {exc.colno}: {exc.msg}).", line=exc.lineno) from None
    lines = value_lines(text)

    def fail(message: str, path: tuple):
        line = next((lines[path[:n]] for n in range(len(path), -1, -1) if path[:n] in lines), None)
        code = ""
        if len(path) >= 2 and path[0] == "procedures" and isinstance(data, dict):
            try:
                code = str(data["procedures"][path[1]].get("code", ""))
            except (IndexError, KeyError, AttributeError, TypeError):
                code = ""
        raise CatalogFileError(message, line=line, path=format_path(path), code=code)

    errors = sorted(_validator().iter_errors(data), key=lambda e: (lines.get(tuple(e.absolute_path), 0),
                                                                 len(e.absolute_path)))
    if errors:
        # The deepest error at the first place: "fee.kind" says more than "fee".
        first = errors[0]
        fail(_explain(first), tuple(first.absolute_path))
    items: list[CatalogItem] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(data["procedures"]):
        try:
            template = ProcedureTemplate.from_dict(item)
        except DomainError as exc:
            field = (exc.field or "").split(".")
            path = ("procedures", index, *(f for f in field if f and f in item)) if field else ("procedures", index)
            fail(str(exc), path)
        if template.code in seen:
            fail(f"mã thủ tục {template.code} đã có ở thủ tục thứ {seen[template.code] + 1}.",
                 ("procedures", index, "code"))
        seen[template.code] = index
        items.append(CatalogItem(template, bool(item.get("retired", False))))
    return items


FIELD_WORDS = {"code": "Mã thủ tục", "provincial_code": "Mã của tỉnh", "name": "Tên thủ tục", "sector": "Lĩnh vực",
               "level": "Mức độ", "processing": "Thời hạn", "fee": "Lệ phí", "documents": "Thành phần hồ sơ",
               "extra_fields": "Trường bổ sung", "result_documents": "Kết quả", "return_place": "Nơi trả kết quả",
               "processing_verification": "Thời hạn khi phải xác minh", "verification_label": "Trường hợp xác minh",
               "cross_boundary": "Tiếp nhận không phụ thuộc địa giới"}


def check_template(template: ProcedureTemplate) -> None:
    """Refuse a template the catalog file could not carry, so that every saved template exports and
    imports again (the editor and an import check the same rules)."""
    wrapped = {"schema": "mot-cua-desk/catalog", "procedures": [template.to_dict()]}
    errors = sorted(_validator().iter_errors(wrapped), key=lambda e: len(e.absolute_path))
    if errors:
        error = errors[-1]
        path = tuple(error.absolute_path)[2:]
        where = FIELD_WORDS.get(str(path[0]), str(path[0])) if path else "Thủ tục"
        detail = format_path(path[1:])
        raise DomainError(f"{where}{f' ({detail})' if detail else ''}: {_explain(error)}",
                          field=".".join(str(p) for p in path if not isinstance(p, int)))
    check_contract_limits(template)


def check_contract_limits(template: ProcedureTemplate) -> None:
    """What the province would refuse in every dossier of this procedure (contract/limits.py)."""
    fee = template.fee
    amounts = [fee.amount, fee.cap_per_copy or 0, *(tier.amount for tier in fee.tiers)]
    if max(amounts) > limits.MAX_FEE_VND:
        raise DomainError(f"Lệ phí vượt mức hệ thống của tỉnh nhận được ({format_vnd(limits.MAX_FEE_VND)}): kiểm "
                          "tra lại số tiền (có thể thừa chữ số 0).", field="fee")
    if len(template.documents) > limits.MAX_DOSSIER_DOCUMENTS:
        raise DomainError(f"Một thủ tục có tối đa {limits.MAX_DOSSIER_DOCUMENTS} giấy tờ (hệ thống của tỉnh không "
                          "nhận nhiều hơn).", field="documents")


def dump_catalog(items: list[CatalogItem], *, source: str = "", exported_utc: str = "") -> str:
    procedures = []
    for item in items:
        data = item.template.to_dict()
        if item.retired:
            data["retired"] = True
        procedures.append(data)
    document = {"schema": SCHEMA_ID, "version": 1, "source": source, "exported_utc": exported_utc,
                "procedures": procedures}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
