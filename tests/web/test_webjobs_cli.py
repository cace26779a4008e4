"""`pilotage web load-contract/grant/users/export/audit` and `pilotage comments list/add`."""

from __future__ import annotations

import datetime as dt
import json
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner
from django.contrib.auth.models import User
from django.http import HttpRequest
from django.test import Client

from pilotage.cli import main
from pilotage.facts.settings import STORE_FILE
from pilotage.web.accounts.models import Grant, Role
from pilotage.web.audit.models import AuditEntry
from pilotage.web.catalogue.models import ContractVersion
from pilotage.web.dashboards.sync import sync_results
from pilotage.web.discussion.models import Comment
from tests.conftest import TODAY
from tests.docsessions import console_session
from tests.web.conftest import demo_fact_store, make_user
from tests.web.test_dashboards import inasti, xlsx_rows
from tests.web.test_progress import inami

__all__ = ["inami", "inasti"]  # fixtures shared with the page tests

INASTI = "inasti-2019-2020"
INAMI = "inami-2013-2015"
PERIOD = "2019-Q4"


@pytest.fixture(autouse=True)
def _environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PILOTAGE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("PILOTAGE_WEB_DEBUG", "1")


def run(*args: str, stdin: str | None = None) -> str:
    result = CliRunner().invoke(main, list(args), input=stdin)
    assert result.exit_code == 0, result.output
    return result.output


def refused(*args: str) -> str:
    """The one-line error of a refused command (exit status 1, nothing else printed)."""
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 1, result.output
    assert result.output.startswith("error: "), result.output
    return result.output.strip()


@pytest.mark.parametrize(
    "command",
    [
        ["web", "load-contract"],
        ["web", "grant"],
        ["web", "users"],
        ["web", "export"],
        ["web", "audit"],
        ["web", "unlock"],
        ["comments"],
        ["comments", "list"],
        ["comments", "add"],
    ],
)
def test_every_command_has_help_with_an_example(command: list[str]) -> None:
    out = run(*command, "--help")
    assert "Example" in out
    assert "pilotage " + " ".join(command) in out or command == ["comments"]


# --- load-contract -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_load_contract_under_its_own_institution_once(tmp_path: Path) -> None:
    assert run("web", "load-contract", INAMI).startswith(f"{INAMI} [INAMI]: loaded")
    assert "unchanged" in run("web", "load-contract", INAMI, "--institution", "INAMI")
    assert ContractVersion.objects.count() == 1
    assert AuditEntry.objects.filter(action="contract.load").count() == 1
    assert refused("web", "load-contract", INAMI, "--institution", "INASTI").endswith(
        "the contract is of institution 'INAMI', not 'INASTI'; load it under INAMI"
    )
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\n", encoding="utf-8")
    assert "broken.yaml" in refused("web", "load-contract", str(broken))


# --- grant, users --------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.usefixtures("inasti")
def test_grant_change_revoke_are_audited() -> None:
    out = run(
        "web", "grant", "bob", "INASTI", "service_owner", "--service", "VOB", "--create-user",
        "--set-password", stdin="a long test password\na long test password\n",
    )  # fmt: skip
    assert "bob: user created" in out
    assert "bob: service_owner (services VOB) @ INASTI (granted)" in out
    assert User.objects.get(username="bob").check_password("a long test password")
    assert "(unchanged)" in run(
        "web", "grant", "bob", "INASTI", "service_owner", "--service", "VOB"
    )
    assert "bob: viewer @ INASTI (changed)" in run("web", "grant", "bob", "INASTI", "viewer")
    assert run("web", "users", "--institution", "INASTI") == "bob: viewer @ INASTI\n1 user(s)\n"
    doc = json.loads(run("web", "users", "--json"))
    assert doc["users"][0]["grants"] == [
        {"institution": "INASTI", "role": "viewer", "services": []}
    ]
    assert "revoked" in run("web", "grant", "bob", "INASTI", "--revoke")
    assert not Grant.objects.exists()
    entries = AuditEntry.objects.exclude(
        action__in=["contract.load", "institution.create"]
    ).order_by("pk")
    actions = list(entries.values_list("action", flat=True))
    assert actions == ["user.create", "grant.create", "grant.change", "grant.revoke"]
    assert not entries.exclude(who=None).exists()  # the command line: no user
    change = AuditEntry.objects.get(action="grant.change")
    assert change.before == {"user": "bob", "institution": "INASTI", "role": "service_owner",
                             "services": ["VOB"]}  # fmt: skip
    assert change.after == {"user": "bob", "institution": "INASTI", "role": "viewer",
                            "services": []}  # fmt: skip


