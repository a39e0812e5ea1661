"""Translated names for stored values (roles, principals …), for screens, exports and CLI."""

from __future__ import annotations

from naravard_desktop.db.enums import Principal, Role
from naravard_desktop.i18n import N_, _

_PRINCIPALS = {
    Principal.REGION: N_("Region"),
    Principal.MUNICIPALITY: N_("Municipality"),
    Principal.JOINT: N_("Joint"),
    Principal.OTHER: N_("Other"),
}

_ROLES = {
    Role.CHAIR: N_("Chair"),
    Role.VICE_CHAIR: N_("Vice chair"),
    Role.SECRETARY: N_("Secretary"),
    Role.MEMBER: N_("Member"),
    Role.SUBSTITUTE: N_("Substitute"),
    Role.COOPTED: N_("Co-opted"),
}

# The principals a member can have (Joint is for activities run by both).
MEMBER_PRINCIPALS = (Principal.REGION, Principal.MUNICIPALITY, Principal.OTHER)


def principal_label(value: Principal) -> str:
    return _(_PRINCIPALS[value])


def role_label(value: Role) -> str:
    return _(_ROLES[value])
