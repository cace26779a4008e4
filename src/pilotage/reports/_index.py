"""The parts of a contract that dashboards and report packs look up, by code.

Plain Python over the contract model: the web pages, the report packs and the command line
read services, objectives, norms and caveat texts through the same index.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from pilotage.contract import Contract, Indicator, Language, LocalText, Norm

__all__ = ["ContractIndex", "ObjectiveInfo", "ServiceInfo"]


@dataclass(frozen=True)
class ObjectiveInfo:
    """An objective (or a measured common commitment) with what the pages say about it."""

    code: str
    service: str | None  # the service code; None for a common commitment
    name: LocalText
    indicators: tuple[Indicator, ...]

    @property
    def access_codes(self) -> list[str]:
        """The codes a service owner is granted for this figure (its service)."""
        return [self.service] if self.service else [self.code]


@dataclass(frozen=True)
class ServiceInfo:
    code: str
    name: LocalText
    objectives: tuple[str, ...]


@dataclass
class ContractIndex:
    """The parts of a contract the dashboards look up, by code."""

    contract: Contract
    services: list[ServiceInfo] = field(default_factory=list)
    common: tuple[str, ...] = ()  # codes of the measured common commitments
    objectives: dict[str, ObjectiveInfo] = field(default_factory=dict)
    caveats: dict[str, LocalText] = field(default_factory=dict)  # text in any language -> text
    memo: dict[tuple[object, ...], str] = field(default_factory=dict)  # texts made once

    @classmethod
    def of(cls, contract: Contract) -> ContractIndex:
        index = cls(contract)
        for service in contract.services:
            codes = []
            for task in service.key_tasks:
                for o in task.objectives:
                    index.objectives[o.code] = ObjectiveInfo(
                        o.code, service.code, o.name, tuple(o.indicators)
                    )
                    codes.append(o.code)
                    index._caveat_texts(c.text for c in (*service.caveats, *o.caveats))
            index.services.append(ServiceInfo(service.code, service.name, tuple(codes)))
        common = []
        for commitment in contract.common_commitments:
            if commitment.indicator is None:
                continue
            ind = commitment.indicator
            index.objectives[commitment.code] = ObjectiveInfo(
                commitment.code, None, ind.name, (ind,)
            )
            common.append(commitment.code)
        index.common = tuple(common)
        return index

    def _caveat_texts(self, texts: Iterable[LocalText]) -> None:
        for text in texts:  # as stored: in the language measured, marked when missing in it
            for lang in Language:
                self.caveats.setdefault(text.text(lang), text)

    def service(self, code: str) -> ServiceInfo | None:
        return next((s for s in self.services if s.code == code), None)

    def norm(self, objective: str, indicator: str, norm_index: int | None) -> Norm | None:
        info = self.objectives.get(objective)
        if info is None or norm_index is None:
            return None
        for ind in info.indicators:
            if ind.code == indicator and 0 <= norm_index < len(ind.norms):
                return ind.norms[norm_index]
        return None

    def caveat_text(self, stored: str, language: str) -> str:
        """A caveat text in `language` when the contract gives it, else as stored."""
        text = self.caveats.get(stored)
        return text.text(language) if text is not None else stored
