"""What every dashboard page starts from (`Page`: the contract, the grant, the published sets)
and how it answers: the page's content rendered once per `Page.cache_key` and kept in the cache,
the page around it the reader's own; the XLSX export built from the same tables.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from pilotage.contract import Language
from pilotage.web.accounts.access import require_grant
from pilotage.web.accounts.models import Grant
from pilotage.web.caching import cache_key
from pilotage.web.catalogue.loading import current_translations
from pilotage.web.catalogue.models import ContractVersion
from pilotage.web.dashboards import data
from pilotage.web.dashboards.charts import NONCE_MARK
from pilotage.web.dashboards.data import ContractIndex, FigureRow, ObjectiveInfo, Published
from pilotage.web.dashboards.models import Figure, PublishedSet
from pilotage.web.dashboards.tables import Context, Dashboard, Notes
from pilotage.web.dashboards.xlsx import CONTENT_TYPE, filename, workbook_bytes

__all__ = ["Built", "Page", "body_template", "demo_banner", "describe", "level_label"]


def _language() -> str:
    code = translation.get_language() or "fr"
    return code if code in {lang.value for lang in Language} else "fr"


@dataclass
class Page:
    """What every dashboard view starts from: the contract, the grant and the published sets."""

    request: HttpRequest | None  # None: built for an export outside a request (the CLI)
    contract_id: str
    version: ContractVersion
    grant: Grant | None
    index: ContractIndex
    published: Published
    language: str
    urls: dict[tuple[object, ...], str] = field(default_factory=dict)
    before: dict[str, Callable[[FigureRow], FigureRow | None] | None] = field(
        default_factory=dict
    )  # the previous period's figures, read once per period

    @classmethod
    def open(cls, request: HttpRequest, contract_id: str) -> Page:
        version = data.current_version(contract_id)
        grant = require_grant(request.user, version.institution)
        return cls(
            request,
            contract_id,
            version,
            grant,
            data.contract_index(version),
            data.published_for(contract_id),
            _language(),
        )

    @classmethod
    def reader(cls, contract_id: str, language: str) -> Page:
        """The page as the command line builds it, to export: no request, no grant."""
        version = data.current_version(contract_id)
        return cls(
            None,
            contract_id,
            version,
            None,
            data.contract_index(version),
            data.published_for(contract_id),
            language,
        )

    def objective(self, code: str) -> ObjectiveInfo:
        info = self.index.objectives.get(code)
        if info is None:
            raise Http404(f"no objective {code!r} in {self.contract_id}")
        return info

    def check_period(self, period: str) -> None:
        if period not in self.published.periods():
            raise Http404(f"no published result set of {self.contract_id} holds {period!r}")

    def url(self, name: str, **kwargs: str) -> str:
        key = (name, *sorted(kwargs.items()))
        found = self.urls.get(key)
        if found is None:
            kwargs["contract_id"] = self.contract_id
            found = self.urls[key] = str(reverse(f"dashboards:{name}", kwargs=kwargs))
        return found

    def objective_url(self, period: str) -> Callable[[str], str]:
        return lambda code: self.url("objective", period=period, objective=code)

    def late_url(self, period: str) -> Callable[[FigureRow], str | None]:
        def url(f: FigureRow) -> str | None:
            if f.kind != "timeliness" or f.norm_index is None or f.status == "no_norm":
                return None
            if (f.denominator or 0) - f.numerator <= 0 and not f.overdue:
                return None  # nothing late: no link to an empty list
            base = self.url("late", period=period, objective=f.objective)
            return f"{base}?unit={quote(f.unit)}&norm={f.norm_index}"

        return url

    def computed_index(self, period: str) -> ContractIndex:
        """The contract the figures of `period` were computed against: the norm texts shown
        beside a status come from it, never from a newer version (the latest when the
        catalogue no longer holds it)."""
        sets = self.published.by_level(period)
        chosen = next((sets[lv] for lv in data.LEVELS if lv in sets), None)
        if chosen is None or chosen.contract_sha256 == self.version.sha256:
            return self.index
        version = data.computed_version(chosen)
        return self.index if version is None else data.contract_index(version)

    def context(self, period: str, **extra: Any) -> Context:
        index = self.computed_index(period)
        return Context(
            index,
            self.language,
            Notes(index, self.language),
            objective_url=self.objective_url(period),
            late_url=self.late_url(period),
            previous=self.previous_of(period),
            **extra,
        )

    def previous_of(self, period: str) -> Callable[[FigureRow], FigureRow | None] | None:
        """The figure of the period before `period` (same length: the quarter before a
        quarter), at the same level, unit and norm, from its published set; None when no
        earlier period is published. Read once per page."""
        same = self.published.same_kind(period)
        if period not in same or same.index(period) == 0:
            return None
        before = same[same.index(period) - 1]
        sets = [s.pk for s in self.published.by_level(before).values()]
        rows = FigureRow.of(Figure.objects.filter(published_set_id__in=sets, period=before))
        found = {(r.objective, r.indicator, r.level, r.unit, r.norm_index): r for r in rows}
        return lambda f: found.get((f.objective, f.indicator, f.level, f.unit, f.norm_index))

    def header(
        self, period: str, sets: Iterable[PublishedSet], levels: Iterable[str]
    ) -> list[tuple[str, str]]:
        contract = self.index.contract
        rows = [
            (_("Contract"), f"{contract.id} — {contract.title.text(self.language)}"),
            (_("Period"), period),
            (_("Level"), ", ".join(level_label(lv) for lv in levels)),
        ]
        for s in sets:
            label = _("Published result set (%(level)s)") % {"level": level_label(s.level)}
            rows.append((label, describe(s)))
            if s.contract_sha256 != self.version.sha256:
                rows.append((_("Contract version"), self.version_note(s)))
            candidate = self.published.candidate_for(s)
            if candidate is not None:
                review = self.url("review", store_id=str(candidate.store_id))
                rows.append((_("Newer candidate"), candidate_note(candidate, review)))
        if any(s.demo for s in sets):
            rows.append((_("Data"), demo_banner()))
        return rows

    def version_note(self, s: PublishedSet) -> str:
        computed = data.computed_version(s)
        against = (
            _("version %(sha)s loaded %(at)s")
            % {"sha": s.contract_sha256[:12], "at": f"{computed.loaded_at:%Y-%m-%d}"}
            if computed is not None
            else _("version %(sha)s, no longer in the catalogue") % {"sha": s.contract_sha256[:12]}
        )
        text: str = _(
            "these figures were computed against contract %(against)s; the catalogue holds a "
            "newer version (%(sha)s): the norms and statuses shown are those of the version "
            "the figures were computed against, until the period is measured again"
        ) % {"against": against, "sha": self.version.sha256[:12]}
        return text

    def periods_nav(self, name: str, period: str, **kwargs: str) -> list[dict[str, Any]]:
        return [
            {"period": p, "url": self.url(name, period=p, **kwargs), "current": p == period}
            for p in self.published.periods()
        ]

    def cache_key(self, *parts: str) -> str:
        """What a page's content depends on: the contract version and its translations shown,
        every published set of the contract (a set never changes; a new one changes the key),
        the language, and `parts`."""
        every = (*self.published.sets, *self.published.candidates)
        sets = ",".join(f"{s.pk}@{s.computed_at.isoformat()}" for s in every)
        texts = ",".join(t.sha256 for t in current_translations(self.contract_id))
        return cache_key(
            "dashboards", self.version.pk, self.version.sha256, texts, sets, self.language, *parts
        )

    def respond(
        self, build: Callable[[], Built], period: str, xlsx: bool, *parts: str, **shell: Any
    ) -> HttpResponse:
        """The page, or its XLSX export. A page's content is built and rendered once per
        `cache_key` and kept in the cache (published figures never change); the page around
        it (header, forms, comment threads) is the reader's own."""
        if xlsx:
            built = build()
            response = HttpResponse(workbook_bytes(built.dashboard), content_type=CONTENT_TYPE)
            name = filename(*built.export_name)
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
        assert self.request is not None
        key = self.cache_key(period, *parts)
        found: tuple[str, str, str] | None = cache.get(key)
        if found is None:
            built = build()
            context = {
                "contract_id": self.contract_id,
                "dashboard": built.dashboard,
                "period": period,
                "lang": self.language,
                **built.extra(),
            }
            body = render_to_string(body_template(built.template), context)
            found = (str(built.dashboard.title), built.template, body)
            cache.set(key, found)
        return self.render_shell(*found, period=period, **shell)

    def render_shell(
        self, title: str, template: str, body: str, status: int = 200, **extra: Any
    ) -> HttpResponse:
        """The page around a content kept in the cache: the charts get this page's nonce."""
        assert self.request is not None
        if NONCE_MARK in body:
            body = body.replace(NONCE_MARK, str(self.request.csp_nonce))  # type: ignore[attr-defined]
        context = {
            "contract_id": self.contract_id,
            "grant": self.grant,
            "title": title,
            "body": mark_safe(body),  # rendered (escaped) by the body's template
            "lang": self.language,
            **extra,
        }
        return render(self.request, template, context, status=status)


