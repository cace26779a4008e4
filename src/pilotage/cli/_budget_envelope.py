"""`pilotage budget reevaluate|revenue|add-credit|saving`: the operations that change the
envelope itself (art. 64, 65, 71 and the Government's savings), attached to `pilotage budget`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from pilotage.cli._budget import _AS, _BASIS, _DOCS, _NOTE, _ON, _amount, _common, _recorded, budget
from pilotage.errors import BudgetError

__all__: list[str] = []


def _parameter(found: list[Any], name: str, year: int, estimate: str | None) -> Any:
    for p in found:
        if (
            str(p.name) == name
            and p.year == year
            and (estimate is None or str(p.estimate) == estimate)
        ):
            return p
    wanted = f"{name} {year}" + (f" ({estimate})" if estimate else "")
    raise BudgetError(f"the parameter file gives no {wanted}")


@budget.command("reevaluate")
@click.argument("contract_id", metavar="CONTRACT")
@click.argument("year", type=int)
@click.option(
    "--parameters",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    required=True,
    help="CSV: name,year,value,estimate,source,published_on.",
)
@click.option(
    "--real-estate",
    "needs",
    multiple=True,
    metavar="CREDIT=AMOUNT@OPINION",
    help="A real-estate credit set by established need, with the number of the favourable opinion.",
)
@click.option(
    "--programme", default="", help="The multi-year programme the real-estate needs are in."
)
@click.option("--dry-run", is_flag=True, help="Show the computation, record nothing.")
@_ON
@_BASIS
@_DOCS
@_NOTE
@_AS
def reevaluate_command(
    contract_id: str,
    year: int,
    parameters: Path,
    needs: tuple[str, ...],
    programme: str,
    dry_run: bool,
    on: dt.datetime,
    basis: str,
    documents: tuple[str, ...],
    note: str,
    username: str,
) -> None:
    """Re-evaluate YEAR (art. 71) from the parameters file: personnel by the average
    liquidation coefficient (YEAR forecast / base year actual), operating and non-real-estate
    investments by the health index, real estate by established need. The base year is the
    year the column is priced in when earlier (INAMI 2015: 2013), else YEAR - 1. Every line
    shows its working.

    \b
    Example (params.csv):
      name,year,value,estimate,source,published_on
      liquidation_coefficient,2014,1.6734,forecast,Bureau du Plan BE sept. 2013,2013-09-12
      liquidation_coefficient,2013,1.6406,actual,SPF BOSA,2013-09-30
      health_index,2014,119.36,forecast,Bureau du Plan BE sept. 2013,2013-09-12
      health_index,2013,118.17,actual,SPF Economie,2013-09-30
    """
    from pilotage.budget import RealEstateNeed, Reevaluation, base_year, read_parameters
    from pilotage.web.budget.services import ledger_of, opinion_of

    found = read_parameters(parameters)
    ledger = ledger_of(contract_id)
    base = base_year(ledger.table.credit(ledger.table.codes()[0], year))
    estate = []
    for need in needs:
        credit, _, rest = need.partition("=")
        amount, _, opinion = rest.partition("@")
        if not (credit and amount and opinion.isdigit()):
            raise BudgetError(
                f"--real-estate {need!r}: write CREDIT=AMOUNT@OPINION "
                "(investments.real_estate=1250000@2)"
            )
        estate.append(
            RealEstateNeed(
                credit=credit,
                amount=_amount(amount),
                opinion=opinion_of(contract_id, int(opinion)),
                programme=programme or "-",
            )
        )
    op = Reevaluation(
        year=year,
        liquidation_forecast=_parameter(found, "liquidation_coefficient", year, "forecast"),
        liquidation_actual=_parameter(found, "liquidation_coefficient", base, "actual"),
        health_index_new=_parameter(found, "health_index", year, None),
        health_index_base=_parameter(found, "health_index", base, None),
        real_estate=tuple(estate),
        **_common(on, username, basis, documents, note),
    )
    if dry_run:
        for line in ledger.preview(op).working:
            click.echo(f"{line.credit}: {line.working}")
        click.echo("(dry run: nothing recorded)")
        return
    _recorded(contract_id, op, username)


@budget.command("revenue")
@click.argument("contract_id", metavar="CONTRACT")
@click.option("--year", type=int, required=True, help="The year the revenue was earned.")
@click.option("--credit", required=True, help="The credit it is added to.")
@click.option(
    "--case",
    type=click.Choice(
        ["cost_recovery", "ipss_reimbursement", "rent_public", "rent_market", "services_market"]
    ),
    required=True,
)
@click.option(
    "--amount", required=True, help="The revenue (for services_market: the price invoiced)."
)
@click.option("--costs", help="services_market: the personnel and operating costs of the service.")
@click.option(
    "--opinion", "opinion", type=int, help="The number of the favourable opinion it needs."
)
@_ON
@_BASIS
@_DOCS
@_NOTE
@_AS
def revenue_command(
    contract_id: str,
    year: int,
    credit: str,
    case: str,
    amount: str,
    costs: str | None,
    opinion: int | None,
    on: dt.datetime,
    basis: str,
    documents: tuple[str, ...],
    note: str,
    username: str,
) -> None:
    """Add own revenues to the envelope by the cases of art. 64.

    \b
    cost_recovery       services to third parties at cost: this year
    ipss_reimbursement  staff or services for another IPSS: this year, with the
                        commissioners' agreement
    rent_public         rent at cost to a public service: next year in full, with an opinion
    rent_market         rent at market price: next year for half, with an opinion
    services_market     services at market price: next year the costs and half the margin
    """
    from pilotage.budget import OwnRevenue, RevenueCase
    from pilotage.web.budget.services import opinion_of

    op = OwnRevenue(
        year=year,
        credit=credit,
        case=RevenueCase(case),
        amount=_amount(amount),
        costs=_amount(costs) if costs else None,
        opinion=opinion_of(contract_id, opinion) if opinion else None,
        **_common(on, username, basis, documents, note),
    )
    _recorded(contract_id, op, username)


@budget.command("add-credit")
@click.argument("contract_id", metavar="CONTRACT")
@click.option("--year", type=int, required=True)
@click.option("--credit", required=True)
@click.option("--amount", required=True)
@click.option("--statutory", default="0", help="The statutory part, for a personnel credit.")
@_ON
@_BASIS
@_DOCS
@_NOTE
@_AS
def add_credit_command(
    contract_id: str,
    year: int,
    credit: str,
    amount: str,
    statutory: str,
    on: dt.datetime,
    basis: str,
    documents: tuple[str, ...],
    note: str,
    username: str,
) -> None:
    """Additional credits for a new mission, agreed with the Government (art. 65)."""
    from pilotage.budget import AdditionalCredit

    op = AdditionalCredit(
        year=year,
        credit=credit,
        amount=_amount(amount),
        statutory=_amount(statutory),
        **_common(on, username, basis, documents, note),
    )
    _recorded(contract_id, op, username)


@budget.command("saving")
@click.argument("contract_id", metavar="CONTRACT")
@click.option("--year", type=int, required=True)
@click.option("--credit", required=True)
@click.option("--amount", required=True)
@click.option("--statutory", default="0", help="The statutory part, for a personnel credit.")
@_ON
@_BASIS
@_DOCS
@_NOTE
@_AS
def saving_command(
    contract_id: str,
    year: int,
    credit: str,
    amount: str,
    statutory: str,
    on: dt.datetime,
    basis: str,
    documents: tuple[str, ...],
    note: str,
    username: str,
) -> None:
    """A saving decided by the Government, taken from CREDIT."""
    from pilotage.budget import Saving

    op = Saving(
        year=year,
        credit=credit,
        amount=_amount(amount),
        statutory=_amount(statutory),
        **_common(on, username, basis, documents, note),
    )
    _recorded(contract_id, op, username)


@budget.command("costs")
@click.argument("contract_id", metavar="CONTRACT")
@click.argument("year", type=int)
@click.option(
    "--keys", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True,
    help="CSV: credit,key_task,share,source (the share of the credit's payments).",
)  # fmt: skip
@click.option(
    "--volume", "volumes", multiple=True, metavar="KEY_TASK=CASES",
    help="The cases handled in the year for a key task (repeat for each).",
)  # fmt: skip
def costs_command(contract_id: str, year: int, keys: Path, volumes: tuple[str, ...]) -> None:
    """The cost of the main activities (art. 73): each credit's payments of YEAR shared out over
    the key tasks by the allocation keys, and the cost per case where the volume is given; what
    no key allocates is shown as overhead.

    \b
    Example (keys.csv):
      credit,key_task,share,source
      personnel,KT1 indemnities,0.6,time survey 2014
      operating.it,KT1 indemnities,0.5,servers by application
    pilotage budget costs inami-2013-2015 2014 --keys keys.csv --volume "KT1 indemnities=120000"
    """
    from pilotage.budget import activity_costs, format_eur, read_allocation_keys
    from pilotage.web.budget.services import ledger_of

    counted: dict[str, int] = {}
    for volume in volumes:
        task, _, cases = volume.rpartition("=")
        if not task or not cases.isdigit():
            raise BudgetError(f"--volume {volume!r}: write KEY_TASK=CASES (KT1=120000)")
        counted[task] = int(cases)
    ledger = ledger_of(contract_id)
    assert ledger.execution is not None
    found = activity_costs(ledger, ledger.execution, year, read_allocation_keys(keys), counted)
    for cost in found:
        per_case = f", {format_eur(cost.per_case)} per case ({cost.cases})" if cost.per_case else ""
        click.echo(f"{cost.key_task}: {format_eur(cost.cost)}{per_case}")
        for line in cost.working:
            click.echo(f"  {line}")