@pytest.mark.django_db
@pytest.mark.usefixtures("inasti")
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["carol", "INASTI", "viewer"],
         "error: no user 'carol'; add --create-user to create it (pilotage web users lists "
         "the existing ones)"),
        (["carol", "NOPE", "viewer", "--create-user"],
         "error: no institution 'NOPE' in the web database (known: INASTI); an institution "
         "comes with its contract: pilotage web load-contract FILE"),
        (["carol", "INASTI", "viewer", "--service", "VOB", "--create-user"],
         "error: --service is for a service_owner's grant only"),
        (["carol", "INASTI", "--create-user"],
         "error: name the ROLE to grant: one of administrator, contract_manager, "
         "service_owner, government_commissioner, viewer"),
    ],
)  # fmt: skip
def test_grant_refusals(args: list[str], message: str) -> None:
    assert refused("web", "grant", *args) == message
    assert not User.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="grant").exists()


@pytest.mark.django_db
@pytest.mark.usefixtures("inasti")
def test_revoke_without_a_grant() -> None:
    make_user("dave", Role.VIEWER, "INAMI")
    assert refused("web", "grant", "dave", "INASTI", "--revoke") == (
        "error: dave holds no grant in INASTI: nothing to revoke"
    )


@pytest.mark.django_db
@pytest.mark.usefixtures("inasti")
def test_set_the_password_of_an_existing_user() -> None:
    make_user("erin", Role.VIEWER, "INASTI")
    out = run(
        "web", "grant", "erin", "INASTI", "viewer", "--set-password",
        stdin="another test password\nanother test password\n",
    )  # fmt: skip
    assert "erin: password set" in out
    assert "erin: viewer @ INASTI (unchanged)" in out
    assert User.objects.get(username="erin").check_password("another test password")
    assert AuditEntry.objects.filter(action="user.password", who=None).count() == 1
    assert refused("web", "grant", "erin", "INASTI", "viewer", "--revoke") == (
        "error: --revoke takes USERNAME and INSTITUTION only, no ROLE nor --service"
    )


# --- comments ------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.usefixtures("inasti")
def test_comment_as_a_user_then_list_it() -> None:
    make_user("alice", Role.CONTRACT_MANAGER, "INASTI")
    out = run(
        "comments", "add", INASTI, "figure", "VOB 2-01", "--period", PERIOD,
        "--kind", "justification", "--text", "  Backlog after the summer closure ", "--as", "alice",
    )  # fmt: skip
    comment = Comment.objects.get()
    assert out == f"#{comment.pk} justification on figure VOB 2-01 {PERIOD} by alice (recorded)\n"
    assert comment.text == "Backlog after the summer closure"
    assert comment.author.username == "alice"
    entry = AuditEntry.objects.get(action="comment.create")
    assert entry.who == comment.author
    listed = run("comments", "list", INASTI, "--target-type", "figure", "--target", "VOB 2-01")
    assert f"figure VOB 2-01 {PERIOD}  alice (contract manager)  justification: Backlog" in listed
    assert listed.endswith("1 comment(s)\n")
    assert run("comments", "list", INASTI, "--period", "2019-Q3") == "0 comment(s)\n"
    doc = json.loads(run("comments", "list", INASTI, "--json"))
    assert doc["comments"][0]["role"] == "contract_manager"
    assert doc["comments"][0]["withdrawn"] is False


