"""The distribution-day engine: steps, losses, triggers, conservation."""
