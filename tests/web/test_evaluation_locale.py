"""The evaluation pages in French and Dutch leave no English of the web locale on them: every
English message of the evaluation's catalogue that is translated differently is looked for in
the text of each rendered page (tags stripped), for the contract manager and the commissioner."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.apps import apps
from django.contrib.auth.models import User
from django.db.models import CharField, TextField
from django.test import Client

import pilotage.web.evaluation
from pilotage.web.catalogue.models import ContractVersion
from pilotage.web.evaluation import models as m

LOCALE = Path(pilotage.web.evaluation.__file__).parent / "locale"
BASE = "/contracts/inami-2013-2015/evaluation/"
PAGES = (
    "",
    "2014/",
    "2014/documents/draft/",
    "2014/documents/report/",
    "requests/",
    "requests/1/",
    "art50/",
    "art51/",
    "meetings/",
    "/reminders/",
)
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


def _english(language: str) -> set[str]:
    """The English fragments (two words or more, between placeholders) translated otherwise."""
    with (LOCALE / language / "LC_MESSAGES" / "django.po").open("rb") as po:
        catalog = read_po(po)
    english = set()
    for message in catalog:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for msgid in ids:
            if not msgid or msgid in strings:
                continue
            for fragment in PLACEHOLDER.split(msgid):
                fragment = " ".join(fragment.split()).strip(" .,:;()")
                if len(fragment.split()) >= 2 and not any(fragment in s for s in strings):
                    english.add(fragment)
    return english


def _stored_texts() -> list[str]:
    """What people wrote (and the demonstration's data): titles, descriptions, narratives,
    provenance; not the page's own words, so taken out before the scan."""
    texts = []
    for model in (*apps.get_app_config("evaluation").get_models(), ContractVersion):
        fields = [f.name for f in model._meta.get_fields() if isinstance(f, TextField | CharField)]
        for row in model.objects.values_list(*fields):
            texts += [" ".join(str(v).split()) for v in row if v and len(str(v)) > 12]
    return sorted(texts, key=len, reverse=True)


def _text(page: bytes, stored: list[str]) -> str:
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", page.decode(), flags=re.S)
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())
    for written in stored:
        text = text.replace(written, " ")
    return text


def test_the_catalogue_is_read() -> None:
    assert {"Legal calendar (art. 49", "Days left"} <= _english("fr")


def _left(language: str, username: str) -> dict[str, list[str]]:
    """Per page, the English fragments found on it."""
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(User.objects.get(username=username))
    english, stored = _english(language), _stored_texts()
    left = {}
    for url in PAGES:
        response = client.get(url if url.startswith("/") else BASE + url)
        assert response.status_code == 200, url
        text = _text(response.content, stored)
        found = sorted(e for e in english if e in text)
        if found:
            left[url] = found
    return left


# Nothing is known to be left in English: the clocks' basis and the register entries' facts are
# worded from their data in the reader's language (pilotage.reports.counted_text, fact_lines).
KNOWN: set[str] = set()
ROLES = ["demo-contract-manager", "demo-government-commissioner"]


@pytest.mark.parametrize("language", ["fr", "nl"])
@pytest.mark.parametrize("username", ROLES)
def test_no_english_left_on_the_evaluation_pages(
    demo: m.Evaluation, language: str, username: str
) -> None:
    left = {
        url: [e for e in found if e not in KNOWN]
        for url, found in _left(language, username).items()
    }
    assert {url: found for url, found in left.items() if found} == {}, left


def test_the_clock_basis_and_the_register_facts_are_worded_from_their_data(
    demo: m.Evaluation,
) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    client.force_login(User.objects.get(username=ROLES[0]))
    page = client.get(BASE + "2014/").content.decode()
    assert "werkdagen (maandag-zaterdag, zonder feestdagen) na" in page
    draft = client.get(BASE + "2014/documents/draft/").content.decode()
    assert "<dt>Gemeld door</dt><dd>de instelling</dd>" in draft
    assert "<dt>Geschat effect (dossiers)</dt>" in draft
