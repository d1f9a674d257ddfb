"""Qt item models of CallSystem."""
