"""The audit trail: who changed, viewed or exported what, when and from where; append-only."""
