"""Login rate limiting in the database: the ``login_throttle`` table (one row per HMAC'd client address or
username), so every app process of a workspace counts the same failed sign-ins.

Adds a table only: an 0001 database upgrades in place (nothing to copy: the old limiter kept its counts in
each process's memory, and they are forgotten on restart as before).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 16:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('login_throttle',
    sa.Column('key_hmac', sa.String(length=64), nullable=False),
    sa.Column('attempts', sa.JSON(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('last_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key_hmac', name=op.f('pk_login_throttle'))
    )
    with op.batch_alter_table('login_throttle', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_login_throttle_last_at'), ['last_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('login_throttle', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_login_throttle_last_at'))
    op.drop_table('login_throttle')
