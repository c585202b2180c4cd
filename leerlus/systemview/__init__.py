"""The system view: the what-if simulator for service channels (the system map follows)."""
