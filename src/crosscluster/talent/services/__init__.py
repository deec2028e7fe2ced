"""Every write of the talent area: keyword-only arguments, an explicit ``acting_user``, one transaction, one
audit-log entry; bad input raises ``ValidationError`` naming the field before anything is saved."""
