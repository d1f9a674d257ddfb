"""Who is signed in and what they may do.

On a shared PostgreSQL each operator and supervisor signs in with their own login; the database
decides who did an action (`session_user`) and enforces what each role may do (grants and
row-level security). This package holds the rules the interface mirrors (`rights`) and how an app
learns who it is connected as (`identity`). On a single PC (SQLite) the OS login is the operator
and has every right.
"""

from integrado.access.rights import Action, Role, allowed, why_not

__all__ = ["Action", "Role", "allowed", "why_not"]
