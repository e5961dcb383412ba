"""How a chart writes its numbers: one scale per chart ('$30bn', '17.5m barrels a day', '$18 a barrel').

A unit is a currency, a count, a per cent or a thing (barrel, tonne), optionally 'per' something
('USD per barrel', 'barrel per day'). Labels carry the whole unit; axis ticks only the number and its
scale, because the subtitle names the unit once. The words come from report_style.toml.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@cache
def house_style() -> dict[str, Any]:
    """The chart style table (metrics/data/report_style.toml), read once."""
    text = resources.files("metrics").joinpath("data/report_style.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


@dataclass(frozen=True, slots=True)
class Scale:
    """How a unit's numbers are written: '$30bn' (symbol, divisor, suffix), 'US$ billion' (name), and
    the words a label adds after the number (' a barrel', ' barrels a day')."""

    unit: str
    size: float
    prefix: str
    suffix: str
    name: str
    words: str = ""


def _thing(base: str, plural: bool) -> str:
    words = house_style()["unit_words"].get(base)
    if words is None:
        return base
    return str(words[1] if plural else words[0])


def scale_for(unit: str, largest: float) -> Scale:
    """The scale a chart uses for all its figures, chosen by the largest one."""
    style = house_style()
    base, _, per = unit.partition(" per ")
    per_words = f" a {_thing(per, False)}" if per else ""
    symbol = style["currencies"].get(base)
    currency_name = style["currency_names"].get(base, base)
    step = next((s for s in style["scales"] if abs(largest) >= s["size"]), None)
    if symbol is not None:
        per_name = f" per {_thing(per, False)}" if per else ""
        if step is None:
            return Scale(unit, 1.0, symbol, "", currency_name + per_name, per_words)
        return Scale(
            unit, step["size"], symbol, step["short"], f"{currency_name} {step['long']}{per_name}", per_words
        )
    if base == "count" and not per:
        if step is None:
            return Scale(unit, 1.0, "", "", "number")
        return Scale(unit, step["size"], "", step["short"], f"number, {step['long']}s")
    if base == "%" and not per:
        return Scale(unit, 1.0, "", "%", "per cent")
    things = _thing(base, True) + per_words
    if step is None:
        return Scale(unit, 1.0, "", "", things, f" {things}")
    return Scale(unit, step["size"], "", step["short"], f"{step['long']} {things}", f" {things}")


def number(value: float) -> str:
    """12 -> '12', 27.5 -> '27.5', 1234.56 -> '1,234.6': at most one decimal, no trailing zeros."""
    if math.isclose(value, round(value), abs_tol=1e-9):
        return f"{round(value):,}"
    return f"{value:,.1f}".rstrip("0").rstrip(".")


def tick(value: float, scale: Scale) -> str:
    """A number on an axis: '$30bn', '17.5m', '5%' (the subtitle names the unit)."""
    sign = "-" if value < 0 else ""
    return f"{sign}{scale.prefix}{number(abs(value) / scale.size)}{scale.suffix}"


def amount(value: float, scale: Scale) -> str:
    """A figure in a label: '$30bn', '77', '5.2%', '$18 a barrel', '17.5m barrels a day'."""
    return tick(value, scale) + scale.words
