"""CallSystem: what call-center operators use all day to register, follow up and close calls."""