def body_template(template: str) -> str:
    """The template of a page's cached content: dashboards/X.html -> dashboards/_X_body.html."""
    folder, name = template.rsplit("/", 1)
    return f"{folder}/_{name.removesuffix('.html')}_body.html"


@dataclass
class Built:
    """A dashboard as built for a page and its export: the tables, and what only the page adds
    (navigation, charts), computed only when the page is shown."""

    template: str
    dashboard: Dashboard
    export_name: tuple[str, ...]
    extra: Callable[[], dict[str, Any]]


def level_label(level: str) -> str:
    """An org level's name in the interface language (the stored value when unknown)."""
    labels = {
        "institution": pgettext("org level", "institution"),
        "region": pgettext("org level", "region"),
        "office": pgettext("org level", "office"),
    }
    return labels.get(level, level)


def demo_banner() -> str:
    return str(_("DEMONSTRATION DATA: synthetic cases generated by pilotage, no real person"))


def describe(s: PublishedSet) -> str:
    computed = s.computed_at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    batches = ", ".join(str(b) for b in s.batches) or "—"
    text: str = _(
        "result set %(id)s, version %(version)s (%(periods)s), computed %(computed)s, "
        "as of %(as_of)s, import batches %(batches)s"
    ) % {
        "id": s.store_id,
        "version": s.version,
        "periods": s.periods,
        "computed": computed,
        "as_of": s.as_of.isoformat(),
        "batches": batches,
    }
    return text


def candidate_note(c: PublishedSet, review: str) -> str:
    text: str = _(
        "result set %(id)s, version %(version)s, measured %(computed)s, is waiting for review: "
        "these figures stay the published ones until it is published (review it at %(review)s, "
        "or pilotage results diff %(id)s, then pilotage results publish %(id)s)"
    ) % {
        "review": review,
        "id": c.store_id,
        "version": c.version,
        "computed": c.computed_at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }
    return text
