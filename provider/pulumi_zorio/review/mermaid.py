"""Mermaid flowcharts of DTMF menus: one script's flow (marking what a change adds, removes or re-targets), or a
whole configuration's call flows linked through switch_script.

Every label is a quoted Mermaid string whose text is entity-escaped (`"` → `#quot;`, `#` → `#35;`, `<` → `#lt;`
...), so a template holding quotes, `<b>` or brackets renders as written and never breaks the diagram; node ids are
derived from logical names (stable from one plan to the next), hashed where a name has characters ids cannot hold.
"""

from __future__ import annotations

import hashlib
import re
import textwrap
from collections.abc import Iterable, Mapping

from .menu import ADDED, CHANGE_WORDS, REMOVED, RETARGETED, RELABELLED, Menu, MenuChange, MenuItem, digit_order

ENTITIES = {"&": "#amp;", "#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "`": "#96;", "|": "#124;",
            "\n": " ", "\r": " ", "\t": " "}
"""Characters a quoted Mermaid label may not hold as themselves (`#` would start an entity, `<` a tag)."""
WRAP = 44
"""Label lines are wrapped at this many characters (Mermaid sizes nodes to their longest line)."""
GREETING_CHARS = 220
"""A longer greeting is cut here in the picture (the full text is in the review above it)."""
CLASS_STYLES = {
    ADDED: "fill:#dafbe1,stroke:#1a7f37,stroke-width:2px,color:#0b3d1a",
    REMOVED: "fill:#ffebe9,stroke:#cf222e,stroke-width:2px,stroke-dasharray:5 3,color:#67060c",
    RETARGETED: "fill:#fff8c5,stroke:#9a6700,stroke-width:2px,color:#4d2d00",
    RELABELLED: "fill:#ddf4ff,stroke:#0969da,stroke-width:1px,color:#0a3069",
}
FRONT_MATTER = ("---", "config:", "  flowchart:", "    wrappingWidth: 360", "---")
"""Wider label lines than Mermaid's 200 px default, so a greeting reads as sentences, not a column of words."""
NEUTRAL = {"greeting": "fill:#f6f8fa,stroke:#57606a,color:#1f2328", "campaign": "fill:#fbefff,stroke:#8250df,color:#3e1f79"}


def escape(text: str) -> str:
    """Text for inside a quoted label: every special character as a Mermaid entity."""
    return "".join(ENTITIES.get(char, char) for char in text)


def label(*lines: str, bold_first: bool = False) -> str:
    """A quoted label of escaped, wrapped lines (`<br/>` between them; the first in bold if asked)."""
    shown = []
    for index, line in enumerate(lines):
        wrapped = [escape(part) for part in textwrap.wrap(line, WRAP, break_long_words=True)] or [""]
        text = "<br/>".join(wrapped)
        shown.append(f"<b>{text}</b>" if bold_first and index == 0 else text)
    return '"' + "<br/>".join(shown) + '"'


def node_id(name: str, kind: str = "s", suffix: str = "") -> str:
    """`s_payment_reminder`, `k_payment_reminder_1`: stable; letters, digits and `_`; a name holding any other
    character gets a hash of itself, so `payment-reminder` and `payment_reminder` stay two nodes. The kind prefix
    (`s` script, `k` key, `c` campaign, `f` flow) keeps a script and another script's key apart."""
    safe = re.sub(r"[^A-Za-z0-9_]", "_", name)
    if safe != name:
        safe += "_" + hashlib.sha1(name.encode()).hexdigest()[:6]
    return f"{kind}_{safe}" + (f"_{suffix}" if suffix else "")


KEY_NAMES = {"*": "star", "#": "hash"}


def _key_id(script: str, digit: str) -> str:
    return node_id(script, "k", KEY_NAMES.get(digit, digit))


def greeting_lines(menu: Menu) -> list[str]:
    """The script's name, its greeting (placeholders as written), and how often it may repeat."""
    text = " ".join(menu.template.split())
    if len(text) > GREETING_CHARS:
        text = text[:GREETING_CHARS].rsplit(" ", 1)[0] + " …"
    lines = [f"script {menu.script}", text or "(no greeting)"]
    if menu.max_repeat:
        lines.append(f"plays at most {menu.max_repeat}× per call")
    return lines


def script_flowchart(menu: Menu, changes: Mapping[str, MenuChange] | None = None) -> str:
    """One script's flow; with `changes`, the new flow with added, removed and re-targeted keys marked."""
    changes = changes or {}
    lines = [*FRONT_MATTER, "flowchart LR"]
    greeting = node_id(menu.script)
    lines.append(f"  {greeting}[{label(*greeting_lines(menu), bold_first=True)}]:::greeting")
    items = list(menu.items)
    removed = [c.before for c in changes.values() if c.change == REMOVED and c.before is not None]
    used_classes = {"greeting"}
    for item in sorted([*items, *removed], key=lambda i: digit_order(i.digit)):
        change = changes.get(item.digit)
        lines += _item_lines(menu, item, change)
        if change is not None:
            used_classes.add(change.change)
    lines += _class_defs(used_classes)
    lines += _legend([c for c in (ADDED, REMOVED, RETARGETED, RELABELLED) if c in used_classes])
    return "\n".join(lines) + "\n"


def _item_lines(menu: Menu, item: MenuItem, change: MenuChange | None,
                targets: Mapping[str, str] | None = None) -> list[str]:
    """The key's edge from the greeting and its action node (a repeat loops back); a switch to a script in
    `targets` is drawn by the caller, once every script's node exists."""
    greeting, key = node_id(menu.script), _key_id(menu.script, item.digit)
    removed = change is not None and change.change == REMOVED
    edge_text = f"{item.digit} · {item.label}" if item.label else item.digit
    if change is not None and change.change == RETARGETED and change.before is not None:
        edge_text += f" (was: {change.before.what})"
    elif change is not None and change.change == RELABELLED and change.before is not None:
        edge_text += f" (was: {change.before.label or 'no label'})"
    elif removed:
        edge_text += " (removed)"
    arrow = "-.->" if removed else "-->"
    css = f":::{change.change}" if change is not None else ""
    lines = []
    if item.action_type == "switch_script" and targets is not None and item.target in targets:
        return lines
    if item.action_type == "switch_script":
        lines.append(f"  {key}[[{label(item.what)}]]{css}")
    elif item.action_type in ("hangup", "playback_then_hangup"):
        lines.append(f"  {key}([{label(item.what)}]){css}")
    else:
        lines.append(f"  {key}[{label(item.what)}]{css}")
    lines.append(f"  {greeting} {arrow}|{label(edge_text)}| {key}")
    if item.action_type in ("repeat_script", "playback") and not removed:
        back = "back to the message" if item.action_type == "playback" else "again"
        if item.action_type == "repeat_script" and menu.max_repeat:
            back = f"again (at most {menu.max_repeat}×)"
        lines.append(f"  {key} -.->|{label(back)}| {greeting}")
    return lines


def _class_defs(used: Iterable[str]) -> list[str]:
    styles = {**NEUTRAL, **CLASS_STYLES}
    return [f"  classDef {name} {styles[name]}" for name in (*NEUTRAL, *CLASS_STYLES) if name in set(used)]


def _legend(classes: list[str]) -> list[str]:
    """A small legend box naming only the marks this diagram uses."""
    if not classes:
        return []
    lines = ['  subgraph legend["Legend"]', "    direction LR"]
    lines += [f"    legend_{name}[{label(CHANGE_WORDS[name])}]:::{name}" for name in classes]
    if len(classes) > 1:  # invisible links keep the marks side by side
        lines.append("    " + " ~~~ ".join(f"legend_{name}" for name in classes))
    lines.append("  end")
    return lines


def configuration_flowchart(menus: Iterable[Menu], campaigns: Mapping[str, tuple[str, str]] | None = None) -> str:
    """Every script's flow in one picture, switch_script keys drawn to the script they switch to; campaigns
    (name → (script, status)) point at the script they call with."""
    menus = list(menus)
    greetings = {menu.script: node_id(menu.script) for menu in menus}
    lines = [*FRONT_MATTER, "flowchart LR"]
    used = {"greeting"}
    for name, (script, status) in sorted((campaigns or {}).items()):
        campaign = node_id(name, "c")
        lines.append(f"  {campaign}([{label(f'campaign {name}', f'status: {status}', bold_first=True)}]):::campaign")
        used.add("campaign")
        if script in greetings:
            lines.append(f"  {campaign} --> {greetings[script]}")
    for menu in menus:
        lines.append(f"  subgraph {node_id(menu.script, 'f')}[{label(menu.script)}]")
        lines.append(f"    {greetings[menu.script]}[{label(*greeting_lines(menu), bold_first=True)}]:::greeting")
        lines += ["  " + line for item in menu.items for line in _item_lines(menu, item, None, greetings)]
        lines.append("  end")
    for menu in menus:  # cross-script edges after every subgraph, so each target is declared in its own
        for item in menu.items:
            if item.action_type == "switch_script" and item.target in greetings:
                edge = f"{item.digit} · {item.label}" if item.label else item.digit
                lines.append(f"  {greetings[menu.script]} -->|{label(edge)}| {greetings[item.target]}")
    lines += _class_defs(used)
    return "\n".join(lines) + "\n"


def mermaid_block(diagram: str) -> str:
    """A fenced block GitHub renders as the picture."""
    return f"```mermaid\n{diagram}```\n"


__all__ = ["configuration_flowchart", "escape", "label", "mermaid_block", "node_id", "script_flowchart"]
