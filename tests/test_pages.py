"""What a page's template is given: its kind's context (pages.py), exactly what the template uses, and an
environment whose globals are formatting helpers, never the site or its data."""

from __future__ import annotations

import dataclasses
import re
import typing

import pytest
from jinja2 import meta

from reportsite import pages
from reportsite.bundle import README_TEMPLATE, SINGLE_TEMPLATE, ReadmeContext, SingleContext
from reportsite.handout import (BRIEFING_TEMPLATE, HANDOUT_TEMPLATE, SCORECARD_TEMPLATE, BriefingContext, HandoutContext,
                                ScorecardContext)
from reportsite.model import Site
from reportsite.render import Frame
from reportsite.site import Project, make_renderer, read_site

from .conftest import MINI, MINI_CONTENT, MINI_REPORT, REPO

GIVEN_TO_EVERY_PAGE = {"page", "report", "csp", "frame"}  # by the renderer, beside the kind's context
MACROS = {"m"}  # the macros base.html imports, for the templates that extend it


@pytest.fixture(scope="module")
def renderer(tmp_path_factory):
    project = Project.at(REPO, data=MINI, content=MINI_CONTENT, dist=tmp_path_factory.mktemp("mini") / "dist")
    return make_renderer(project, read_site(project))


def fields_of(context: type) -> set[str]:
    """The names a context gives its template: the fields of its dataclass."""
    return {f.name for f in dataclasses.fields(context)}


def used_by(renderer, template: str) -> set[str]:
    """The names a template uses that it does not set itself."""
    env = renderer.envs["en"]
    return meta.find_undeclared_variables(env.parse(env.loader.get_source(env, template)[0]))


PAGES = [(kind.template, kind.context) for kind in pages.KINDS] + \
    [(pages.REDIRECT_TEMPLATE, pages.redirect_context)]
EDITIONS = [(SINGLE_TEMPLATE, SingleContext), (README_TEMPLATE, ReadmeContext), (HANDOUT_TEMPLATE, HandoutContext),
            (BRIEFING_TEMPLATE, BriefingContext), (SCORECARD_TEMPLATE, ScorecardContext)]


@pytest.mark.parametrize(("template", "function"), PAGES, ids=[t for t, _ in PAGES])
def test_each_page_template_uses_every_name_its_context_gives_and_nothing_else_but_helpers(renderer, template,
                                                                                           function):
    context = typing.get_type_hints(function)["return"]
    assert_given_exactly(renderer, template, fields_of(context), GIVEN_TO_EVERY_PAGE | MACROS)


@pytest.mark.parametrize(("template", "context"), EDITIONS, ids=[t for t, _ in EDITIONS])
def test_each_edition_template_uses_every_name_its_context_gives_and_nothing_else_but_helpers(renderer, template,
                                                                                              context):
    assert_given_exactly(renderer, template, fields_of(context), set())


def assert_given_exactly(renderer, template: str, given: set[str], also_given: set[str]) -> None:
    used, helpers = used_by(renderer, template), set(renderer.envs["en"].globals)
    assert given <= used, f"{template} never uses what its context gives: {sorted(given - used)}"
    assert used <= given | also_given | helpers, \
        f"{template} uses names nothing gives it: {sorted(used - given - also_given - helpers)}"


def test_the_layout_uses_only_what_every_page_is_given_and_helpers(renderer):
    assert used_by(renderer, "base.html") <= GIVEN_TO_EVERY_PAGE | set(renderer.envs["en"].globals)


def test_the_frame_gives_the_layout_exactly_what_it_shows(renderer):
    env = renderer.envs["en"]
    shown = set(re.findall(r"\bframe\.(\w+)", env.loader.get_source(env, "base.html")[0]))
    assert shown == {f.name for f in dataclasses.fields(Frame)}


def test_the_environment_gives_helpers_and_never_the_site(renderer):
    """Globals format what a page is given (numbers, dates, labels, links, prose): none is the site, nor a
    function that reaches it."""
    for env in renderer.envs.values():
        reached = [(name, part) for name, value in env.globals.items() for part in parts_of(value)]
        assert not [name for name, part in reached if isinstance(part, Site)]


def parts_of(value: object) -> list[object]:
    """A value, and what it holds if it is a function or a method: its closure and the object it is bound to."""
    cells = [cell.cell_contents for cell in getattr(value, "__closure__", None) or ()]
    return [value, getattr(value, "__self__", None), *cells]


def test_a_section_is_given_its_part_neighbours_and_the_terms_of_its_text(renderer):
    site = renderer.site
    report = site.report[MINI_REPORT]
    spec = next(s for s in renderer.specs if s.kind.name == "section" and s.lang == "en" and not s.moved_to)
    gettexts = {lang: tr.gettext for lang, tr in renderer.translations.items()}
    context = pages.section_context(spec, pages.Given(site, gettexts, {}))
    section = spec.obj
    assert context.part is report.index.parts[section.part_id]
    assert (context.previous_section, context.next_section) == report.index.neighbours(section.id)
    used = {t.id for t in site.terms if {(report.id, p.id) for p in section.all_paragraphs} & set(t.uses)}
    assert set(context.terms) == used
