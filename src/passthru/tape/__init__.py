"""Tape reading, column mapping and validation: source file to a typed canonical frame."""

from passthru.tape.layouts import LAYOUTS
from passthru.tape.load import load_tape
from passthru.tape.raw import RawTape
from passthru.tape.read import read_tape
from passthru.tape.validate import TapeLoad, validate_tape
from passthru.tape.write import check_tape_path, write_tape

__all__ = [
    "LAYOUTS",
    "RawTape",
    "TapeLoad",
    "check_tape_path",
    "load_tape",
    "read_tape",
    "validate_tape",
    "write_tape",
]
