"""Qt widgets of CallSystem."""
