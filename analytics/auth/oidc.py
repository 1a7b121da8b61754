"""OpenID Connect: map an identity provider's claims to a Chipao role and areas.

Streamlit's ``st.login`` does the sign-in; the users file says what each person may see::

    [oidc]
    username_claim = "email"        # claim that names the user (email, preferred_username, sub)
    groups_claim = "groups"         # optional: claim holding a list of groups

    [oidc.users."somchai@saraburi.go.th"]
    role = "planner"
    areas = ["19"]

    [oidc.groups."chipao-field-190110"]
    role = "field"
    areas = ["190110"]

A person listed under ``users`` gets that entry. Otherwise their groups decide: groups with one
role give that role and the union of their areas; groups with different roles are ambiguous and
refused (an administrator must list the person). Anyone else is refused.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from analytics.domain.access import ROLES, Viewer

_USERNAME = re.compile(r"[\w.@-]{1,100}")


def viewer_from_claims(claims: Mapping[str, Any], mapping: Mapping[str, Any]) -> Viewer | None:
    """The Viewer for these claims under the users file's ``[oidc]`` table, else None."""
    if not claims or not mapping:
        return None
    claim = str(mapping.get("username_claim", "email"))
    username = str(claims.get(claim, "") or "").strip()
    if not _USERNAME.fullmatch(username):
        return None
    if claim == "email" and claims.get("email_verified") is False:
        return None
    entry = _user_entry(mapping.get("users", {}), username)
    if entry is None:
        entry = _group_entry(mapping, claims)
    if entry is None or entry.get("role") not in ROLES:
        return None
    areas = tuple(sorted({str(a) for a in entry.get("areas", [])}))
    return Viewer(username, entry["role"], areas, str(claims.get("name", "") or ""))


def _user_entry(users: Mapping[str, Any], username: str) -> Mapping[str, Any] | None:
    folded = {str(k).casefold(): v for k, v in users.items()}
    found = folded.get(username.casefold())
    return found if isinstance(found, Mapping) else None


def _group_entry(mapping: Mapping[str, Any], claims: Mapping[str, Any]) -> dict | None:
    groups_claim = mapping.get("groups_claim")
    groups = claims.get(str(groups_claim)) if groups_claim else None
    if isinstance(groups, str):
        groups = [groups]
    if not isinstance(groups, list | tuple):
        return None
    table = mapping.get("groups", {})
    matched = [table[g] for g in groups if isinstance(g, str) and isinstance(table.get(g), Mapping)]
    roles = {m.get("role") for m in matched}
    if len(roles) != 1:
        return None
    areas: set[str] = set()
    for m in matched:
        if not m.get("areas"):  # one group with the whole country: the union is the country
            return {"role": roles.pop(), "areas": []}
        areas.update(str(a) for a in m["areas"])
    return {"role": roles.pop(), "areas": sorted(areas)}
