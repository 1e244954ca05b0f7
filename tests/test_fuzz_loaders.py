"""Never a traceback: every loader of a staff file, fed generated rubbish (random bytes, random
text, CSV-looking and YAML-looking text built from values clerks really type), reports
problems and raises nothing but :class:`~congkhai.problems.DataError`.

Deterministic (``derandomize=True``) so that CI sees the same examples on every run.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from congkhai.datasets.documents import Document
from congkhai.datasets.fields import Record, columns_of, load_csv
from congkhai.datasets.meetings import DialogueItem, Meeting, YearTotal
from congkhai.datasets.notices import load_notices
from congkhai.datasets.organizations import Organization
from congkhai.datasets.people import Person
from congkhai.datasets.plans import Plan, Task
from congkhai.datasets.reception import DayOff, ReceptionConfig, Rule, SessionRow
from congkhai.datasets.relations import Relation
from congkhai.datasets.site import Site
from congkhai.datasets.yamlfile import load_yaml, validate_items
from congkhai.plans import load_plans
from congkhai.problems import DataError, Problems
from congkhai.registry import load_registry

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2021, 11, 30)
FUZZ = settings(
    max_examples=50,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

#: Values clerks type, and values that broke loaders before: impossible and far dates,
#: unquoted times, Excel's formula prefixes, lists, non-ASCII digits, control characters.
TRICKY = [
    "",
    " ",
    "31/02/2021",
    "2021-02-30",
    "2021-04-31",
    "31/12/9999",
    "9999-12-31",
    "0001-01-01",
    "11/2021",
    "00/2021",
    "8:30",
    "08:30",
    "25:00",
    "8h",
    "có",
    "không",
    "yes",
    "no",
    "true",
    "~",
    "null",
    "-1",
    "0",
    "99999999999999999999999",
    "1e309",
    "٣",
    "²",
    "vpub",
    "22/KH-VPUB",
    "22-kh-vpub-2021",
    "cong-khai",
    "noi-bo",
    "hoan-thanh",
    "hang-thang",
    '=HYPERLINK("x")',
    "a;b;;c",
    "[Công khai, Kế hoạch]",
    "{a: 1}",
    '"',
    "'",
    "\t",
    "\x00",
    "\u200b",
    "Văn phòng UBND tỉnh",
    "docs/tep/../../etc/passwd",
    "!!timestamp 2021-02-30",
    "&a x",
    "*a",
]

#: Every CSV of the shipped data and its row model.
SHIPPED_CSV: list[tuple[str, type[Record]]] = [
    ("organizations.csv", Organization),
    ("people.csv", Person),
    ("documents.csv", Document),
    ("relations.csv", Relation),
    ("ngay-nghi.csv", DayOff),
    ("reception/2021.csv", SessionRow),
    ("meetings.csv", Meeting),
    ("dialogue_items.csv", DialogueItem),
    ("dialogue_totals.csv", YearTotal),
]
YAML_KEYS = sorted(
    {
        *Site.model_fields,
        "agency",
        "name",
        *ReceptionConfig.model_fields,
        *Rule.model_fields,
        *Plan.model_fields,
        *Task.model_fields,
        "date",
        "expires",
        "pinned",
        "related",
        "category",
    }
)

cells = st.one_of(st.sampled_from(TRICKY), st.text(max_size=12))


def _csv_cell(value: str, quoted: bool) -> str:
    return '"' + value.replace('"', '""') + '"' if quoted else value


@st.composite
def csv_text(draw: st.DrawFn, columns: tuple[str, ...]) -> str:
    """A header of mostly real columns, then rows of tricky cells, sometimes ragged."""
    header = draw(
        st.lists(st.one_of(st.sampled_from(columns), cells), min_size=1, max_size=len(columns) + 2)
    )
    delimiter = draw(st.sampled_from([",", ";"]))
    lines = [delimiter.join(header)]
    for _ in range(draw(st.integers(0, 4))):
        row = draw(st.lists(st.tuples(cells, st.booleans()), max_size=len(header) + 1))
        lines.append(delimiter.join(_csv_cell(v, q) for v, q in row))
    return draw(st.sampled_from(["\n", "\r\n"])).join(lines) + "\n"


yaml_scalars = st.one_of(st.sampled_from(TRICKY), st.integers(), st.booleans(), st.none())
yaml_values = st.recursive(
    yaml_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.one_of(st.sampled_from(YAML_KEYS), cells), inner, max_size=4),
    ),
    max_leaves=12,
)


@st.composite
def yaml_text(draw: st.DrawFn) -> str:
    """Well-formed YAML of real keys and tricky values, or hand-made near-YAML lines."""
    if draw(st.booleans()):
        data = draw(st.dictionaries(st.sampled_from(YAML_KEYS), yaml_values, max_size=6))
        return yaml.safe_dump(data, allow_unicode=True)
    lines = draw(
        st.lists(
            st.tuples(st.integers(0, 4), st.sampled_from(YAML_KEYS), cells),
            max_size=8,
        )
    )
    return "".join(f"{' ' * indent}{key}: {value}\n" for indent, key, value in lines)


@st.composite
def mutated(draw: st.DrawFn, original: str) -> str:
    """A clumsy clerk's edit of a real file: a few values (after ``key:`` in YAML, cells in
    CSV) replaced by tricky ones, or a line dropped or doubled."""
    lines = original.splitlines()
    for _ in range(draw(st.integers(1, 3))):
        if not lines:
            break
        index = draw(st.integers(0, len(lines) - 1))
        line = lines[index]
        action = draw(st.sampled_from(["value", "value", "value", "drop", "double"]))
        if action == "drop":
            del lines[index]
        elif action == "double":
            lines.insert(index, line)
        elif ": " in line or line.rstrip().endswith(":"):
            key = line.split(":", 1)[0]
            lines[index] = f"{key}: {draw(cells)}"
        else:
            parts = line.split(",")
            parts[draw(st.integers(0, len(parts) - 1))] = draw(cells)
            lines[index] = ",".join(parts)
    return "\n".join(lines) + "\n"


def rubbish(
    structured: st.SearchStrategy[str], original: str | None = None
) -> st.SearchStrategy[bytes]:
    """Random bytes, random text, text shaped like the file's format, or (given the real
    file) that file with a few values changed."""
    shaped = [structured] if original is None else [structured, mutated(original)]
    return st.one_of(
        st.binary(max_size=300),
        st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
        *(s.map(lambda t: t.encode("utf-8", "surrogatepass")) for s in shaped),
    )


def shipped(name: str) -> str:
    return (ROOT / "data" / name).read_text(encoding="utf-8")


# --- each loader on its own -------------------------------------------------------------


@pytest.mark.parametrize(("name", "model"), SHIPPED_CSV, ids=[n for n, _ in SHIPPED_CSV])
def test_csv_loader_never_raises(name: str, model: type[Record], tmp_path: Path) -> None:
    path = tmp_path / "file.csv"

    @FUZZ
    @given(content=rubbish(csv_text(columns_of(model)), shipped(name)))
    def check(content: bytes) -> None:
        path.write_bytes(content)
        problems = Problems()
        load_csv(model, path, "data/file.csv", problems, rows_required=True)
        for problem in problems.items:
            assert problem.file == "data/file.csv"
            str(problem)  # every problem can be shown

    check()


@pytest.mark.parametrize(
    ("name", "model", "items"),
    [
        ("site.yaml", Site, None),
        ("reception/rules.yaml", ReceptionConfig, Rule),
        ("plans/phuong-huong-2022.yaml", Plan, Task),
    ],
    ids=["site", "rules", "plan"],
)
def test_yaml_loader_never_raises(
    name: str,
    model: type[Site | ReceptionConfig | Plan],
    items: type[Rule | Task] | None,
    tmp_path: Path,
) -> None:
    path = tmp_path / "file.yaml"

    @FUZZ
    @given(content=rubbish(yaml_text(), shipped(name)))
    def check(content: bytes) -> None:
        path.write_bytes(content)
        problems = Problems()
        value, node = load_yaml(model, path, "data/file.yaml", problems)
        if items is not None and value is not None:
            listed = value.rules if isinstance(value, ReceptionConfig) else value.tasks  # type: ignore[union-attr]
            validate_items(items, listed, ("items",), node, "data/file.yaml", problems)
        for problem in problems.items:
            str(problem)

    check()


def test_notice_loader_never_raises(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "thong-bao"
    folder.mkdir(parents=True)

    @FUZZ
    @given(
        content=st.one_of(
            rubbish(yaml_text(), shipped("thong-bao/lich-tiep-cong-dan-2021.md")),
            yaml_text().map(lambda t: ("---\n" + t + "---\nNội dung.\n").encode()),
        )
    )
    def check(content: bytes) -> None:
        (folder / "thong-bao.md").write_bytes(content)
        load_notices(tmp_path, Problems())

    check()


def test_plan_loader_never_raises(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "plans"
    folder.mkdir(parents=True)

    @FUZZ
    @given(content=rubbish(yaml_text(), shipped("plans/phuong-huong-2022.yaml")))
    def check(content: bytes) -> None:
        (folder / "ke-hoach.yaml").write_bytes(content)
        load_plans(tmp_path, {"organizations": (), "documents": (), "meetings": ()}, Problems())

    check()


# --- the whole registry, one shipped file replaced ---------------------------------------

#: Every staff file of the shipped data, with the format its rubbish should imitate.
SHIPPED: list[tuple[str, type[Record] | None]] = [
    *SHIPPED_CSV,
    ("site.yaml", None),
    ("reception/rules.yaml", None),
    ("plans/phuong-huong-2022.yaml", None),
    ("thong-bao/lich-tiep-cong-dan-2021.md", None),
]


@pytest.fixture(scope="module")
def shipped_copy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("shipped")
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(ROOT / "docs", root / "docs")
    yield root


@st.composite
def replaced_file(draw: st.DrawFn) -> tuple[str, bytes]:
    name, model = draw(st.sampled_from(SHIPPED))
    if model is not None:
        structured = csv_text(columns_of(model))
    elif name.endswith(".md"):
        structured = yaml_text().map(lambda t: "---\n" + t + "---\nNội dung.\n")
    else:
        structured = yaml_text()
    return name, draw(rubbish(structured, shipped(name)))


@FUZZ
@given(replacement=replaced_file())
def test_registry_never_raises_anything_but_data_error(
    shipped_copy: Path, replacement: tuple[str, bytes]
) -> None:
    name, content = replacement
    path = shipped_copy / "data" / name
    original = path.read_bytes()
    path.write_bytes(content)
    try:
        load_registry(shipped_copy, AS_OF)
    except DataError as exc:
        assert exc.problems.errors
    finally:
        path.write_bytes(original)
