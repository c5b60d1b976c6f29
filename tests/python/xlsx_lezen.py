"""Reads an XLSX workbook with openpyxl (an independent library) and prints the rows of
its first sheet as JSON: a list of rows, each a list of cell texts ("" for empty)."""

import json
import sys

from openpyxl import load_workbook


def main(pad: str) -> None:
    blad = load_workbook(pad, read_only=True).worksheets[0]
    rijen = [["" if c is None else str(c) for c in rij] for rij in blad.iter_rows(values_only=True)]
    json.dump({"blad": blad.title, "rijen": rijen}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