@pytest.mark.django_db
@pytest.mark.usefixtures("inasti")
def test_edit_and_withdraw_a_comment_as_on_the_page() -> None:
    make_user("alice", Role.CONTRACT_MANAGER, "INASTI")
    make_user("carol", Role.GOVERNMENT_COMMISSIONER, "INASTI")
    make_user("boss", Role.CONTRACT_MANAGER, "INASTI")
    run("comments", "add", INASTI, "figure", "VOB 2-01", "--period", PERIOD, "--text", "First",
        "--as", "alice")  # fmt: skip
    n = Comment.objects.get().pk
    assert refused("comments", "edit", INASTI, str(n), "--text", "Mine", "--as", "carol") == (
        f"error: carol may not edit comment #{n}: only its author edits it, while they may "
        "comment on its target, and never once withdrawn"
    )
    assert run("comments", "edit", INASTI, str(n), "--text", "Second", "--kind", "justification",
               "--as", "alice") == f"#{n} edited by alice (recorded)\n"  # fmt: skip
    comment = Comment.objects.get()
    assert (comment.text, comment.kind) == ("Second", "justification")
    edit = AuditEntry.objects.get(action="comment.edit")
    assert (edit.before["text"], edit.after["text"]) == ("First", "Second")
    assert refused("comments", "withdraw", INASTI, str(n), "--as", "carol").startswith(
        f"error: carol may not withdraw comment #{n}"
    )
    assert run("comments", "withdraw", INASTI, str(n), "--as", "boss") == (
        f"#{n} withdrawn by boss (recorded)\n"
    )
    assert Comment.objects.get().withdrawn
    assert refused("comments", "withdraw", INASTI, str(n), "--as", "boss").startswith(
        f"error: boss may not withdraw comment #{n}"
    )
    assert refused("comments", "edit", INASTI, "999", "--text", "x", "--as", "alice") == (
        f"error: {INASTI} has no comment #999 (pilotage comments list)"
    )


@pytest.mark.django_db
@pytest.mark.usefixtures("inasti")
def test_comment_refusals_follow_the_web_rules() -> None:
    make_user("viewer", Role.VIEWER, "INASTI")
    owner = make_user("owner", Role.SERVICE_OWNER, "INASTI")
    Grant.objects.filter(user=owner).update(services=["ZEL"])
    make_user("other", Role.CONTRACT_MANAGER, "INAMI")
    add = ("comments", "add", INASTI, "figure", "VOB 2-01", "--period", PERIOD, "--text", "x")
    assert refused(*add, "--as", "viewer") == (
        "error: viewer may not comment on figure VOB 2-01: a viewer may not comment"
    )
    assert refused(*add, "--as", "owner") == (
        "error: owner may not comment on figure VOB 2-01: a service owner comments on their "
        "services only (theirs: ZEL)"
    )
    assert refused(*add, "--as", "other") == (
        f"error: other may not comment on {INASTI}: not granted institution INASTI"
    )
    assert refused(*add, "--as", "nobody") == (
        "error: no user 'nobody' (pilotage web users lists them)"
    )
    wrong = ("comments", "add", INASTI, "figure", "XX 9-99", "--text", "x", "--as", "viewer")
    assert refused(*wrong) == f"error: contract {INASTI} has no figure 'XX 9-99'"
    assert refused("comments", "list", INAMI) == (
        f"error: no contract '{INAMI}' in the catalogue (pilotage web load-contract FILE loads it)"
    )
    assert not Comment.objects.exists()


@pytest.mark.django_db
@pytest.mark.usefixtures("inasti")
def test_the_web_refusals_are_translated_once_by_the_command_line() -> None:
    """A refusal the comment threads raise in Django's words (an invalid period, an unknown
    target) reaches the command line's one handler: its message, exit 1, nothing written."""
    make_user("alice", Role.CONTRACT_MANAGER, "INASTI")
    add = ("comments", "add", INASTI, "figure", "VOB 2-01", "--text", "x", "--as", "alice")
    # In the installation's language (French by default), naming the value refused.
    assert refused(*add, "--period", "2019 Q3; drop").startswith("error: La période '2019 Q3")
    assert "'R1/../x'" in refused(*add, "--unit", "R1/../x")
    assert not Comment.objects.exists()
    assert not AuditEntry.objects.filter(object_type="discussion.Comment").exists()


@pytest.mark.django_db
def test_a_service_owner_comments_on_their_action(inami: ContractVersion) -> None:
    owner = make_user("owner", Role.SERVICE_OWNER, "INAMI")
    Grant.objects.filter(user=owner).update(services=["11"])
    out = run("comments", "add", INAMI, "action", "11/1", "--text", "Note sent", "--as", "owner")
    assert "comment on action 11/1 by owner (recorded)" in out
    assert refused(
        "comments", "add", INAMI, "action", "12/1", "--text", "x", "--as", "owner"
    ).startswith("error: owner may not comment on action 12/1: a service owner")


