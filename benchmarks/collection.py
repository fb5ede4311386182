"""Write a realistic collection of assessment files, as a programme lead would gather them.

    .venv/bin/python -m benchmarks.collection OUT_FOLDER [--files 300] [--seed 1]

Services across the seven health boards, each with one to three review cycles (baseline, 6-month
and 12-month reviews) that mostly move on a little; some N/A; notes on some indicators; targets
and next steps in the newer files (format 2, the rest format 1, as teams still on the first
release save them). About 2% of files are bad (cut short, a Word document, another format, a
newer version) and about 1% are older copies of an assessment sent twice; a README.txt sits
beside them. A few service names carry markup, which the page must show as text.

The across-services benchmark and the browser tests read what this writes.
"""

from __future__ import annotations

import argparse
import json
import random
import uuid
from datetime import date, timedelta
from pathlib import Path

from mpw_static.load import load_framework

ROOT = Path(__file__).resolve().parent.parent
BOARDS = [
    "Aneurin Bevan University Health Board",
    "Betsi Cadwaladr University Health Board",
    "Cardiff and Vale University Health Board",
    "Cwm Taf Morgannwg University Health Board",
    "Hywel Dda University Health Board",
    "Powys Teaching Health Board",
    "Swansea Bay University Health Board",
]
PLACES = [
    "Blaenau Gwent",
    "Caerphilly",
    "Monmouthshire",
    "Newport",
    "Torfaen",
    "Anglesey",
    "Gwynedd",
    "Conwy",
    "Denbighshire",
    "Flintshire",
    "Wrexham",
    "Cardiff",
    "Vale of Glamorgan",
    "Bridgend",
    "Merthyr Tydfil",
    "Rhondda Cynon Taf",
    "Carmarthenshire",
    "Ceredigion",
    "Pembrokeshire",
    "Powys",
    "Neath Port Talbot",
    "Swansea",
]
TEAMS = ["Integrated Community Team", "Community Resource Team", "Cluster Team", "Virtual Ward", "Frailty Service"]
CYCLES = [("Baseline", 0), ("6-month review", 182), ("12-month review", 365)]
NOTE = (
    "Discussed at the cluster meeting; the social care lead and the district nurses agreed this, with one reservation."
)


def indicator_ids() -> list[str]:
    return [indicator.id for indicator in load_framework(ROOT / "content").indicators]


def service_names(count: int, rng: random.Random) -> list[tuple[str, str]]:
    """(name, organisations) for `count` services; a few names carry markup, shown as text."""
    services = []
    for n in range(count):
        place = PLACES[n % len(PLACES)]
        team = TEAMS[(n // len(PLACES)) % len(TEAMS)]
        name = f"{place} {team}" + (f" {n // (len(PLACES) * len(TEAMS)) + 1}" if n >= len(PLACES) * len(TEAMS) else "")
        if n % 97 == 13:
            name += " <img src=x onerror=alert(1)>"
        board = BOARDS[n % len(BOARDS)]
        services.append((name, f"{board}; {place} Council"))
    return services


def ratings_for(ids: list[str], level: dict[str, int], version: int, rng: random.Random) -> dict:
    ratings = {}
    for id_ in ids:
        if rng.random() < 0.04:
            continue  # not answered yet
        if level[id_] == 0:
            ratings[id_] = {"statement": "n/a"}
            continue
        rating: dict = {
            "statement": level[id_],
            "evidence": rng.choice(["fully-achieved", "work-in-progress", None]),
        }
        if rng.random() < 0.3:
            rating["note"] = NOTE
        if version == 2 and level[id_] < 5 and rng.random() < 0.4:
            rating.update(target=level[id_] + 1, next_steps="Agree a shared care record pilot.", lead="Cluster lead")
        ratings[id_] = {key: value for key, value in rating.items() if value is not None}
    return ratings


def assessment(service: tuple[str, str], cycle: tuple[str, int], start: date, ratings: dict, version: int) -> dict:
    day = start + timedelta(days=cycle[1])
    stamp = f"{day.isoformat()}T10:00:00Z"
    return {
        "format": "mpw-assessment",
        "format_version": version,
        "framework_version": "FINAL – amended April 2023",
        "id": str(uuid.UUID(int=random.getrandbits(128))),
        "service": {
            "name": service[0],
            "organisations": service[1],
            "participants": "GP, district nurse, social worker",
        },
        "date": day.isoformat(),
        "purposes": ["learning"] if cycle[1] == 0 else ["learning", "evaluation"],
        "method": "group",
        "review_cycle": cycle[0],
        "ratings": ratings,
        "created": stamp,
        "updated": stamp,
    }


BAD_FILES = [
    ("cut-short.json", b'{"format": "mpw-assessment", "format_version": 2, "id": "'),
    ("minutes.json", b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00"),
    ("other-format.json", b'{"format": "something-else"}'),
    ("from-the-future.json", b'{"format": "mpw-assessment", "format_version": 9}'),
]


def write_collection(folder: Path, files: int = 300, seed: int = 1) -> dict[str, int]:
    """Write about `files` files into folder; return what was written, by kind."""
    rng = random.Random(seed)
    random.seed(seed)  # the ids
    folder.mkdir(parents=True, exist_ok=True)
    ids = indicator_ids()
    bad = max(1, files // 50)
    copies = max(1, files // 100)
    good = files - bad - copies
    count = {"assessments": 0, "bad": 0, "copies": 0, "services": 0}
    written: list[Path] = []
    n = 0
    for service in service_names(max(1, good // 2), rng):
        if count["assessments"] >= good:
            break
        count["services"] += 1
        start = date(2025, 1, 6) + timedelta(days=rng.randrange(0, 120))
        level = {id_: 0 if rng.random() < 0.05 else rng.choice([1, 1, 2, 2, 2, 3, 3, 4]) for id_ in ids}
        for index, cycle in enumerate(CYCLES[: rng.choice([1, 2, 2, 3])]):
            if count["assessments"] >= good:
                break
            if index:
                level = {
                    id_: max(1, min(5, value + (rng.random() < 0.4) - (rng.random() < 0.05))) if value else 0
                    for id_, value in level.items()
                }
            version = 2 if index else rng.choice([1, 2])
            data = assessment(service, cycle, start, ratings_for(ids, level, version, rng), version)
            n += 1
            path = folder / f"{n:05d}-mpw-assessment-{cycle[0].split()[0].lower()}.json"
            path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            written.append(path)
            count["assessments"] += 1
    for index in range(copies):
        original = json.loads(written[index * 7 % len(written)].read_text(encoding="utf-8"))
        original["updated"] = "2024-12-01T09:00:00Z"  # older than the copy already there
        (folder / f"copy-{index:03d}.json").write_text(
            json.dumps(original, indent=2, ensure_ascii=False), encoding="utf-8"
        )
        count["copies"] += 1
    for index in range(bad):
        name, content = BAD_FILES[index % len(BAD_FILES)]
        (folder / f"bad-{index:03d}-{name}").write_bytes(content)
        count["bad"] += 1
    (folder / "README.txt").write_text(
        "Files collected from services for the across-services view.\n", encoding="utf-8"
    )
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    count = write_collection(arguments.folder, arguments.files, arguments.seed)
    print(f"Wrote {sum(v for k, v in count.items() if k != 'services')} files into {arguments.folder}: {count}")


if __name__ == "__main__":
    main()
