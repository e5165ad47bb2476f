#!/usr/bin/env python3
"""PyTorch's counterpart of `hebb predict --model FILE --image FILE.png --json`, for latency comparisons.

Reads a model file written by Hebb (safetensors: an 8-byte little-endian header length, a JSON header,
then the raw float32 tensors; layers and activations from the header's hebb.architecture), decodes an
8-bit grayscale, non-interlaced PNG with zlib (pixels scaled to [0, 1], as Hebb does), runs the network
in PyTorch and prints one JSON object: file, predicted, probabilities (softmax of the logits). Only the
activations relu and identity are supported, which covers the note's network.

Run with Debian's PyTorch, e.g.:

    /usr/bin/python3 bench/reference/predict_png.py --model model.safetensors --image digit.png
"""

import argparse
import json
import os
import struct
import sys
import zlib

import numpy as np
import torch


def read_model(path):
    """[(weights [inputs, outputs], biases [outputs], activation)] in layer order."""
    with open(path, "rb") as f:
        (length,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(length))
        data = f.read()
    layers = []
    for layer in json.loads(header["__metadata__"]["hebb.architecture"]):
        if layer["activation"] not in ("relu", "identity"):
            raise ValueError("%s: activation %s is not supported here" % (path, layer["activation"]))
        tensors = []
        for part in ("weights", "biases"):
            entry = header[layer["name"] + "/" + part]
            begin, end = entry["data_offsets"]
            tensors.append(torch.from_numpy(
                np.frombuffer(data, dtype="<f4", count=(end - begin) // 4, offset=begin).reshape(entry["shape"]).copy()))
        layers.append((tensors[0], tensors[1], layer["activation"]))
    return layers


def read_grayscale_png(path):
    """Pixels of an 8-bit grayscale PNG as float32 on [0, 1], row-major."""
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("%s: not a PNG file" % path)
    position, compressed, width = 8, b"", None
    while position < len(raw):
        (length,) = struct.unpack(">I", raw[position:position + 4])
        kind, body = raw[position + 4:position + 8], raw[position + 8:position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if (depth, color, interlace) != (8, 0, 0):
                raise ValueError("%s: expected an 8-bit grayscale, non-interlaced PNG" % path)
        elif kind == b"IDAT":
            compressed += body
    scanlines = zlib.decompress(compressed)
    pixels = bytearray(width * height)
    previous = bytearray(width)
    for row in range(height):
        kind = scanlines[row * (width + 1)]
        line = bytearray(scanlines[row * (width + 1) + 1:(row + 1) * (width + 1)])
        for x in range(width):
            left = line[x - 1] if x else 0
            up, up_left = previous[x], previous[x - 1] if x else 0
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                estimate = left + up - up_left
                nearest = min((abs(estimate - left), 0, left), (abs(estimate - up), 1, up),
                              (abs(estimate - up_left), 2, up_left))[2]
                line[x] = (line[x] + nearest) & 0xFF
        pixels[row * width:(row + 1) * width] = line
        previous = line
    return torch.from_numpy(np.frombuffer(bytes(pixels), dtype=np.uint8).astype(np.float32) / np.float32(255.0))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--model", required=True, metavar="FILE", help="a model file written by hebb train")
    p.add_argument("--image", required=True, metavar="FILE", help="an 8-bit grayscale PNG, white on black")
    args = p.parse_args()
    try:
        layers = read_model(args.model)
        x = read_grayscale_png(args.image).reshape(1, -1)
    except (OSError, ValueError, KeyError) as error:
        print("predict_png: %s" % error, file=sys.stderr)
        sys.exit(1)
    with torch.no_grad():
        for weights, biases, activation in layers:
            x = x @ weights + biases
            if activation == "relu":
                x = torch.relu(x)
        probabilities = torch.softmax(x, dim=1)[0]
    print(json.dumps({"file": os.path.abspath(args.image), "predicted": int(probabilities.argmax()),
                      "probabilities": probabilities.tolist()}))


if __name__ == "__main__":
    main()