# --- audit ---------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.usefixtures("today", "inasti")  # on TODAY from the start: the contract's entries too
def test_audit_newest_first_with_the_diff() -> None:
    today = TODAY
    run("web", "grant", "bob", "INASTI", "viewer", "--create-user")
    run("web", "grant", "bob", "INASTI", "government_commissioner")
    out = run("web", "audit", "--institution", "INASTI", "--object-type", "accounts.Grant")
    lines = out.splitlines()
    assert "grant.change" in lines[0]
    assert lines[0].endswith("by command line")
    assert lines[1] == "    role: viewer -> government_commissioner"
    assert "grant.create" in lines[2]
    assert lines[-1] == "2 entries (newest first)"
    doc = json.loads(run("web", "audit", "--limit", "1", "--json"))
    (entry,) = doc["entries"]
    assert entry["action"] == "grant.change"
    assert entry["changes"] == [
        {"field": "role", "before": "viewer", "after": "government_commissioner"}
    ]
    after = (today + dt.timedelta(days=1)).isoformat()
    assert run("web", "audit", "--since", after) == "0 entries (newest first)\n"
    day = today.isoformat()
    grants = ("--object-type", "accounts.Grant")
    assert run("web", "audit", *grants, "--since", day, "--until", day).endswith(
        "2 entries (newest first)\n"
    )
    assert refused("web", "audit", "--institution", "XX").startswith(
        "error: no institution 'XX' in the web database (known: INASTI)"
    )


# --- export --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fact_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("webjobs")
    demo_fact_store(root, (PERIOD, PERIOD), start=dt.date(2018, 7, 1), scale=0.03)
    return root / STORE_FILE


@pytest.mark.django_db
@pytest.mark.usefixtures("inasti")
def test_export_writes_the_web_page_workbook(fact_store: Path, tmp_path: Path) -> None:
    sync_results(fact_store)
    make_user("viewer", Role.VIEWER, "INASTI")
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    client.login(request=HttpRequest(), username="viewer", password="pw-for-tests")
    base = f"/contracts/{INASTI}/dashboard/{PERIOD}/"
    pages = [
        ([], base),
        (["--service", "VOB"], base + "services/VOB/"),
        (["--objective", "VOB 2-01"], base + "objectives/VOB%202-01/"),
    ]
    for options, url in pages:
        out_file = tmp_path / "out.xlsx"
        out = run("web", "export", INASTI, PERIOD, *options, "--lang", "nl", "-o", str(out_file))
        assert out.startswith(f"wrote {out_file}")
        web = client.get(url + "export.xlsx")
        assert web.status_code == 200
        assert xlsx_rows(out_file.read_bytes()) == xlsx_rows(web.content)
    assert refused("web", "export", INASTI, "2018-Q1", "-o", str(tmp_path / "x.xlsx")) == (
        f"error: no published result set of {INASTI} holds '2018-Q1' (published periods: {PERIOD})"
    )
    assert refused("web", "export", INASTI, PERIOD, "--service", "NOPE") == (
        f"error: no service 'NOPE' in {INASTI}"
    )
    assert refused("web", "export", INASTI, PERIOD, "--service", "VOB", "--objective", "X") == (
        "error: --service and --objective name two different pages: choose one"
    )


# --- docs/cli-web.md -----------------------------------------------------------------------------

DOC = Path(__file__).resolve().parents[2] / "docs" / "cli-web.md"
_VARYING = (
    (re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [A-Z]+"), "<time>"),
    (re.compile(r"#\d+"), "#<n>"),
    (re.compile(r"sha256 [0-9a-f]{12}"), "sha256 <sha>"),
)


def _normalised(text: str) -> str:
    for pattern, replacement in _VARYING:
        text = pattern.sub(replacement, text)
    return text


@pytest.mark.django_db
def test_the_documented_session_replays(monkeypatch: pytest.MonkeyPatch) -> None:
    steps = console_session(DOC)
    assert len(steps) >= 10
    for command, output in steps:
        args = shlex.split(command)
        assert args[0] == "pilotage"
        result = CliRunner().invoke(main, args[1:])
        assert _normalised(result.output) == _normalised(output), command
        assert result.exit_code == (1 if output.startswith("error:") else 0), command
