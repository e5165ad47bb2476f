"""The MNIST IDX format with the standard library alone, shared by the reference scripts and the harness."""

import gzip
import os
import struct


def find_file(folder, stem):
    """`folder/stem`, else `folder/stem.gz`, else None."""
    for name in (stem, stem + ".gz"):
        path = os.path.join(folder, name)
        if os.path.isfile(path):
            return path
    return None


def read_idx(path):
    """The dimensions and the raw bytes of an unsigned-byte IDX file, plain or gzipped."""
    with (gzip.open if path.endswith(".gz") else open)(path, "rb") as f:
        raw = f.read()
    (magic,) = struct.unpack(">I", raw[0:4])
    if magic >> 8 != 0x08:  # 0x08 = unsigned byte
        raise ValueError("%s: not an unsigned-byte IDX file (magic %d)" % (path, magic))
    ndim = magic & 0xFF
    dims = list(struct.unpack(">%dI" % ndim, raw[4:4 + 4 * ndim]))
    data = raw[4 + 4 * ndim:]
    size = 1
    for dim in dims:
        size *= dim
    if len(data) != size:
        raise ValueError("%s: expected %d values, found %d" % (path, size, len(data)))
    return dims, data
