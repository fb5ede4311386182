"""The published schema (dist/assessment.schema.json) is a contract that other people's tools read:
jsonschema, with its [format] extra so that formats are checked as they would be, gives the same
verdict as `mpw-static validate` on every file of the hostile corpus and on generated files. The only
files left out are those of the classes the schema's description lists as beyond JSON Schema, and
each of those must be one that validate refuses."""

from __future__ import annotations

import itertools
import json
import os
import random
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from assessment_files import IDS, SEED, generated_files, valid_file
from mpw_static.assessment_file import (
    MAX_BYTES,
    DuplicateKey,
    check_assessment_bytes,
    decode,
    lone_surrogate_at,
    unique_keys,
)
from support import CORPUS_NAMES

# Beyond JSON Schema, as the schema's description lists them: each a name and its words there.
BEYOND = {
    "duplicate key": "a key written twice in one object",
    "lone surrogate": "text holding a lone surrogate",
    "size": f"a file of more than {MAX_BYTES:,} bytes",
    "encoding": "a file that is not UTF-8 (a byte order mark is allowed) or UTF-16 with a byte order mark",
    "number too long": "a number too long for Python to read (over 4,300 digits)",
}
SCHEMA_FILES = int(os.environ.get("MPW_SCHEMA_FILES", "1000"))
NOT_JSON = "not JSON"  # no schema applies to it: every reader refuses it before the schema


@pytest.fixture(scope="module")
def schema(real_site: Path) -> Draft202012Validator:
    published = json.loads((real_site / "assessment.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(published)
    checker = FormatChecker()
    assert not checker.conforms("2026-02-30", "date"), "jsonschema's [format] extra is not installed"
    return Draft202012Validator(published, format_checker=checker)


def beyond_the_schema(raw: bytes) -> tuple[str | None, object]:
    """The class a file falls in that JSON Schema cannot judge (or "not JSON"), else None and its data,
    read as another tool would read it (the encodings mpw-static reads are decoded first)."""
    if len(raw) > MAX_BYTES:
        return "size", None
    try:
        text = decode(raw)
    except UnicodeDecodeError:
        return "encoding", None
    try:
        data = json.loads(text, object_pairs_hook=unique_keys)
    except DuplicateKey:
        return "duplicate key", None
    except ValueError as error:  # JSONDecodeError is a ValueError too
        return ("number too long" if str(error).startswith("Exceeds the limit") else NOT_JSON), None
    except RecursionError:
        return NOT_JSON, None
    if lone_surrogate_at(data) is not None:
        return "lone surrogate", None
    return None, data


def verdicts(schema: Draft202012Validator, files: dict[str, bytes]) -> tuple[list[str], dict[str, int]]:
    """The files on which the schema and validate disagree, and how many fell in each class left out
    (or were accepted, under "valid")."""
    disagreements, left_out = [], dict.fromkeys([*BEYOND, NOT_JSON, "valid"], 0)
    for name, raw in files.items():
        assessment, problems = check_assessment_bytes(name, raw, IDS)
        left_out["valid"] += assessment is not None
        beyond, data = beyond_the_schema(raw)
        if beyond is not None:
            left_out[beyond] += 1
            if assessment is not None:
                disagreements.append(f"{name}: validate accepts a file of a class it should refuse ({beyond})")
            continue
        errors = [error.message for error in itertools.islice(schema.iter_errors(data), 1)]  # the first is enough
        if (assessment is not None) != (not errors):
            said = "accepts" if assessment is not None else f"refuses ({problems[0].describe()})"
            disagreements.append(
                f"{name}: validate {said}, the schema {'refuses (' + errors[0] + ')' if errors else 'accepts'}"
            )
    return disagreements, left_out


def test_the_schema_lists_what_it_cannot_say(real_site: Path) -> None:
    description = json.loads((real_site / "assessment.schema.json").read_text(encoding="utf-8"))["description"]
    for words in BEYOND.values():
        assert words in description, words


def test_schema_and_validate_agree_on_the_hostile_corpus(schema: Draft202012Validator, hostile_corpus: dict) -> None:
    files = {name: path.read_bytes() for name, (path, _) in hostile_corpus.items()}
    assert set(files) == set(CORPUS_NAMES)
    disagreements, left_out = verdicts(schema, files)
    assert disagreements == []
    assert left_out == {
        "duplicate key": 2,
        "lone surrogate": 1,
        "size": 1,
        "encoding": 6,  # with the two Excel workbooks, which are not UTF-8 text either
        "number too long": 1,
        NOT_JSON: 7,
        "valid": sum(1 for _, expected in hostile_corpus.values() if expected.get("accepted")),
    }


PARTS = 4  # the generated files in four tests of their own seeds, so that pytest's workers share them


@pytest.mark.parametrize("part", range(PARTS))
def test_schema_and_validate_agree_on_generated_files(schema: Draft202012Validator, part: int) -> None:
    # Other seeds than the page's agreement test, so the two look at different files; jsonschema
    # takes about 5 ms a file here, so fewer of them (MPW_SCHEMA_FILES=10000 for a longer look).
    seed = f"{SEED + 1}/{part}"
    count = SCHEMA_FILES // PARTS
    files = {f"file-{n}.json": raw for n, raw in enumerate(generated_files(seed, count))}
    disagreements, counts = verdicts(schema, files)
    valid = counts.pop("valid")
    assert 0.1 * count < valid < 0.9 * count, f"the generator should make both kinds: {valid} valid"
    assert disagreements == [], f"{len(disagreements)} disagreements (seed {seed}):\n" + "\n".join(disagreements[:10])
    assert sum(counts.values()) < 0.2 * count  # most files are judged by the schema, not left out


@pytest.mark.parametrize("version", [1, 2, 3])
def test_the_schema_opens_every_version_validate_opens(schema: Draft202012Validator, version: int) -> None:
    data = valid_file(random.Random(version))
    data["format_version"] = version
    assert check_assessment_bytes("x.json", json.dumps(data).encode(), IDS)[0] is not None
    assert list(schema.iter_errors(data)) == []
    assert list(schema.iter_errors({**data, "format_version": 4})) != []
