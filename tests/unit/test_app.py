"""The app's hooks: the list the build checks is the list the script really looks up."""

from __future__ import annotations

import posixpath
import re

import pytest

from mpw_static.app import (
    APP_SCRIPTS,
    DISCUSSION_SCRIPTS,
    EXCEL_SCRIPTS,
    HOOKS,
    MEETING_SCRIPTS,
    PREVIEW_SCRIPT,
    PROGRAMME_HOOKS,
    PROGRAMME_SCRIPTS,
    PROGRAMME_WORKER_SCRIPTS,
    SINGLE_FILE_SCRIPTS,
    SITE_SCRIPTS,
    app_files,
    missing_hooks,
)

LAZY = [f"static/js/{path}" for path in DISCUSSION_SCRIPTS + MEETING_SCRIPTS]
# Excel's scripts, loaded on first use too (paths under static/js/; the zip library is in static/vendor/).
EXCEL = [posixpath.normpath(f"static/js/{path}") for path in EXCEL_SCRIPTS]


@pytest.mark.parametrize(
    "scripts, hooks",
    [
        (APP_SCRIPTS + LAZY, HOOKS),
        ([path for path in PROGRAMME_SCRIPTS if path.startswith("static/js/programme/")], PROGRAMME_HOOKS),
    ],
    ids=["assessment", "across-services"],
)
def test_every_element_the_script_looks_up_is_a_checked_hook(scripts: list[str], hooks: tuple) -> None:
    files = app_files()
    script = "\n".join(files[path].read_text(encoding="utf-8") for path in scripts)
    selectors = set(re.findall(r"""find\('([^']+)'\)""", script))
    selectors |= set(re.findall(r"""querySelector\('(#[\w-]+)'\)""", script))
    selectors |= {f"#{name}" for name in re.findall(r"""getElementById\('([\w-]+)'\)""", script)}
    selectors |= set(re.findall(r"""querySelector(?:All)?\('(\[data-role="[\w-]+"\])""", script))
    made_by_script = {
        f'[data-role="{role}"]' for role in re.findall(r"setAttribute\('data-role', '([\w-]+)'\)", script)
    }
    checked = {f"#{value}" if name == "id" else f'[{name}="{value}"]' for name, value in hooks}
    assert len(selectors) > 8
    assert selectors - made_by_script - checked == set()


def test_missing_hooks_names_each_selector() -> None:
    html = (
        '<div data-module="mpw-assessment"><form data-role="form"></form><p id="service-name"></p>'
        '<fieldset data-indicator="1.1"></fieldset></div>'
    )
    missing = missing_hooks(html, ["1.1", "1.2"], [1])
    assert '[data-role="form"]' not in missing and "#service-name" not in missing
    assert '[data-role="status"]' in missing and '[data-indicator="1.2"]' in missing
    assert '[data-domain-progress="1"]' in missing


def test_every_script_is_listed_once_where_it_loads_and_every_listed_script_exists() -> None:
    """app.py lists each page's scripts in one place: a file left out would never run, a name
    without a file would fail in the browser only."""
    files = set(app_files()) - {path for path in app_files() if path.startswith("static/vendor/")}
    listed = [
        *SITE_SCRIPTS,
        *APP_SCRIPTS,
        *LAZY,
        *(path for path in EXCEL if path.startswith("static/js/")),
        PREVIEW_SCRIPT,
    ]
    assert len(listed) == len(set(listed))
    assert set(EXCEL) <= set(app_files())  # the vendored zip library too
    assert set(listed) | set(PROGRAMME_SCRIPTS) | set(PROGRAMME_WORKER_SCRIPTS) == files
    assert set(PROGRAMME_SCRIPTS) - files == set()
    assert SINGLE_FILE_SCRIPTS == SITE_SCRIPTS[:2] + APP_SCRIPTS + LAZY  # the single file cannot load any later


def test_a_room_registers_itself_for_the_page_and_adds_to_no_other_components_prototype() -> None:
    """No component adds methods to another's prototype: each file assigns only to its own."""
    for path, source in app_files().items():
        if not path.endswith(".js") or path.startswith("static/vendor/"):
            continue
        text = source.read_text(encoding="utf-8")
        own = set(re.findall(r"function ([A-Z]\w*) \(", text))
        extended = set(re.findall(r"(?:MPW\.)?([A-Z]\w*)\.prototype\.\w+ = ", text))
        assert extended <= own, f"{path} adds methods to {sorted(extended - own)}"
        assert "MPW.Assessment.prototype" not in text and ".prototype;" not in text, path
