"""Operations reports: daily and weekly figures from the event history, as PDF and CSV."""
