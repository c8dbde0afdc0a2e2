"""WAL, decrement tables, price and yield, durations, break-evens."""
