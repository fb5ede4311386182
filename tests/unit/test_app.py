"""The app's hooks: the list the build checks is the list the script really looks up."""

from __future__ import annotations

import re

import pytest

from mpw_static.app import APP_SCRIPTS, HOOKS, PROGRAMME_HOOKS, app_files, missing_hooks


@pytest.mark.parametrize(
    "scripts, hooks",
    [
        (APP_SCRIPTS, HOOKS),
        (["static/js/programme.js"], PROGRAMME_HOOKS),
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
