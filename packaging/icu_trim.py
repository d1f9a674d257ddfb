"""Rebuild Qt's ICU data library (libicudata, 32 MB) with only what Integrado can use (about 5 MB).

Qt Core links ICU for collation (sorting names with accents the Portuguese way), case mapping and
time-zone names. ICU's data library carries every language of the world, every legacy character
set and the word-break dictionaries of Thai, Lao, Khmer, Burmese and Chinese/Japanese. Integrado
speaks Brazilian Portuguese and English and stores UTF-8 only, so this keeps:

- every item that is not tied to one language (Unicode properties, normalisation, the collation
  root table, time-zone rules, plural rules, break rules, aliases, the resource pools);
- the locale data (names, collation tailoring, currency, units, zones, number spelling) of the
  languages in ``KEEP_LANGUAGES`` and ``root``;

and leaves out the other languages' locale data, the legacy character-set tables (``*.cnv``),
the dictionaries (``*.dict``) and the transliterators. ICU falls back to ``root`` for a locale it
does not find, exactly as for any locale it never had.

The data is a single ICU "common data" package (format ``CmnD``): a header, a table of contents
sorted by item name and the items. This module reads it out of the library through its exported
symbol (``icudtNN_dat``), writes a package with the chosen items and links a new shared library
with the same soname and symbol, using the GNU assembler and linker (binutils, which PyInstaller
needs on Linux anyway).

    python packaging/icu_trim.py LIBICUDATA OUT_DIR      # prints what it kept
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

KEEP_LANGUAGES = ("en", "pt")
# A locale id as ICU names its data files: language, then script/region/variant parts.
_LOCALE = re.compile(r"([a-z]{2,3})(?:_[A-Za-z0-9]+)*")
_ALWAYS = {"root", "pool", "res_index"}
_ALIGN = 16  # ICU items are 16-byte aligned in a package


class TrimError(RuntimeError):
    """The library is not a package this tool understands; the caller keeps the original."""


def _keep(item: str, languages: tuple[str, ...]) -> bool:
    path = item.split("/", 1)[1]  # drop the package name (icudt73l/)
    if path.startswith("translit/") or path.endswith((".cnv", ".dict")):
        return False
    base, _, ext = path.rsplit("/", 1)[-1].rpartition(".")
    if ext != "res" or base in _ALWAYS:
        return True
    match = _LOCALE.fullmatch(base)
    return match is None or match.group(1) in languages


def _symbol(library: Path) -> tuple[str, int, int]:
    """(name, file offset, size) of the library's exported icudtNN_dat."""
    out = subprocess.run(
        ["nm", "-D", "--defined-only", "-S", str(library)], capture_output=True, text=True, check=True
    ).stdout
    for line in out.splitlines():
        fields = line.split()
        if len(fields) == 4 and re.fullmatch(r"icudt\d+_dat", fields[3]):
            address, size = int(fields[0], 16), int(fields[1], 16)
            return fields[3], _file_offset(library.read_bytes(), address), size
    raise TrimError(f"{library}: no icudtNN_dat symbol")


def _file_offset(elf: bytes, address: int) -> int:
    if elf[:4] != b"\x7fELF" or elf[4] != 2 or elf[5] != 1:
        raise TrimError("not a 64-bit little-endian ELF file")
    (shoff,) = struct.unpack_from("<Q", elf, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", elf, 0x3A)
    for i in range(shnum):
        _, _, _, addr, offset, size = struct.unpack_from("<IIQQQQ", elf, shoff + i * shentsize)
        if addr and addr <= address < addr + size:
            return offset + address - addr
    raise TrimError(f"address {address:#x} is in no section")


def _items(package: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    header_size, magic1, magic2 = struct.unpack_from("<HBB", package, 0)
    if (magic1, magic2) != (0xDA, 0x27) or package[12:16] != b"CmnD" or package[8] != 0:
        raise TrimError("not a little-endian ICU common data package")
    (count,) = struct.unpack_from("<I", package, header_size)
    toc = [struct.unpack_from("<II", package, header_size + 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_at, data_at) in enumerate(toc):
        start = header_size + name_at
        name = package[start : package.index(b"\0", start)].decode("ascii")
        end = header_size + toc[i + 1][1] if i + 1 < count else len(package)
        items.append((name, package[header_size + data_at : end]))
    return package[:header_size], items


def _pack(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    names = b""
    name_at = []
    table_size = 4 + 8 * len(items)
    for name, _ in items:
        name_at.append(table_size + len(names))
        names += name.encode("ascii") + b"\0"
    body = bytearray()
    data_start = table_size + len(names)
    data_start += -(len(header) + data_start) % _ALIGN
    data_at = []
    for _, data in items:
        data_at.append(data_start + len(body))
        body += data
        body += b"\0" * (-len(body) % _ALIGN)
    table = struct.pack("<I", len(items)) + b"".join(
        struct.pack("<II", n, d) for n, d in zip(name_at, data_at, strict=True)
    )
    padding = b"\0" * (data_start - table_size - len(names))
    return header + table + names + padding + bytes(body)


def trim(library: Path, out_dir: Path, languages: tuple[str, ...] = KEEP_LANGUAGES) -> Path:
    """Write a trimmed copy of ``library`` (same file name and soname) into ``out_dir``."""
    for tool in ("nm", "as", "ld"):
        if shutil.which(tool) is None:
            raise TrimError(f"{tool} (binutils) is not installed")
    symbol, offset, size = _symbol(library)
    header, items = _items(library.read_bytes()[offset : offset + size])
    kept = [(name, data) for name, data in items if _keep(name, languages)]
    if not any(name.endswith("/coll/ucadata.icu") for name, _ in kept):
        raise TrimError("the collation root table is missing from the package")
    out_dir.mkdir(parents=True, exist_ok=True)
    package = out_dir / f"{symbol}.bin"
    package.write_bytes(_pack(header, kept))
    source = out_dir / f"{symbol}.s"
    source.write_text(
        '\t.section .note.GNU-stack,"",@progbits\n'
        "\t.section .rodata\n"
        f"\t.globl {symbol}\n\t.type {symbol}, @object\n\t.balign 16\n"
        f'{symbol}:\n\t.incbin "{package.name}"\n\t.size {symbol}, . - {symbol}\n',
        encoding="ascii",
    )
    subprocess.run(["as", "-o", f"{symbol}.o", source.name], cwd=out_dir, check=True)
    output = out_dir / library.name
    soname = re.sub(r"(\.so\.\d+).*", r"\1", library.name)
    subprocess.run(
        ["ld", "-shared", "-soname", soname, "-z", "noexecstack", "-o", str(output), f"{symbol}.o"],
        cwd=out_dir,
        check=True,
    )
    return output


def main(argv: list[str]) -> int:
    """Trim one library from the command line and say how much it kept."""
    library, out_dir = Path(argv[0]), Path(argv[1])
    output = trim(library, out_dir)
    before, after = library.stat().st_size, output.stat().st_size
    print(f"{output}: {after / 1e6:.1f} MB (was {before / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
