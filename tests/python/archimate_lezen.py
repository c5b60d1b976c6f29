"""Reads an ArchiMate exchange file with pyArchimate (an independent library) and prints
what it holds as JSON: each element with its type and properties, each relationship with
its type and the names of its ends. The browser and API tests compare that with what
Grondplan exported."""

import json
import sys

from pyArchimate import Model


def main(pad: str) -> None:
    model = Model()
    model.read(pad)
    elementen = [
        {"id": e.uuid, "naam": e.name, "type": e.type, "eigenschappen": dict(e.props)}
        for e in model.elements
    ]
    relaties = [
        {
            "id": r.uuid,
            "type": r.type,
            "bron": r.source.name if r.source else None,
            "doel": r.target.name if r.target else None,
        }
        for r in model.relationships
    ]
    json.dump({"naam": model.name, "elementen": elementen, "relaties": relaties}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
